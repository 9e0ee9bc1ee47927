"""Scoring over the API: ranked scores, the default model, weights, formula checks, and
422s naming the field for bad estimates and formulas."""

from __future__ import annotations

from fastapi.testclient import TestClient

BASE = "/workspaces/acme"


def test_scores_default_weights_and_checks(client: TestClient, auth: dict[str, str]) -> None:
    none_yet = client.get(f"{BASE}/scores", headers=auth)
    assert none_yet.status_code == 422 and none_yet.json()["error"]["field"] == "model"
    made = client.post(f"{BASE}/scoring-models/standard", headers=auth)
    assert made.status_code == 201 and len(made.json()) == 4
    opp = client.post(f"{BASE}/opportunities", headers=auth, json={
        "title": "Swaps", "reach": 1000, "impact": "high", "confidence": 80, "effort": 4,
        "business_value": 8, "time_criticality": 5, "risk_reduction": 3, "job_size": 2})
    assert opp.status_code == 201, opp.text
    ranking = client.get(f"{BASE}/scores", headers=auth).json()
    assert ranking["model_name"] == "RICE" and ranking["rows"][0]["score"] == 400.0
    wsjf = next(m for m in made.json() if m["method"] == "wsjf")
    assert client.post(f"{BASE}/scoring-models/{wsjf['id']}/default",
                       headers=auth).status_code == 200
    assert client.get(f"{BASE}/scores", headers=auth).json()["rows"][0]["score"] == 8.0
    weights = client.put(f"{BASE}/importance-weights", headers=auth,
                         json={"critical": 5, "important": 3, "nice_to_have": 1,
                               "not_important": 0})
    assert weights.json()["critical"] == 5
    assert client.get(f"{BASE}/importance-weights", headers=auth).json()["critical"] == 5
    check = client.post("/formulas/check", headers=auth, json={"formula": "reach *"})
    assert check.json() == {"ok": False, "message": "The formula ends too early.",
                            "position": 8, "fields": []}
    fields = client.get("/formulas/fields", headers=auth).json()
    assert {"reach", "arr", "demand"} <= {f["name"] for f in fields}
    # Owner: a column, a sort and a filter (0 is nobody).
    pia = client.post(f"{BASE}/people", headers=auth, json={"name": "Pia"}).json()["id"]
    client.post(f"{BASE}/opportunities", headers=auth, json={"title": "Tips",
                                                             "owner_id": pia})
    rows = client.get(f"{BASE}/scores?sort=owner", headers=auth).json()["rows"]
    assert [(r["title"], r["owner"], r["owner_id"]) for r in rows] == [
        ("Tips", "Pia", pia), ("Swaps", "", None)]
    mine = client.get(f"{BASE}/scores?owner={pia}", headers=auth).json()["rows"]
    assert [r["title"] for r in mine] == ["Tips"]
    nobody = client.get(f"{BASE}/scores?owner=0", headers=auth).json()["rows"]
    assert [r["title"] for r in nobody] == ["Swaps"]
    assert client.get(f"{BASE}/scores?owner=-1", headers=auth).status_code == 422


def test_bad_input_is_a_422_naming_the_field(client: TestClient, auth: dict[str, str]) -> None:
    for body, field in (({"title": "a", "confidence": 101}, "confidence"),
                        ({"title": "b", "effort": 0}, "effort"),
                        ({"title": "c", "impact": "huge"}, "impact")):
        answer = client.post(f"{BASE}/opportunities", headers=auth, json=body)
        assert answer.status_code == 422 and field in answer.text
    bad = client.post(f"{BASE}/scoring-models", headers=auth, json={
        "name": "Mine", "method": "formula", "formula": "__import__('os')"})
    error = bad.json()["error"]
    assert bad.status_code == 422 and error["field"] == "formula"
    assert error["message"].endswith("is not allowed here. (at position 12)")
    assert client.get(f"{BASE}/scores?sort=nonsense", headers=auth).status_code == 422
    assert client.get(f"{BASE}/scores?model=99999", headers=auth).status_code == 404
    assert client.post(f"{BASE}/scoring-models/99999/default",
                       headers=auth).status_code == 404
    assert client.put(f"{BASE}/importance-weights", headers=auth,
                      json={"critical": -1}).status_code == 422


def test_roadmap_share_links(client: TestClient, auth: dict[str, str]) -> None:
    made = client.post(f"{BASE}/roadmap/shares", headers=auth, json={"label": "Board"})
    assert made.status_code == 201 and made.json()["url"].startswith("/share/roadmap/")
    listed = client.get(f"{BASE}/roadmap/shares", headers=auth).json()
    assert listed[0]["url"] is None and listed[0]["label"] == "Board"  # shown once only
    gone = client.delete(f"{BASE}/roadmap/shares/{made.json()['id']}", headers=auth)
    assert gone.json()["revoked"] is True
    assert client.delete(f"{BASE}/roadmap/shares/99999", headers=auth).status_code == 404
    assert client.post(f"{BASE}/roadmap/shares", headers=auth,
                       json={"label": "x" * 101}).status_code == 422
