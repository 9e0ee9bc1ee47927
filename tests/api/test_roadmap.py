"""The roadmap over the API: placing releases in a column and the timeline export."""

from __future__ import annotations

from fastapi.testclient import TestClient

BASE = "/workspaces/acme"


def _release(client: TestClient, auth: dict[str, str], name: str, **fields: object) -> int:
    made = client.post(f"{BASE}/releases", headers=auth, json={"name": name, **fields})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_place_reorders_and_moves(client: TestClient, auth: dict[str, str]) -> None:
    first = _release(client, auth, "First", horizon="next")
    second = _release(client, auth, "Second", horizon="next")
    placed = client.post(f"{BASE}/roadmap/{second}/place", headers=auth,
                         json={"horizon": "next", "position": 1})
    assert placed.status_code == 200, placed.text
    assert [i["release"]["id"] for i in placed.json()["next"]] == [second, first]
    across = client.post(f"{BASE}/roadmap/{first}/place", headers=auth,
                         json={"horizon": "now", "position": 1}).json()
    assert [i["release"]["name"] for i in across["now"]] == ["First"]
    assert client.get(f"{BASE}/roadmap", headers=auth).json()["now"][0]["release"]["id"] == first


def test_place_refuses_bad_input(client: TestClient, auth: dict[str, str]) -> None:
    rel = _release(client, auth, "R")
    for body, field in (({"horizon": "someday", "position": 1}, "horizon"),
                        ({"horizon": "now", "position": 0}, "position"),
                        ({"horizon": "now"}, "position")):
        refused = client.post(f"{BASE}/roadmap/{rel}/place", headers=auth, json=body)
        assert refused.status_code == 422 and refused.json()["error"]["field"] == field, body
    shipped = _release(client, auth, "S", status="shipped", horizon="now",
                       shipped_on="2026-11-02")
    later = client.post(f"{BASE}/roadmap/{shipped}/place", headers=auth,
                        json={"horizon": "later", "position": 1})
    assert later.status_code == 422 and later.json()["error"]["field"] == "horizon"
    assert client.post(f"{BASE}/roadmap/999999/place", headers=auth,
                       json={"horizon": "now", "position": 1}).status_code == 404


def test_timeline_in_each_format(client: TestClient, auth: dict[str, str]) -> None:
    _release(client, auth, "Swap Center", horizon="now", target_date="2026-12-15")
    for fmt, kind, magic in (("svg", "image/svg+xml", b"<?xml"), ("png", "image/png", b"\x89PNG"),
                             ("pdf", "application/pdf", b"%PDF")):
        got = client.get(f"{BASE}/roadmap/timeline.{fmt}", headers=auth)
        assert got.status_code == 200 and got.headers["content-type"].startswith(kind)
        assert got.content.startswith(magic)
    assert b"Swap Center" in client.get(f"{BASE}/roadmap/timeline.svg", headers=auth).content
    assert client.get(f"{BASE}/roadmap/timeline.gif", headers=auth).status_code == 422
