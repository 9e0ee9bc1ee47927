"""Evidence is embedded by a background job after it is committed, on both engines: queued
by the outbox subscriber, one waiting run per workspace, re-embedded when its words or the
model change, its vectors gone when it is deleted."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tandem.accounts.models import User, Workspace
from tandem.api.app import create_api
from tandem.inbound.embeddings import service
from tandem.inbound.evidence.importer import Request, import_file
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.platform.events import outbox
from tandem.platform.jobs.models import Job
from tandem.runtime import Runtime
from tandem.storage.embedder import HashingEmbedder
from tandem.storage.search_index import Embedding
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
