"""CRUD over the API for every kind, with the one error shape and correct status codes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User
from tandem.paging import MAX_LIMIT
from tandem.runtime import Runtime
from tests.api.conftest import token_for
from tests.conftest import PASSWORD

BASE = "/workspaces/acme"
SAMPLES: dict[str, dict[str, Any]] = {
    "evidence": {"text": "Clock-in on phones fails at the Elm St site", "source": "support"},
    "opportunities": {"title": "Mobile clock-in"},
    "releases": {"name": "Clock 2.0", "horizon": "next"},
    "messages": {"title": "Clock in anywhere", "body": "From any phone.",
                 "kind": "pillar"},
    "people": {"name": "Pia", "roles": "PMM"},
    "products": {"name": "Shiftwell"},
    "segments": {"name": "Clinics"},
    "personas": {"name": "Ops Olivia"},
    "competitors": {"name": "Rotaboard"},
}
CHANGES: dict[str, dict[str, Any]] = {
    "evidence": {"tags": ["mobile"]}, "opportunities": {"status": "validated"},
    "releases": {"horizon": "now"}, "messages": {"kind": "proof_point"},
    "people": {"roles": "PM, PMM"}, "products": {"description": "Scheduling"},
    "segments": {"description": "Small clinics"}, "personas": {"title": "Ops lead"},
    "competitors": {"website": "https://rotaboard.example"},
}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_crud_round_trip(client: TestClient, auth: dict[str, str], kind: str) -> None:
    created = client.post(f"{BASE}/{kind}", json=SAMPLES[kind], headers=auth)
    assert created.status_code == 201, created.text
    item = created.json()
    for key, value in SAMPLES[kind].items():
        assert item[key] == value
    url = f"{BASE}/{kind}/{item['id']}"
    assert client.get(url, headers=auth).json()["id"] == item["id"]
    changed = client.patch(url, json=CHANGES[kind], headers=auth)
    assert changed.status_code == 200, changed.text
    for key, value in CHANGES[kind].items():
        assert changed.json()[key] == value
    listed = client.get(f"{BASE}/{kind}", headers=auth).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == item["id"]
    assert client.delete(url, headers=auth).status_code == 204
    gone = client.get(url, headers=auth)
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "not_found"


def test_launch_needs_a_release_of_this_workspace(client: TestClient,
                                                  auth: dict[str, str]) -> None:
    bad = client.post(f"{BASE}/launches", json={"name": "L", "release_id": 42}, headers=auth)
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "release_id"
    rel = client.post(f"{BASE}/releases", json={"name": "R"}, headers=auth).json()
    good = client.post(f"{BASE}/launches", json={"name": "L", "release_id": rel["id"],
                                                 "tier": 1}, headers=auth)
    assert good.status_code == 201 and good.json()["tier"] == 1


def test_error_shapes_and_statuses(client: TestClient, auth: dict[str, str]) -> None:
    missing = client.post(f"{BASE}/opportunities", json={}, headers=auth)
    assert missing.status_code == 422
    assert missing.json()["error"]["field"] == "title"
    extra = client.post(f"{BASE}/opportunities", json={"title": "x", "owner": "y"},
                        headers=auth)
    assert extra.status_code == 422 and extra.json()["error"]["field"] == "owner"
    client.post(f"{BASE}/opportunities", json={"title": "Dup"}, headers=auth)
    dup = client.post(f"{BASE}/opportunities", json={"title": "dup"}, headers=auth)
    assert dup.status_code == 409
    assert dup.json() == {"error": {"code": "conflict", "field": "title",
                                    "message": "An opportunity with title 'dup' already "
                                               "exists."}}
    assert client.get(f"{BASE}/evidence?limit={MAX_LIMIT + 1}",
                      headers=auth).json()["error"]["field"] == "limit"
    assert client.get(f"{BASE}/evidence?mood=happy", headers=auth).status_code == 422
    noauth = client.get(f"{BASE}/evidence")
    assert noauth.status_code == 401 and noauth.json()["error"]["code"] == "unauthorized"
    bad_token = client.get(f"{BASE}/evidence", headers={"Authorization": "Bearer nope"})
    assert bad_token.status_code == 401


def test_pagination_and_filters(client: TestClient, auth: dict[str, str]) -> None:
    for i in range(5):
        client.post(f"{BASE}/evidence", json={"text": f"note {i}", "source": "survey" if i % 2
                                              else "email", "received_on": f"2026-10-0{i + 1}"},
                    headers=auth)
    first = client.get(f"{BASE}/evidence?limit=2", headers=auth).json()
    assert (first["total"], first["next_offset"]) == (5, 2)
    assert [x["text"] for x in first["items"]] == ["note 4", "note 3"]
    last = client.get(f"{BASE}/evidence?limit=2&offset=4", headers=auth).json()
    assert last["next_offset"] is None and len(last["items"]) == 1
    assert client.get(f"{BASE}/evidence?source=survey", headers=auth).json()["total"] == 2
    assert client.get(f"{BASE}/evidence?q=NOTE 3", headers=auth).json()["total"] == 1


def test_other_workspaces_are_invisible(client: TestClient, runtime: Runtime,
                                        auth: dict[str, str]) -> None:
    with runtime.session() as session:
        other = accounts.create_user(session, "other@example.com", PASSWORD)
        accounts.create_workspace(session, "Secret", other)
    theirs = token_for(runtime, other)
    secret = client.post("/workspaces/secret/evidence", json={"text": "private"},
                         headers=theirs).json()
    assert client.get("/workspaces/secret/evidence", headers=auth).status_code == 404
    assert client.get(f"{BASE}/evidence/{secret['id']}", headers=auth).status_code == 404
    assert client.patch(f"{BASE}/evidence/{secret['id']}", json={"text": "mine"},
                        headers=auth).status_code == 404
    assert client.delete(f"{BASE}/evidence/{secret['id']}", headers=auth).status_code == 404


def test_viewer_gets_403_on_writes(client: TestClient, runtime: Runtime, owner: User,
                                   auth: dict[str, str]) -> None:
    with runtime.session() as session:
        viewer = accounts.create_user(session, "viewer@example.com", PASSWORD)
    with runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, viewer.email, Role.viewer)
    headers = token_for(runtime, viewer)
    assert client.get(f"{BASE}/evidence", headers=headers).status_code == 200
    denied = client.post(f"{BASE}/evidence", json={"text": "x"}, headers=headers)
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
