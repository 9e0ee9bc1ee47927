"""Evidence is embedded by a background job after it is committed, on both engines: queued
by the outbox subscriber, one waiting run per workspace, re-embedded when its words or the
model change, its vectors gone when it is deleted."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from tandem.accounts.models import User, Workspace
from tandem.api.app import create_api
from tandem.inbound.embeddings import service
from tandem.inbound.evidence.importer import Request, import_file
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.platform.events import outbox
from tandem.platform.jobs.models import Job
from tandem.runtime import Runtime
from tandem.storage.embedder import HashingEmbedder, Vectors
from tandem.storage.engine import write_intent
from tandem.storage.search_index import Embedding
from tandem.storage.vectors import vectors_for
from tests.api.conftest import token_for
from tests.jobs.support import make_worker

CSV = "text\nMy card never arrived\nRefund my purchase\nHow do I reset my PIN?\n"


def import_sample(runtime: Runtime, owner: User, tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_text(CSV, encoding="utf-8")
    import_file(lambda: runtime.scope(owner, "acme"), path, Request("feedback.csv"))


def embed_jobs(runtime: Runtime) -> list[Job]:
    with runtime.session() as session:
        return list(session.scalars(select(Job).where(Job.kind == service.EMBED_JOB)))


def vectors(runtime: Runtime, model: str) -> int:
    with runtime.session() as session:
        return session.scalar(select(func.count(Embedding.id)).where(
            Embedding.model == model, Embedding.kind == "evidence")) or 0


def test_an_import_queues_one_run_that_embeds_everything(
        runtime: Runtime, owner: User, workspace: Workspace, tmp_path: Path) -> None:
    import_sample(runtime, owner, tmp_path)
    with runtime.scope(owner, "acme") as scope:
        assert service.coverage(scope, runtime.embedder.name).missing == 3
    assert embed_jobs(runtime) == []  # the import itself never waits on the model
    outbox.dispatch(runtime.db)
    assert len(embed_jobs(runtime)) == 1  # three events, one waiting run
    assert make_worker(runtime).run_once()
    [job] = embed_jobs(runtime)
    assert job.status == "succeeded" and job.result == {
        "embedded": 3, "model": runtime.embedder.name}
    with runtime.scope(owner, "acme") as scope:
        found = service.coverage(scope, runtime.embedder.name)
    assert (found.embedded, found.total) == (3, 3)


def test_new_words_and_a_new_model_embed_again(runtime: Runtime, owner: User,
                                               workspace: Workspace) -> None:
    with runtime.scope(owner, "acme") as scope:
        item = evidence.create(scope, EvidenceCreate(text="Export to CSV please"))
        other = evidence.create(scope, EvidenceCreate(text="Dark mode"))
        assert service.embed_batch(scope, runtime.embedder) == [item.id, other.id]
        assert service.embed_batch(scope, runtime.embedder) == []
    outbox.dispatch(runtime.db)  # the creations: vectors exist, the run finds nothing
    with runtime.scope(owner, "acme") as scope:
        evidence.update(scope, item.id,
                        evidence.update_schema(text="Export to Excel please"))
        evidence.delete(scope, other.id)
    outbox.dispatch(runtime.db)
    assert vectors(runtime, runtime.embedder.name) == 0  # reworded and deleted: dropped
    with runtime.scope(owner, "acme") as scope:
        assert service.embed_batch(scope, runtime.embedder) == [item.id]
        bigger = HashingEmbedder(dim=128, name="hashing-128")
        assert service.coverage(scope, bigger.name).missing == 1
        assert service.embed_batch(scope, bigger) == [item.id]  # another model: again
    assert vectors(runtime, "hashing-128") == 1


def test_the_api_starts_a_run_on_demand(runtime: Runtime, owner: User,
                                        workspace: Workspace, tmp_path: Path) -> None:
    import_sample(runtime, owner, tmp_path)
    auth = token_for(runtime, owner)
    with TestClient(create_api(runtime)) as api:
        started = api.post("/workspaces/acme/evidence/embed", headers=auth)
        assert started.status_code == 202 and started.json()["label"] == "Embed evidence"
        assert make_worker(runtime).run_once()
        found = api.get("/workspaces/acme/evidence/embeddings", headers=auth).json()
    assert found == {"model": runtime.embedder.name, "embedded": 3, "total": 3, "missing": 0}


class RewordingEmbedder(HashingEmbedder):
    """While the model 'runs', someone rewords one item through another write transaction:
    that write must not wait on the embedding run, and the old text's vector is not kept."""

    def __init__(self, runtime: Runtime, owner: User, target: int) -> None:
        super().__init__()
        self.runtime, self.owner, self.target, self.calls = runtime, owner, target, 0

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        if self.calls == 1:
            with self.runtime.db.session(write=True) as session:  # on SQLite: BEGIN IMMEDIATE
                session.execute(update(Evidence).where(Evidence.id == self.target)
                                .values(text="My replacement card never arrived"))
        return super().embed(texts)


def test_the_run_holds_no_transaction_while_the_model_runs(
        runtime: Runtime, owner: User, workspace: Workspace, tmp_path: Path) -> None:
    import_sample(runtime, owner, tmp_path)
    with runtime.scope(owner, "acme") as scope:
        first = min(e.id for e in evidence.all(scope))
    model = RewordingEmbedder(runtime, owner, first)
    writing = write_intent.set(True)  # as in a job: on SQLite each scope is BEGIN IMMEDIATE
    try:
        done = service.embed_missing(lambda: runtime.scope(owner, "acme"), model)
    finally:
        write_intent.reset(writing)
    assert model.calls == 2 and done == 3  # the reworded item went round again, alone
    with runtime.scope(owner, "acme") as scope:
        store = vectors_for(scope.session)
        ids, stored = store.load(scope.session, scope.workspace_id, "evidence", model.name)
        assert sorted(ids.tolist()) == sorted(e.id for e in evidence.all(scope))
        fresh = HashingEmbedder().embed(["My replacement card never arrived"])[0]
        assert stored[ids.tolist().index(first)] == pytest.approx(fresh, abs=1e-6)
