"""The audit log over the API, on both engines."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_events_list_and_object_history(client: TestClient, auth: dict[str, str]) -> None:
    made = client.post("/workspaces/acme/opportunities", json={"title": "Swaps"}, headers=auth)
    opp = made.json()["id"]
    client.patch(f"/workspaces/acme/opportunities/{opp}", json={"status": "planned"},
                 headers=auth)
    page = client.get("/workspaces/acme/events", headers=auth).json()
    assert [e["verb"] for e in page["items"]][:2] == ["updated", "created"]
    assert page["items"][0]["changes"] == {"status": ["new", "planned"]}
    assert page["items"][0]["actor_kind"] == "member"
    history = client.get(f"/workspaces/acme/opportunities/{opp}/events", headers=auth).json()
    assert history["total"] == 2
    assert client.get("/workspaces/acme/events?verb=deleted", headers=auth).json()["total"] == 0
    missing = client.get("/workspaces/acme/opportunities/999/events", headers=auth)
    assert missing.status_code == 404
    assert client.get("/workspaces/acme/events?limit=0", headers=auth).status_code == 422
    assert client.get("/workspaces/acme/events").status_code == 401
