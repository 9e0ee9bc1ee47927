"""Rebuild one workspace's search documents from its objects (the `search.reindex` job).

Restartable: each batch deletes then inserts the documents of its objects, and documents
whose object is gone are pruned, so a run stopped half-way (or run twice) leaves a correct
index once it completes. Cheap on memory: it reads only the id, title and searchable columns,
BATCH rows at a time in id order, never ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from types import SimpleNamespace

from sqlalchemy import select

from tandem.platform.policy import Action
from tandem.registry import RESOURCES
from tandem.scope import Scope
from tandem.storage.fulltext import fulltext_for

BATCH = 500

Progress = Callable[[int, int], None]  # (objects done, objects in all)


def _quiet(done: int, total: int) -> None:
    pass


def reindex(scope: Scope, progress: Progress = _quiet, batch: int = BATCH) -> int:
    """Rewrite the workspace's search documents in one transaction; returns how many
    objects were indexed."""
    return reindex_in_steps(lambda: nullcontext(scope), progress, batch)


def reindex_in_steps(transaction: Callable[[], AbstractContextManager[Scope]],
                     progress: Progress = _quiet, batch: int = BATCH) -> int:
    """The same, one transaction per batch (`transaction()` opens one), so a background job
    holds no write lock for long and reports progress between batches."""
    with transaction() as scope:
        scope.require(Action.run_job)
        fulltext_for(scope.session).prune_kinds(scope.session, scope.workspace_id, RESOURCES)
        total = sum(res.count(scope) for res in RESOURCES.values())
    done = 0
    progress(done, total)
    for res in RESOURCES.values():
        model = res.model
        names = dict.fromkeys((res.title_field, *res.search))
        columns = [model.id, *(getattr(model, n) for n in names)]
        with transaction() as scope:
            mine = model.workspace_id == scope.workspace_id
            fulltext_for(scope.session).prune(scope.session, scope.workspace_id, res.name,
                                              select(model.id).where(mine))
        last = 0
        while True:
            with transaction() as scope:
                session, workspace_id = scope.session, scope.workspace_id
                rows = session.execute(
                    select(*columns).where(model.workspace_id == workspace_id,
                                           model.id > last)
                    .order_by(model.id).limit(batch)).all()
                if rows:
                    fulltext_for(session).replace(
                        session, workspace_id, res.name,
                        [(row.id, *res.search_text(SimpleNamespace(**row._mapping)))
                         for row in rows])
            if not rows:
                break
            last = rows[-1].id
            done += len(rows)
            total = max(total, done)  # objects added while we run
            progress(done, total)
    return done
