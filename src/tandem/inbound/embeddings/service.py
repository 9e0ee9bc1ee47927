"""Evidence vectors: which evidence still lacks a vector for the current model, and filling
them in batches. Runs in the background (`evidence.embed`), never inside an import.

A vector is stored per (evidence, model name), so switching the `embedder` setting leaves
the old vectors aside and the next run embeds everything again for the new model. After
each batch the hooks in `AFTER_EMBED` run with the ids just embedded (themes assigns new
evidence to the nearest theme there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from tandem.inbound.evidence.models import Evidence
from tandem.platform.actor import SystemJob
from tandem.platform.events.models import Event
from tandem.platform.jobs.models import Job, JobStatus
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.storage.embedder import Embedder, Vectors
from tandem.storage.search_index import Embedding
from tandem.storage.vectors import vectors_for

KIND = "evidence"
EMBED_JOB = "evidence.embed"
# Evidence items per batch. The model pads each of its own batches to the longest text, and
# sorts the texts it is given by length first, so a larger batch wastes less on padding:
# on BANKING77 test, 256 at a time gave 320 texts/s, 1,024 about 360 and 4,096 about 425
# (the whole set sorted at once, 2026-11-26). 4,096 rather than 2,048 so that an import of
# a few thousand items is embedded in one call (its 3,080 texts in two calls took 0.2 s
# longer than in one). No lock is held while a batch is embedded.
BATCH = 4096

AfterEmbed = Callable[[Scope, Embedder, list[int]], None]
AFTER_EMBED: list[AfterEmbed] = []


@dataclass
class Coverage:
    """How much of a workspace's evidence has a vector for `model`."""

    model: str
    embedded: int
    total: int

    @property
    def missing(self) -> int:
        return self.total - self.embedded


def _missing(scope: Scope, model: str):  # type: ignore[no-untyped-def]
    has_vector = select(Embedding.object_id).where(
        Embedding.kind == KIND, Embedding.model == model,
        Embedding.workspace_id == scope.workspace_id)
    return select(Evidence.id, Evidence.text).where(
        Evidence.workspace_id == scope.workspace_id, Evidence.id.not_in(has_vector))


def coverage(scope: Scope, model: str) -> Coverage:
    scope.require(Action.read)
    total = scope.session.scalar(select(func.count(Evidence.id)).where(
        Evidence.workspace_id == scope.workspace_id)) or 0
    embedded = scope.session.scalar(
        select(func.count(Embedding.id)).join(Evidence, and_(
            Evidence.id == Embedding.object_id, Embedding.kind == KIND))
        .where(Embedding.workspace_id == scope.workspace_id, Embedding.model == model)) or 0
    return Coverage(model, embedded, total)


def pending(scope: Scope, model: str, limit: int = BATCH) -> list[tuple[int, str]]:
    """Up to `limit` evidence items lacking a vector of `model`: (id, text), oldest first."""
    scope.require(Action.update)
    rows = scope.session.execute(_missing(scope, model).order_by(Evidence.id).limit(limit))
    return [(int(r.id), str(r.text)) for r in rows]


def store(scope: Scope, embedder: Embedder, rows: Sequence[tuple[int, str]],
          vectors: Vectors) -> list[int]:
    """Store the vectors of `rows` (embedded from the texts shown), except for items deleted
    or reworded since they were read (they are embedded again on the next pass); then run
    the AFTER_EMBED hooks. The ids stored."""
    scope.require(Action.update)
    now = {int(i): str(t) for i, t in scope.session.execute(
        select(Evidence.id, Evidence.text).where(
            Evidence.workspace_id == scope.workspace_id,
            Evidence.id.in_([i for i, _ in rows])))}
    keep = [n for n, (i, text) in enumerate(rows) if now.get(i) == text]
    ids = [rows[n][0] for n in keep]
    if ids:
        vectors_for(scope.session).put_many(scope.session, scope.workspace_id, KIND,
                                            embedder.name, ids, vectors[keep])
        for hook in AFTER_EMBED:
            hook(scope, embedder, ids)
    return ids


def embed_batch(scope: Scope, embedder: Embedder, limit: int = BATCH) -> list[int]:
    """Embed up to `limit` evidence items that lack a vector, in one transaction; the ids
    embedded. (The background run, `embed_missing`, embeds outside any transaction.)"""
    rows = pending(scope, embedder.name, limit)
    if not rows:
        return []
    return store(scope, embedder, rows, embedder.embed([t for _, t in rows]))


def embed_missing(open_scope: Callable[[], AbstractContextManager[Scope]], embedder: Embedder,
                  progress: Callable[[int, int], None] | None = None) -> int:
    """Embed every item lacking a vector; how many were stored. Each batch is read in one
    short transaction, embedded with no transaction open (so no lock is held while the
    model runs, which takes seconds for a batch), and stored in another."""
    with open_scope() as scope:
        total = coverage(scope, embedder.name).missing
    done = 0
    while True:
        with open_scope() as scope:
            rows = pending(scope, embedder.name)
        if not rows:
            return done
        vectors = embedder.embed([t for _, t in rows])
        with open_scope() as scope:
            done += len(store(scope, embedder, rows, vectors))
        if progress is not None:
            progress(done, max(total, done))


def start(scope: Scope) -> Job:
    """Queue an embedding run for the scope's workspace (the on-demand face)."""
    from tandem.platform.jobs import service as jobs  # it reads the manifest, which lists us

    return jobs.enqueue(scope, EMBED_JOB)


def on_event(session: Session, event: Event) -> None:
    """Subscriber: new or reworded evidence gets (re-)embedded by a queued run; deleted
    evidence loses its vectors. At most one run waits in the queue per workspace."""
    if event.kind != KIND or event.workspace_id is None or event.object_id is None:
        return
    if event.verb == "deleted":
        vectors_for(session).delete(session, event.workspace_id, KIND, event.object_id)
        return
    if event.verb == "updated" and "text" in (event.changes or {}):
        vectors_for(session).delete(session, event.workspace_id, KIND, event.object_id)
    elif event.verb != "created":
        return
    waiting = session.scalar(select(Job.id).where(
        Job.workspace_id == event.workspace_id, Job.kind == EMBED_JOB,
        Job.status == JobStatus.queued.value).limit(1))
    if waiting is None:
        from tandem.accounts.service import scope_by_id
        from tandem.platform.jobs import service as jobs

        scope = scope_by_id(session, SystemJob(EMBED_JOB), event.workspace_id)
        jobs.enqueue(scope, EMBED_JOB)
