"""Roles over the API: people, assignments by person id, the matrix and its exports, the
preset and the catalog."""

from __future__ import annotations

from typing import Any

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
    assert launch["letters"] == [{"person_id": pia.json()["id"], "person": "Pia", "raci": "A",
                                  "letter": "A", "role": "Accountable"}]
    assert matrix["lens"] == "raci" and matrix["lens_notes"] == []
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


def test_the_matrix_through_daci_and_rapid(client: TestClient, auth: dict[str, str]) -> None:
    ids = [client.post(f"{BASE}/people", headers=auth, json={"name": n}).json()["id"]
           for n in ("Ann", "Bo", "Cy")]
    for activity, letters in (("Launch", "ARR"), ("Positioning", "RAI"), ("Pricing", "CAR")):
        for person, raci in zip(ids, letters, strict=True):
            assert client.post(f"{BASE}/assignments", headers=auth, json={
                "activity": activity, "person_id": person, "raci": raci}).status_code == 201

    def shown(lens: str) -> tuple[dict[str, list[tuple[str, str, str]]], dict[str, Any]]:
        answer = client.get(f"{BASE}/roles", headers=auth, params={"lens": lens})
        assert answer.status_code == 200, answer.text
        data = answer.json()
        return ({r["activity"]: sorted((x["person"], x["letter"], x["role"])
                                       for x in r["letters"])
                 for r in data["rows"] if r["letters"]}, data)

    daci, data = shown("daci")
    assert daci["Launch"] == [("Ann", "A", "Approver"), ("Bo", "D", "Driver"),
                              ("Cy", "D", "Driver")]
    assert [r["letter"] for r in data["legend"]] == ["D", "A", "C", "I"]
    assert any("several Drivers" in n and "Launch" in n
               for n in data["lens_notes"])
    rapid, data = shown("rapid")
    assert rapid["Launch"] == [("Ann", "D", "Decide"), ("Bo", "P", "Perform"),
                               ("Cy", "P", "Perform")]  # Programs: carrying out
    assert rapid["Positioning"] == [("Ann", "R", "Recommend"), ("Bo", "D", "Decide"),
                                    ("Cy", "", "")]  # Planning: deciding; I has no role
    assert rapid["Pricing"] == [("Ann", "I", "Input"), ("Bo", "D", "Decide"),
                                ("Cy", "R", "Recommend")]
    assert {r["name"]: r["raci"] for r in data["legend"]}["Agree"] == ""
    assert client.get(f"{BASE}/roles", headers=auth,
                      params={"lens": "rasci"}).status_code == 422
    assert "Launch,Programs,outbound,D,P,P" in client.get(
        f"{BASE}/roles/matrix.csv", headers=auth, params={"lens": "rapid"}).text
    assert "| Launch | Programs | outbound | A | D | D |" in client.get(
        f"{BASE}/roles/matrix.md", headers=auth, params={"lens": "daci"}).text
    png = client.get(f"{BASE}/roles/matrix.png", headers=auth, params={"lens": "rapid"})
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"
