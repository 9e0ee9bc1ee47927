"""Jobs over the API: 202 with Location, polling, listing, cancelling, workspace walls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.api.app import create_api
from tandem.runtime import Runtime
from tests.api.conftest import token_for
from tests.conftest import PASSWORD

from .support import make_worker

Headers = dict[str, str]


@pytest.fixture
def api(runtime: Runtime) -> Iterator[TestClient]:
    """The API where the server mounts it, so the URLs it hands out can be followed."""
    outer = FastAPI()
    outer.mount("/api/v1", create_api(runtime))
    with TestClient(outer, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def auth(runtime: Runtime, owner: User, workspace: Workspace) -> Headers:
    return token_for(runtime, owner)


def person(runtime: Runtime, owner: User, email: str, role: Role) -> Headers:
    with runtime.session() as session:
        user = accounts.create_user(session, email, PASSWORD)
    with runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, email, role)
    return token_for(runtime, user)


def test_start_answers_202_with_location_then_polls_to_the_result(
        api: TestClient, auth: Headers, runtime: Runtime) -> None:
    started = api.post("/api/v1/workspaces/acme/echo", params={"text": "hi"}, headers=auth)
    assert started.status_code == 202, started.text
    body = started.json()
    location = started.headers["location"]
    assert location == body["url"] == f"/api/v1/workspaces/acme/jobs/{body['id']}"
    assert (body["status"], body["progress"], body["label"]) == ("queued", 0, "Echo the text")
    assert api.get(location, headers=auth).json()["status"] == "queued"
    assert make_worker(runtime).run_once()
    done = api.get(location, headers=auth).json()
    assert (done["status"], done["progress"], done["attempts"]) == ("succeeded", 100, 1)
    assert done["result"]["echo"] == "hi"
    assert done["requested_by"] == "owner@example.com"
    assert done["finished_at"] is not None


def test_list_is_paginated_newest_first_and_filters_by_status(
        api: TestClient, auth: Headers) -> None:
    ids = [api.post("/api/v1/workspaces/acme/echo", headers=auth).json()["id"]
           for _ in range(3)]
    page = api.get("/api/v1/workspaces/acme/jobs", params={"limit": 2}, headers=auth).json()
    assert [j["id"] for j in page["items"]] == [ids[2], ids[1]]
    assert (page["total"], page["next_offset"]) == (3, 2)
    api.post(f"/api/v1/workspaces/acme/jobs/{ids[0]}/cancel", headers=auth)
    cancelled = api.get("/api/v1/workspaces/acme/jobs", params={"status": "cancelled"},
                        headers=auth).json()
    assert [j["id"] for j in cancelled["items"]] == [ids[0]]
    wrong = api.get("/api/v1/workspaces/acme/jobs", params={"status": "nope"}, headers=auth)
    assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "status"


def test_cancel_a_queued_job_then_conflict_once_another_finished(
        api: TestClient, auth: Headers, runtime: Runtime) -> None:
    first = api.post("/api/v1/workspaces/acme/echo", headers=auth).json()
    assert make_worker(runtime).run_once()
    second = api.post("/api/v1/workspaces/acme/echo", headers=auth).json()
    cancelled = api.post(second["url"] + "/cancel", headers=auth)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    late = api.post(first["url"] + "/cancel", headers=auth)
    assert late.status_code == 409
    assert late.json()["error"]["message"] == (
        f"Job {first['id']} has already succeeded: there is nothing to cancel.")


def test_jobs_of_another_workspace_are_not_found(
        api: TestClient, auth: Headers, runtime: Runtime, owner: User) -> None:
    job = api.post("/api/v1/workspaces/acme/echo", headers=auth).json()
    with runtime.session() as session:
        stranger = accounts.create_user(session, "stranger@example.com", PASSWORD)
        accounts.create_workspace(session, "Beta", stranger)
        accounts.create_workspace(session, "Gamma", session.get(User, owner.id))
    theirs = token_for(runtime, stranger)
    for url in (job["url"], job["url"] + "/cancel"):
        method = api.post if url.endswith("cancel") else api.get
        answer = method(url, headers=theirs)
        assert answer.status_code == 404, url
        assert answer.json()["error"]["message"] == "No workspace 'acme'."
    other_ws = api.get(f"/api/v1/workspaces/gamma/jobs/{job['id']}", headers=auth)
    assert other_ws.status_code == 404
    assert other_ws.json()["error"]["message"] == f"No job {job['id']}."


def test_viewer_cannot_cancel_someone_elses_job(
        api: TestClient, auth: Headers, runtime: Runtime, owner: User) -> None:
    job = api.post("/api/v1/workspaces/acme/echo", headers=auth).json()
    viewer = person(runtime, owner, "viewer@example.com", Role.viewer)
    assert api.get(job["url"], headers=viewer).status_code == 200
    refused = api.post(job["url"] + "/cancel", headers=viewer)
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "This needs the editor role in workspace 'acme'."
    assert api.post("/api/v1/workspaces/acme/echo", headers=viewer).status_code == 403


def test_jobs_are_in_the_openapi_document(api: TestClient) -> None:
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert {"/workspaces/{workspace}/jobs", "/workspaces/{workspace}/jobs/{job_id}",
            "/workspaces/{workspace}/jobs/{job_id}/cancel"} <= set(paths)
    assert "404" in paths["/workspaces/{workspace}/jobs/{job_id}"]["get"]["responses"]
