"""Unexpected failures stay inside the API: a JSON 500, and the server carries on."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tandem.accounts.models import User, Workspace
from tandem.runtime import Runtime
from tandem.server import create_app
from tests.api.conftest import token_for


def test_a_crash_in_a_route_is_a_json_500_even_under_the_web_app(
        runtime: Runtime, owner: User, workspace: Workspace,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("tandem.loop.api.search", broken)
    headers = token_for(runtime, owner)
    with TestClient(create_app(runtime), raise_server_exceptions=False) as client:
        failed = client.get("/api/v1/workspaces/acme/search?q=x", headers=headers)
        assert failed.status_code == 500
        assert failed.json() == {"error": {"code": "internal", "field": None,
                                           "message": "Something went wrong on the server."}}
        assert client.get("/api/v1/workspaces/acme/evidence", headers=headers).status_code == 200


def test_malformed_json_is_named_plainly(client: TestClient, auth: dict[str, str]) -> None:
    bad = client.post("/workspaces/acme/products", content=b"{bad json",
                      headers={**auth, "Content-Type": "application/json"})
    assert bad.status_code == 422
    assert bad.json()["error"] == {"code": "invalid", "field": None,
                                   "message": "The request body is not valid JSON."}


def test_patch_null_and_huge_ids(client: TestClient, auth: dict[str, str]) -> None:
    made = client.post("/workspaces/acme/products", json={"name": "P"}, headers=auth).json()
    url = f"/workspaces/acme/products/{made['id']}"
    nulled = client.patch(url, json={"description": None}, headers=auth)
    assert nulled.status_code == 422
    assert nulled.json()["error"] == {"code": "invalid", "field": "description",
                                      "message": "description cannot be null."}
    assert client.patch(url, json={"name": ""}, headers=auth).status_code == 422
    huge = 2**63
    assert client.get(f"/workspaces/acme/products/{huge}", headers=auth).status_code == 404
    assert client.get(f"/workspaces/acme/evidence?offset={huge}",
                      headers=auth).status_code == 422
    assert client.post("/workspaces/acme/launches", json={"name": "L", "release_id": huge},
                       headers=auth).status_code == 422
    fetched = client.get(url, headers=auth).json()
    assert fetched["created_at"].endswith("Z") or fetched["created_at"].endswith("+00:00")
