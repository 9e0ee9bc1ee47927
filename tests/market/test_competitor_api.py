"""Competitor intelligence over the API: aliases, the scan job, mentions, review, timeline."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tandem.platform.jobs.worker import Worker
from tandem.runtime import Runtime
from tests.api.conftest import auth, client  # noqa: F401  (fixtures)

WS = "/workspaces/acme"


def test_alias_scan_review_timeline(client: TestClient, auth: dict[str, str],  # noqa: F811
                                    runtime: Runtime) -> None:
    rival = client.post(WS + "/competitors", headers=auth, json={"name": "RotaBoard"}).json()
    one = f"{WS}/competitors/{rival['id']}"
    assert client.post(one + "/aliases", headers=auth, json={"alias": "Rota Board"}).json() \
        == ["Rota Board"]
    assert client.post(one + "/aliases", headers=auth,
                       json={"alias": "rotaboard"}).status_code == 409
    assert client.post(one + "/aliases", headers=auth, json={"alias": "x"}).status_code == 422
    client.post(WS + "/evidence", headers=auth, json={"text": "We dropped rota board."})

    job = client.post(WS + "/competitors/scan", headers=auth)
    assert job.status_code == 202 and job.headers["location"]
    assert Worker(runtime, "test", poll=0.01, heartbeat=0.05).run_once()
    done = client.get(job.headers["location"].removeprefix("/api/v1"), headers=auth).json()
    assert done["status"] == "succeeded" and done["result"]["mentions_linked"] == 1

    found = client.get(one + "/mentions", headers=auth).json()
    assert [(m["matched"], m["status"]) for m in found] == [("rota board", "linked")]
    reviewed = client.post(f"{WS}/competitor-mentions/{found[0]['id']}/rejected", headers=auth)
    assert reviewed.json()["status"] == "rejected"
    assert client.post(f"{WS}/competitor-mentions/{found[0]['id']}/maybe",
                       headers=auth).status_code == 422
    change = client.post(one + "/changes", headers=auth, json={
        "happened_on": "2026-03-01", "kind": "pricing", "summary": "Cut the free tier"})
    assert change.status_code == 201
    profile = client.get(one + "/profile", headers=auth).json()
    assert profile["aliases"] == ["Rota Board"] and profile["rejected"] == 1
    assert profile["timeline"][0]["summary"] == "Cut the free tier"
    assert client.post(one + "/changes", headers=auth, json={
        "happened_on": "soon", "summary": "x"}).status_code == 422
    assert client.get(f"{WS}/competitors/999/profile", headers=auth).status_code == 404
