"""The roles workshop over the API: create, answer, privacy, reveal, settle, apply."""

from __future__ import annotations

from fastapi.testclient import TestClient

W = "/workspaces/acme"


def test_workshop_through_the_api(client: TestClient, auth: dict[str, str]) -> None:
    pia = client.post(f"{W}/people", json={"name": "Pia", "roles": "Founder"},
                      headers=auth).json()["id"]
    agency = client.post(f"{W}/people", json={"name": "Agency", "roles": "Marcom"},
                         headers=auth).json()["id"]
    made = client.post(f"{W}/workshops", json={"title": "Q1", "participant_ids": [pia, agency]},
                       headers=auth)
    assert made.status_code == 201 and made.json()["stage"] == "answering"
    w = made.json()["id"]
    for person, letter in ((pia, "A"), (agency, "R")):  # named roles: the owner answers
        saved = client.put(f"{W}/workshops/{w}/answers/{person}", headers=auth, json={
            "answers": [{"activity": "Campaigns", "raci": letter, "importance": 4,
                         "assessment": 1, "hours": 8}]})
        assert saved.status_code == 200 and saved.json() == {"answered": 1}
    bad = client.put(f"{W}/workshops/{w}/answers/{pia}", headers=auth, json={
        "answers": [{"activity": "Campaigns", "raci": "X"}]})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "answers.0.raci"
    assert client.get(f"{W}/workshops/{w}", headers=auth).json()["proposals"] == []
    shown = client.post(f"{W}/workshops/{w}/reveal", headers=auth).json()
    assert shown["stage"] == "revealed" and "Campaigns" in shown["agreed"]
    assert shown["gaps"][0] == {"activity": "Campaigns", "importance": 4.0,
                                "assessment": 1.0, "size": 3.0, "answers": 2}
    settled = client.post(f"{W}/workshops/{w}/decisions/agreed", headers=auth).json()
    assert settled["decisions"][0]["accountable_id"] == pia
    applied = client.post(f"{W}/workshops/{w}/apply", headers=auth).json()
    assert applied["stage"] == "closed" and applied["reassess_on"]
    matrix = client.get(f"{W}/roles", headers=auth).json()
    row = next(r for r in matrix["rows"] if r["activity"] == "Campaigns")
    assert {x["person"]: x["raci"] for x in row["letters"]} == {"Pia": "A", "Agency": "R"}
    png = client.get(f"{W}/roles/matrix.png", headers=auth)
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert client.get(f"{W}/workshops/999999", headers=auth).status_code == 404
    assert client.post(f"{W}/workshops", json={"title": "Q1", "participant_ids": [pia]},
                       headers=auth).status_code == 409
