"""Rebuild one workspace's search documents from its objects (the `search.reindex` job).

Restartable: each batch deletes then inserts the documents of its objects, and documents
whose object is gone are pruned, so a run stopped half-way (or run twice) leaves a correct
index once it completes. Cheap on memory: it reads only the id, title and searchable columns,
BATCH rows at a time in id order, never ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable
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
    """Rewrite the workspace's search documents; returns how many objects were indexed."""
    scope.require(Action.run_job)
    session, workspace_id = scope.session, scope.workspace_id
    index = fulltext_for(session)
    index.prune_kinds(session, workspace_id, RESOURCES)
    total = sum(res.count(scope) for res in RESOURCES.values())
    done = 0
    progress(done, total)
    for res in RESOURCES.values():
        model = res.model
        mine = model.workspace_id == workspace_id
        index.prune(session, workspace_id, res.name, select(model.id).where(mine))
        names = dict.fromkeys((res.title_field, *res.search))
        columns = [model.id, *(getattr(model, n) for n in names)]
        last = 0
        while True:
            rows = session.execute(select(*columns).where(mine, model.id > last)
                                   .order_by(model.id).limit(batch)).all()
            if not rows:
                break
            index.replace(session, workspace_id, res.name,
                          [(row.id, *res.search_text(SimpleNamespace(**row._mapping)))
                           for row in rows])
            last = rows[-1].id
            done += len(rows)
            total = max(total, done)  # objects added while we run
            progress(done, total)
    return done
