"""Positioning, messaging and the claims audit over the API: the new user's path, and bad
input answered with 4xx errors that name the field."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.runtime import Runtime
from tests.api.conftest import token_for
from tests.conftest import PASSWORD

W = "/workspaces/acme"


def _post(client: TestClient, auth: dict[str, str], path: str, body: dict[str, Any],
          status: int = 201) -> Any:
    response = client.post(W + path, json=body, headers=auth)
    assert response.status_code == status, response.text
    return response.json()


def _error(response: Any, status: int, field: str | None) -> str:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["field"] == field, error
    return str(error["message"])


def test_canvas_house_and_audit_through_the_api(client: TestClient, auth: dict[str, str],
                                                runtime: Runtime) -> None:
    product = _post(client, auth, "/products", {"name": "Shiftwell"})["id"]
    persona = _post(client, auth, "/personas", {"name": "Ops Olivia"})["id"]
    quote = _post(client, auth, "/evidence", {"text": "Payroll takes ten minutes now",
                                              "customer_company": "Harbor"})["id"]
    canvas = _post(client, auth, "/positioning", {"product_id": product})
    assert "Spreadsheets" in canvas["draft"]["alternatives"]
    assert "Unique attributes is empty" in canvas["draft_problem"]
    cid = canvas["id"]
    message = _error(client.post(f"{W}/positioning/{cid}/versions", json={}, headers=auth),
                     422, "attributes")
    assert "Unique attributes" in message
    _error(client.post(f"{W}/positioning", json={"product_id": 999}, headers=auth), 422,
           "product_id")
    draft = {"attributes": [{"attribute": "Payroll-ready timesheets",
                             "value": "payroll in minutes", "evidence_ids": [quote]}],
             "target": "clinic managers", "need": "lose hours on payroll",
             "category": "scheduling app"}
    patched = client.patch(f"{W}/positioning/{cid}/draft", json=draft, headers=auth)
    assert patched.status_code == 200 and patched.json()["draft_problem"] is None
    _error(client.patch(f"{W}/positioning/{cid}/draft", json={"category": "x" * 201},
                        headers=auth), 422, "category")
    version = _post(client, auth, f"/positioning/{cid}/versions", {"note": "v1"})
    assert version["current"] and version["statements"]["short"].startswith(
        "For clinic managers, Shiftwell is the scheduling app")
    client.patch(f"{W}/positioning/{cid}/draft", json={"category": "rota tool"}, headers=auth)
    _post(client, auth, f"/positioning/{cid}/versions", {})
    diff = client.get(f"{W}/positioning/{cid}/diff?left=1&right=2", headers=auth).json()
    assert [r["field"] for r in diff if r["changed"]] == ["category"]
    assert client.get(f"{W}/positioning/{cid}/diff?left=7", headers=auth).status_code == 422
    assert client.get(f"{W}/positioning/99", headers=auth).status_code == 404

    one_pillar = {"name": "Core", "product_id": product, "core_message": "Rotas that run",
                  "pillars": [{"title": "Only one"}]}
    _error(client.post(f"{W}/messaging", json=one_pillar, headers=auth), 422, "pillars")
    house = _post(client, auth, "/messaging", {**one_pillar, "pillars": [
        {"title": "Payroll in minutes"}, {"title": "Cover found fast"}]})
    pillars = [p["id"] for p in house["pillars"]]
    metric = _post(client, auth, f"/messaging/pillars/{pillars[0]}/proof-points",
                   {"claim": "2 hours saved a week", "kind": "metric", "metric": "2 h/week"})
    _post(client, auth, f"/messaging/{house['id']}/matrix",
          {"persona_id": persona, "key_message": "Payroll in minutes",
           "proof_point_id": metric["id"]})

    with runtime.session() as session:
        stranger = accounts.create_user(session, "s@example.com", PASSWORD)
        accounts.create_workspace(session, "Other", stranger, "other")
    foreign = client.post("/workspaces/other/evidence", json={"text": "elsewhere"},
                          headers=token_for(runtime, stranger)).json()["id"]
    _error(client.post(f"{W}/messaging/pillars/{pillars[1]}/proof-points",
                       json={"claim": "x", "evidence_id": foreign}, headers=auth),
           422, "evidence_id")
    _error(client.post(f"{W}/messaging/pillars/{pillars[1]}/proof-points",
                       json={"claim": "x", "kind": "third_party",
                             "url": "javascript:alert(1)"}, headers=auth), 422, "url")

    approved = client.patch(f"{W}/messaging/{house['id']}", json={"status": "approved"},
                            headers=auth).json()
    assert approved["approved_by"] == "owner@example.com"
    audit = client.get(f"{W}/claims/audit", headers=auth).json()
    assert audit["blocking"] == ["Core"] and not audit["passed"]
    flags = {c["ref"]: c["flags"] for a in audit["assets"] for c in a["claims"]}
    assert flags["Pillar 'Payroll in minutes' · proof point 1"] == ["metric_no_source"]
    assert flags["Pillar 'Cover found fast'"] == ["no_proof"]

    client.put(f"{W}/messaging/proof-points/{metric['id']}",
               json={"claim": "2 hours saved a week", "kind": "evidence", "evidence_id": quote},
               headers=auth).raise_for_status()
    _post(client, auth, f"/messaging/pillars/{pillars[1]}/proof-points",
          {"claim": "Rated easiest", "kind": "third_party", "url": "https://example.org/r"})
    audit = client.get(f"{W}/claims/audit", headers=auth).json()
    assert audit["passed"] and audit["overall"]["percent"] == 100
    house_audit = next(a for a in audit["assets"] if a["key"] == f"house:{house['id']}")
    assert house_audit["share"] == {"supported": 3, "total": 3, "percent": 100}

    assert client.put(f"{W}/claims/settings", json={"evidence_max_age_days": 0},
                      headers=auth).status_code == 422
    assert client.put(f"{W}/claims/settings", json={"evidence_max_age_days": 30},
                      headers=auth).json() == {"evidence_max_age_days": 30}
    assert client.delete(f"{W}/messaging/pillars/{pillars[1]}", headers=auth).status_code == 422


def test_assets_through_the_api(client: TestClient, auth: dict[str, str]) -> None:
    product = _post(client, auth, "/products", {"name": "Shiftwell"})["id"]
    _post(client, auth, "/competitors", {"name": "RotaBoard", "strengths": "Cheap"})
    _error(client.post(f"{W}/assets", json={"kind": "battlecard", "competitor": "Nobody"},
                       headers=auth), 422, "competitor")
    _error(client.post(f"{W}/assets", json={"kind": "poster"}, headers=auth), 422, "kind")
    house = _post(client, auth, "/messaging", {
        "name": "Core", "product_id": product, "core_message": "Rotas that run",
        "pillars": [{"title": "Payroll in minutes"}, {"title": "Cover found fast"}]})
    point = _post(client, auth, f"/messaging/pillars/{house['pillars'][0]['id']}/proof-points",
                  {"claim": "Two hours saved.", "kind": "metric", "metric": "2 h"})
    card = _post(client, auth, "/assets", {"kind": "battlecard", "competitor": "RotaBoard",
                                           "house_id": house["id"]})
    assert card["proof_point_ids"] == [point["id"]] and card["version"] == 1
    path = f"{W}/assets/{card['id']}"
    html = client.get(path + "/render?format=html", headers=auth)
    assert html.headers["content-type"].startswith("text/html")
    assert "<h2>Why we lose</h2>" in html.text
    pdf = client.get(path + "/render?format=pdf", headers=auth)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    _error(client.get(path + "/render?format=docx", headers=auth), 422, "format")
    _post(client, auth, "/assets", {"kind": "faq", "house_id": house["id"]})  # a draft
    client.put(path + "/status", json={"status": "approved"}, headers=auth).raise_for_status()
    assert client.get(f"{W}/claims/audit", headers=auth).json()["blocking"] == [card["title"]]
    approved = client.get(f"{W}/assets?status=approved", headers=auth).json()
    assert [a["id"] for a in approved] == [card["id"]]
    assert len(client.get(f"{W}/assets", headers=auth).json()) == 2
    _error(client.get(f"{W}/assets?status=bogus", headers=auth), 422, "status")
    counts = client.get(f"{W}/overview", headers=auth).json()["counts"]
    assert counts["assets_approved"] == 1 and counts["claims_unsupported"] >= 1
    edited = client.put(path + "/body", json={"markdown": "# Short card\n"}, headers=auth).json()
    assert edited["version"] == 2 and edited["proof_point_ids"] == []
    assert client.get(f"{W}/claims/audit", headers=auth).json()["passed"]
    _error(client.put(path + "/body", json={"markdown": ""}, headers=auth), 422, "markdown")
    assert [v["number"] for v in client.get(path + "/versions", headers=auth).json()] == [2, 1]
    changed = client.get(path + "/compare", headers=auth).json()
    assert (changed["left"], changed["right"]) == (1, 2)
    assert {"change": "added", "text": "# Short card"} in changed["lines"]
    _error(client.get(path + "/compare?left=1&right=7", headers=auth), 422, "right")
    assert client.get(f"{W}/assets/999", headers=auth).status_code == 404


def test_deletes_honour_if_match(client: TestClient, auth: dict[str, str]) -> None:
    """A proof point, a matrix row, a house and a canvas changed since the deleter read them
    stay: 412 with the current ETag, and with that ETag the delete goes through."""
    product = _post(client, auth, "/products", {"name": "Shiftwell"})["id"]
    persona = _post(client, auth, "/personas", {"name": "Ops Olivia"})["id"]
    house = _post(client, auth, "/messaging", {
        "name": "Core", "product_id": product, "core_message": "Rotas that run",
        "pillars": [{"title": "Payroll in minutes"}, {"title": "Cover found fast"}]})
    metric = {"kind": "metric", "metric": "2 h/week"}
    point = _post(client, auth, f"/messaging/pillars/{house['pillars'][0]['id']}/proof-points",
                  {"claim": "2 hours saved a week", **metric})
    row = _post(client, auth, f"/messaging/{house['id']}/matrix",
                {"persona_id": persona, "key_message": "Payroll in minutes"})
    canvas = _post(client, auth, "/positioning", {"product_id": product})
    cases = [  # (what to delete, an edit that moves its version)
        (f"/messaging/proof-points/{point['id']}",
         ("PUT", f"/messaging/proof-points/{point['id']}", {"claim": "3 hours", **metric})),
        (f"/messaging/matrix/{row['id']}",
         ("PUT", f"/messaging/matrix/{row['id']}",
          {"persona_id": persona, "key_message": "Cover found fast"})),
        (f"/messaging/{house['id']}",
         ("PATCH", f"/messaging/{house['id']}", {"core_message": "Rotas that keep running"})),
        (f"/positioning/{canvas['id']}",
         ("PATCH", f"/positioning/{canvas['id']}/draft", {"category": "rota tool"})),
    ]
    for target, (method, path, body) in cases:
        edited = client.request(method, W + path, json=body, headers=auth)
        assert edited.status_code == 200, (path, edited.text)
        stale = client.delete(W + target, headers={**auth, "If-Match": '"1"'})
        assert stale.status_code == 412, (target, stale.text)
        fresh = client.delete(W + target, headers={**auth, "If-Match": stale.headers["ETag"]})
        assert fresh.status_code == 204, (target, fresh.text)  # it was still there
