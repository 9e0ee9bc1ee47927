"""Launch checklists over the API: generate, read, add, edit (If-Match), complete, reopen,
delete; bad input is a 4xx naming the field; the alarm on /health."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

BASE = "/workspaces/acme"


def test_checklist_round_trip(client: TestClient, auth: dict[str, str]) -> None:
    release = client.post(f"{BASE}/releases", headers=auth, json={"name": "R"}).json()["id"]
    launch_date = date.today() + timedelta(days=10)
    launch = client.post(f"{BASE}/launches", headers=auth, json={
        "name": "L", "release_id": release, "tier": 3,
        "launch_date": launch_date.isoformat()}).json()["id"]
    url = f"{BASE}/launches/{launch}/checklist"
    empty = client.get(url, headers=auth).json()
    assert (empty["total"], empty["missing"], empty["tier"]) == (0, 2, 3)
    made = client.post(f"{url}/generate", headers=auth).json()
    assert made["added"] == 2 and made["checklist"]["missing"] == 0
    note = next(t for t in made["checklist"]["tasks"] if t["template_key"] == "release_note")
    assert note["due_date"] == launch_date.isoformat() and note["critical"]
    assert note["offset_days"] == 0 and not note["due_manual"]

    added = client.post(f"{url}/tasks", headers=auth, json={
        "title": "Brief support", "due_date": (date.today() - timedelta(days=1)).isoformat(),
        "critical": True})
    assert added.status_code == 201 and added.json()["late"] is True
    task = added.json()["id"]
    assert added.headers["etag"] == '"1"'
    health = client.get(f"{BASE}/health", headers=auth).json()
    assert "launch_critical_late" in [a["code"] for a in health["alarms"]]

    stale = client.post(f"{BASE}/launch-tasks/{task}/done", headers={**auth, "If-Match": '"9"'})
    assert stale.status_code == 412
    done = client.post(f"{BASE}/launch-tasks/{task}/done", headers={**auth, "If-Match": '"1"'})
    assert done.status_code == 200 and done.json()["done"] and done.json()["done_by"]
    health = client.get(f"{BASE}/health", headers=auth).json()
    assert "launch_critical_late" not in [a["code"] for a in health["alarms"]]
    reopened = client.post(f"{BASE}/launch-tasks/{task}/reopen", headers=auth).json()
    assert reopened["done"] is False and reopened["done_at"] is None

    edited = client.patch(f"{BASE}/launch-tasks/{note['id']}", headers=auth,
                          json={"title": "Changelog entry", "critical": False})
    assert edited.json()["title"] == "Changelog entry" and not edited.json()["critical"]
    assert edited.json()["due_date"] == launch_date.isoformat()  # untouched

    for body, field in (({"title": ""}, "title"), ({"title": "x" * 201}, "title"),
                        ({"title": "X", "owner_id": 0}, "owner_id"),
                        ({"title": "X", "owner_id": 99999}, "owner_id"),
                        ({"title": "X", "due_date": "soon"}, "due_date"),
                        ({"title": "X", "colour": "red"}, "colour")):
        bad = client.post(f"{url}/tasks", headers=auth, json=body)
        assert bad.status_code == 422, (body, bad.text)
        assert bad.json()["error"]["field"].endswith(field), bad.json()
    assert client.get(f"{BASE}/launches/999999/checklist", headers=auth).status_code == 404
    assert client.post(f"{BASE}/launch-tasks/99999999999/done",
                       headers=auth).status_code == 404

    assert client.delete(f"{BASE}/launch-tasks/{task}", headers=auth).status_code == 204
    assert client.get(url, headers=auth).json()["total"] == 2
