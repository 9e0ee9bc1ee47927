"""Roles over the API: people, assignments by person id, the matrix and its exports, the
preset and the catalog."""

from __future__ import annotations

from fastapi.testclient import TestClient

BASE = "/workspaces/acme"


def test_matrix_preset_catalog_and_exports(client: TestClient, auth: dict[str, str]) -> None:
    pia = client.post(f"{BASE}/people", headers=auth, json={"name": "Pia", "roles": "PMM"})
    assert pia.status_code == 201
    typo = client.post(f"{BASE}/assignments", headers=auth,
                       json={"activity": "Lauch", "person_id": pia.json()["id"]})
    assert typo.status_code == 422 and typo.json()["error"]["field"] == "activity"
    made = client.post(f"{BASE}/assignments", headers=auth, json={
        "activity": "Launch", "person_id": pia.json()["id"], "raci": "A", "phase": "launch"})
    assert made.status_code == 201, made.text
    matrix = client.get(f"{BASE}/roles", headers=auth).json()
    launch = next(r for r in matrix["rows"] if r["activity"] == "Launch")
    assert launch["letters"] == [{"person_id": pia.json()["id"], "person": "Pia", "raci": "A"}]
    assert [f["code"] for f in matrix["findings"]] == ["no_responsible"]
    csv_text = client.get(f"{BASE}/roles/matrix.csv", headers=auth).text
    assert csv_text.splitlines()[0] == "Activity,Column,Direction,Pia"
    assert "Launch,Programs,outbound,A" in csv_text
    assert "| Launch | Programs | outbound | A |" in client.get(
        f"{BASE}/roles/matrix.md", headers=auth).text
    assert client.put(f"{BASE}/roles/preset", headers=auth,
                      json={"preset": "nope"}).status_code == 422
    assert client.put(f"{BASE}/roles/preset", headers=auth,
                      json={"preset": "split"}).json() == {"preset": "split"}
    assert client.post(f"{BASE}/roles/preset/apply", headers=auth).json()["created"] > 40
    renamed = client.patch(f"{BASE}/roles/activities/Launch", headers=auth,
                           json={"name": "Go-live"})
    assert renamed.json()["builtin"] == "Launch"
    assert client.patch(f"{BASE}/roles/activities/Nope", headers=auth,
                        json={"hidden": True}).status_code == 404
    added = client.post(f"{BASE}/roles/activities", headers=auth, json={
        "name": "Trade shows", "column": "Programs", "direction": "outbound"})
    assert added.status_code == 201
    assert client.post(f"{BASE}/roles/people/members", headers=auth).json() == {"created": 1}
