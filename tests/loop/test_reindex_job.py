"""The sample job, rebuilding the search index, from the API: 202, then poll the job."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.api.app import create_api
from tandem.runtime import Runtime
from tests.api.conftest import token_for
from tests.jobs.support import make_worker
from tests.loop.reindex_support import finds, seed


def test_api_answers_202_and_the_job_can_be_polled_to_its_result(
        runtime: Runtime, owner: User, workspace: Workspace) -> None:
    seed(runtime, owner)
    assert finds(runtime, "payroll") == []
    auth = token_for(runtime, owner)
    with TestClient(create_api(runtime)) as api:
        started = api.post("/workspaces/acme/search/reindex", headers=auth)
        assert started.status_code == 202
        job = started.json()
        assert job["status"] == "queued" and job["label"] == "Rebuild the search index"
        url = f"/api/v1/workspaces/acme/jobs/{job['id']}"
        assert started.headers["location"] == job["url"] == url
        assert make_worker(runtime).run_once()
        done = api.get(f"/workspaces/acme/jobs/{job['id']}", headers=auth).json()
    assert (done["status"], done["progress"]) == ("succeeded", 100)
    assert done["result"] == {"indexed": 3} and done["requested_by"] == owner.email
    assert finds(runtime, "payroll") == ["Payroll export"]


def test_viewers_cannot_start_it(runtime: Runtime, owner: User, workspace: Workspace) -> None:
    with runtime.session() as session:
        viewer = accounts.create_user(session, "vera@example.com", "correct-horse-1")
    with runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, viewer.email, Role.viewer)
    with TestClient(create_api(runtime)) as api:
        refused = api.post("/workspaces/acme/search/reindex", headers=token_for(runtime, viewer))
    assert refused.status_code == 403


