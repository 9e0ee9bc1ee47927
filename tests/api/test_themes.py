"""The themes API (both engines): a run as a job, the list, one theme, curation and
theme -> opportunity, with 4xx for bad input."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tandem.accounts.models import User
from tandem.inbound.themes import service as themes
from tandem.runtime import Runtime
from tests.inbound.themes.test_service import seed

BASE = "/workspaces/acme"


def test_run_list_curate_and_make_an_opportunity(client: TestClient, runtime: Runtime,
                                                 owner: User, auth: dict[str, str]) -> None:
    with runtime.scope(owner, "acme") as scope:
        groups = seed(scope)
    job = client.post(f"{BASE}/themes/discover", headers=auth)
    assert job.status_code == 202 and job.json()["kind"] == "themes.discover"
    assert job.headers["location"]
    with runtime.scope(owner, "acme") as scope:  # run it here (no worker in API tests)
        themes.run(scope, runtime.embedder.name)
    listed = client.get(f"{BASE}/themes", headers=auth).json()
    assert [t["size"] for t in listed["themes"]] == [8, 8, 8]
    assert listed["unsorted"] == 0 and listed["embedded"] == 24
    first = listed["themes"][0]
    assert len(first["quotes"]) == 3 and len(first["trend"]) == 12 and first["companies"] == 3
    one, two, three = (t["id"] for t in listed["themes"])
    renamed = client.patch(f"{BASE}/themes/{one}", json={"label": "Rota", "pinned": True},
                           headers=auth).json()
    assert renamed["label"] == "Rota" and renamed["pinned"] and renamed["label_curated"]
    merged = client.post(f"{BASE}/themes/{two}/merge", json={"themes": [three]}, headers=auth)
    assert merged.status_code == 200 and merged.json()["size"] == 16
    items = client.get(f"{BASE}/themes/{two}/evidence", params={"limit": 5},
                       headers=auth).json()
    assert items["total"] == 16 and len(items["items"]) == 5
    split = client.post(f"{BASE}/themes/{two}/split", json={}, headers=auth)
    assert split.status_code == 201 and split.json()["size"] == 8
    moved = client.post(f"{BASE}/themes/{two}/move",
                        json={"evidence_ids": [groups["payroll"][0]]}, headers=auth).json()
    assert moved["size"] == 9
    made = client.post(f"{BASE}/themes/{one}/opportunity", json={"title": "Rota exports"},
                       headers=auth)
    assert made.status_code == 201 and made.json()["linked"] == 7
    again = client.post(f"{BASE}/themes/{one}/opportunity", headers=auth)
    assert again.status_code == 409
    hidden = client.patch(f"{BASE}/themes/{one}", json={"hidden": True}, headers=auth).json()
    assert hidden["hidden"]
    assert one not in [t["id"] for t in client.get(f"{BASE}/themes", headers=auth).json()
                       ["themes"]]
    assert client.get(f"{BASE}/themes", params={"hidden": "true"},
                      headers=auth).json()["hidden"] == 1
    linked = client.get(f"{BASE}/evidence", params={"theme_id": str(one)}, headers=auth).json()
    assert linked["total"] == 7
    for method, path, body in (
            ("PATCH", f"{BASE}/themes/{one}", {"label": ""}),
            ("PATCH", f"{BASE}/themes/{one}", {"colour": "red"}),
            ("POST", f"{BASE}/themes/{two}/merge", {"themes": []}),
            ("POST", f"{BASE}/themes/{two}/merge", {"themes": [two]}),
            ("POST", f"{BASE}/themes/{two}/move", {"evidence_ids": [999999]}),
            ("POST", f"{BASE}/themes/{two}/split", {"evidence_ids": [groups["payroll"][5]]}),
            ("GET", f"{BASE}/themes/999999", None),
            ("GET", f"{BASE}/themes", None)):
        params = {"sort": "colour"} if method == "GET" and path.endswith("/themes") else None
        bad = client.request(method, path, json=body, params=params, headers=auth)
        assert 400 <= bad.status_code < 500, (path, body, bad.text)
