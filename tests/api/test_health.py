"""Loop health and the lifecycle over the API."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

BASE = "/workspaces/acme"


def test_health_and_lifecycle(client: TestClient, auth: dict[str, str]) -> None:
    empty = client.get(f"{BASE}/health", headers=auth)
    assert empty.status_code == 200
    assert [a["code"] for a in empty.json()["alarms"]] == ["no_outbound_owner"]
    pia = client.post(f"{BASE}/people", headers=auth, json={"name": "Pia"}).json()["id"]
    client.post(f"{BASE}/assignments", headers=auth,
                json={"activity": "Launch", "person_id": pia, "raci": "A"})
    client.post(f"{BASE}/releases", headers=auth, json={
        "name": "Soon", "target_date": (date.today() + timedelta(days=7)).isoformat()})
    data = client.get(f"{BASE}/health", headers=auth).json()
    alarm = next(a for a in data["alarms"] if a["code"] == "due_no_launch")
    assert alarm["level"] == "error" and alarm["view"] == "/w/acme/health/due_no_launch"
    assert alarm["fix"] == {"label": "Plan a launch", "url": "/w/acme/launches/new"}
    assert data["errors"] == 1 and data["due_weeks"] == 6
    assert client.put(f"{BASE}/health/settings", headers=auth,
                      json={"due_weeks": 0}).status_code == 422
    assert client.put(f"{BASE}/health/settings", headers=auth,
                      json={"due_weeks": 12}).json() == {"due_weeks": 12}

    product = client.post(f"{BASE}/products", headers=auth, json={"name": "P"}).json()["id"]
    owners = client.put(f"{BASE}/products/{product}/lifecycle/owners", headers=auth,
                        json={"phase": "launch", "driver_id": pia})
    assert owners.status_code == 200, owners.text
    moved = client.put(f"{BASE}/products/{product}/lifecycle/phase", headers=auth,
                       json={"phase": "launch"}).json()
    assert moved["phase"] == "launch" and moved["routes"][1]["owner"] == "Pia"
    assert client.put(f"{BASE}/products/{product}/lifecycle/phase", headers=auth,
                      json={"phase": "nope"}).status_code == 422
    assert client.get(f"{BASE}/products/999999/lifecycle", headers=auth).status_code == 404
    assert [x["product"] for x in client.get(f"{BASE}/lifecycles", headers=auth).json()] == ["P"]
    launch = client.post(f"{BASE}/launches", headers=auth, json={
        "name": "L", "release_id": 1}).json()
    assert launch["owner_id"] == pia
