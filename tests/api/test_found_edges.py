"""Issue 11, "Found" item 9, through the API on both engines: a number is never a date."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_number_is_refused_as_a_date(client: TestClient, auth: dict[str, str]) -> None:
    release = client.post("/workspaces/acme/releases", json={"name": "R1"}, headers=auth)
    assert release.status_code == 201, release.text
    body = {"name": "Launch", "release_id": release.json()["id"]}
    for number in (86400, 86400.0, 0):
        answer = client.post("/workspaces/acme/launches", headers=auth,
                             json={**body, "launch_date": number})
        assert answer.status_code == 422, (number, answer.text)
        assert answer.json()["error"]["field"] == "launch_date"
    made = client.post("/workspaces/acme/launches", headers=auth,
                       json={**body, "launch_date": "1970-01-02"})
    assert made.status_code == 201 and made.json()["launch_date"] == "1970-01-02"
    moved = client.patch(f"/workspaces/acme/launches/{made.json()['id']}", headers=auth,
                         json={"launch_date": 86400})
    assert moved.status_code == 422 and moved.json()["error"]["field"] == "launch_date"
