"""API routes around the resources: tokens, workspaces, links, search, transfer, OpenAPI."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime
from tests.conftest import PASSWORD
from tests.jobs.support import make_worker

BASE = "/workspaces/acme"


def test_token_from_password_then_list_and_revoke(client: TestClient, owner: User) -> None:
    bad = client.post("/tokens", json={"email": owner.email, "password": "wrong-one"})
    assert bad.status_code == 401
    made = client.post("/tokens", json={"email": owner.email, "password": PASSWORD,
                                        "name": "ci"})
    assert made.status_code == 201
    headers = {"Authorization": f"Bearer {made.json()['token']}"}
    assert client.get("/me", headers=headers).json()["email"] == owner.email
    listed = client.get("/tokens", headers=headers).json()
    assert [t["name"] for t in listed] == ["ci"] and "token" not in listed[0]
    assert client.delete(f"/tokens/{listed[0]['id']}", headers=headers).status_code == 204
    assert client.get("/me", headers=headers).status_code == 401


def test_workspaces_and_members(client: TestClient, runtime: Runtime,
                                auth: dict[str, str]) -> None:
    assert [w["slug"] for w in client.get("/workspaces", headers=auth).json()] == ["acme"]
    made = client.post("/workspaces", json={"name": "Second Product"}, headers=auth)
    assert made.status_code == 201 and made.json()["slug"] == "second-product"
    assert client.post("/workspaces", json={"name": "x", "slug": "acme"},
                       headers=auth).status_code == 409
    with runtime.session() as session:
        accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
    outside = client.post(f"{BASE}/members", json={"email": "pia@example.com",
                                                   "role": "viewer"}, headers=auth)
    assert outside.status_code == 404  # people join by invitation, never unasked
    with runtime.scope(LocalAdmin(), "acme") as scope:
        accounts.add_member(scope, "pia@example.com", Role.editor)
    added = client.post(f"{BASE}/members", json={"email": "pia@example.com",
                                                 "role": "viewer"}, headers=auth)
    assert added.status_code == 201 and added.json()["role"] == "viewer"
    roles = {m["email"]: m["role"] for m in client.get(f"{BASE}/members", headers=auth).json()}
    assert roles == {"owner@example.com": "owner", "pia@example.com": "viewer"}
    unknown = client.post(f"{BASE}/members", json={"email": "ghost@example.com"},
                          headers=auth)
    assert unknown.status_code == 404
    last_owner = client.delete(f"{BASE}/members", params={"email": "owner@example.com"},
                               headers=auth)
    assert last_owner.status_code == 422 and last_owner.json()["error"]["field"] == "role"
    assert client.delete(f"{BASE}/members", params={"email": "pia@example.com"},
                         headers=auth).status_code == 204
    assert len(client.get(f"{BASE}/members", headers=auth).json()) == 1


def test_link_trace_overview_and_search(client: TestClient, auth: dict[str, str]) -> None:
    ev = client.post(f"{BASE}/evidence", json={"text": "Payroll export drops overtime"},
                     headers=auth).json()
    opp = client.post(f"{BASE}/opportunities", json={"title": "Payroll export"},
                      headers=auth).json()
    body = {"from_type": "evidence", "from_id": ev["id"], "to_type": "opportunities",
            "to_id": opp["id"], "importance": 3}
    assert client.post(f"{BASE}/links", json=body, headers=auth).status_code == 201
    assert client.post(f"{BASE}/links", json=body, headers=auth).status_code == 409
    trace = client.get(f"{BASE}/opportunities/{opp['id']}/trace", headers=auth).json()
    assert trace["upstream"]["evidence"][0]["id"] == ev["id"]
    assert trace["upstream"]["evidence"][0]["importance"] == 3
    counts = client.get(f"{BASE}/overview", headers=auth).json()["counts"]
    assert counts["evidence"] == 1 and counts["evidence_unlinked"] == 0
    hits = client.get(f"{BASE}/search?q=payroll", headers=auth).json()
    assert {(h["type"], h["id"]) for h in hits} == {("evidence", ev["id"]),
                                                   ("opportunities", opp["id"])}
    params = {k: str(v) for k, v in body.items() if k != "importance"}
    assert client.delete(f"{BASE}/links", params=params, headers=auth).status_code == 204
    assert client.get(f"{BASE}/overview", headers=auth).json()["counts"][
        "evidence_unlinked"] == 1


def test_export_then_import_as_new_workspace(client: TestClient, auth: dict[str, str],
                                             runtime: Runtime) -> None:
    client.post(f"{BASE}/evidence", json={"text": "one"}, headers=auth)
    data = client.get(f"{BASE}/export", headers=auth).json()
    assert data["format"] == "tandem-workspace" and len(data["tables"]["evidence"]) == 1
    made = client.post("/workspaces/import?slug=acme-copy", json=data, headers=auth)
    assert made.status_code == 202, made.text
    assert made.json()["kind"] == "workspace.import" and made.json()["workspace"] == "acme-copy"
    assert make_worker(runtime).run_once()  # the job writes the objects
    done = client.get(f"/workspaces/acme-copy/jobs/{made.json()['id']}", headers=auth).json()
    assert done["status"] == "succeeded", done
    assert done["result"]["workspace"] == "acme-copy"
    assert done["result"]["accounts"] == {"matched": [], "unmatched": []}
    assert client.get("/workspaces/acme-copy/evidence", headers=auth).json()["total"] == 1
    clash = client.post("/workspaces/import", json=data, headers=auth)
    assert clash.status_code == 409


def test_openapi_documents_every_resource(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for kind in ("evidence", "opportunities", "releases", "launches", "messages",
                 "assignments"):
        assert f"/workspaces/{{workspace}}/{kind}" in paths
        assert f"/workspaces/{{workspace}}/{kind}/{{item_id}}" in paths
    assert "EvidenceCreate" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_unknown_route_uses_error_shape(client: TestClient, owner: User) -> None:
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_roadmap_board(client: TestClient, auth: dict[str, str]) -> None:
    rel = client.post(f"{BASE}/releases", json={"name": "Swap Center", "horizon": "now",
                                                "target_date": "2026-12-15"},
                      headers=auth).json()
    client.post(f"{BASE}/releases", json={"name": "Regions", "horizon": "later"}, headers=auth)
    board = client.get(f"{BASE}/roadmap", headers=auth).json()
    assert set(board) == {"now", "next", "later", "done"}
    item = board["now"][0]
    assert item["release"]["name"] == "Swap Center" and item["needs_launch"] is True
    client.post(f"{BASE}/launches", json={"name": "L", "release_id": rel["id"]}, headers=auth)
    item = client.get(f"{BASE}/roadmap", headers=auth).json()["now"][0]
    assert item["needs_launch"] is False and item["launches"][0]["name"] == "L"
    assert [i["release"]["name"] for i in board["later"]] == ["Regions"]


def test_link_errors_name_the_request_fields(client: TestClient, auth: dict[str, str]) -> None:
    ev = client.post(f"{BASE}/evidence", json={"text": "x"}, headers=auth).json()
    body = {"from_type": "evidence", "from_id": ev["id"], "to_type": "opportunities",
            "to_id": 999}
    assert client.post(f"{BASE}/links", json=body, headers=auth).json()["error"][
        "field"] == "to_id"
    body.update(from_id=998)
    assert client.post(f"{BASE}/links", json=body, headers=auth).json()["error"][
        "field"] == "from_id"
    wrong = client.post(f"{BASE}/links", json={**body, "to_type": "launches"}, headers=auth)
    assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "to_type"
    params = {"from_type": "evidence", "from_id": str(2**63), "to_type": "opportunities",
              "to_id": "1"}
    assert client.delete(f"{BASE}/links", params=params, headers=auth).status_code == 404


def test_openapi_documents_the_error_shape_and_csv_body(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    get_one = spec["paths"]["/workspaces/{workspace}/evidence/{item_id}"]["get"]["responses"]
    for status in ("401", "403", "404", "422"):
        ref = get_one[status]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ErrorBody")
    csv_body = spec["paths"]["/workspaces/{workspace}/evidence/import"]["post"]["requestBody"]
    assert "text/csv" in csv_body["content"]
