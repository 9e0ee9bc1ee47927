"""Bulk actions over the API: counts, a 422 naming the bad id with nothing changed, the
500-id bound, and a viewer's 403."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User
from tandem.runtime import Runtime
from tests.api.conftest import token_for
from tests.conftest import PASSWORD

BASE = "/workspaces/acme"


def test_bulk_link_tag_and_bounds(client: TestClient, auth: dict[str, str], runtime: Runtime,
                                  owner: User) -> None:
    ids = [client.post(f"{BASE}/evidence", headers=auth, json={"text": f"item {i}"}).json()["id"]
           for i in range(3)]
    opp = client.post(f"{BASE}/opportunities", headers=auth, json={"title": "Swaps"}).json()
    bad = client.post(f"{BASE}/evidence/bulk", headers=auth, json={
        "action": "link", "ids": [*ids, 77_777], "opportunity_id": opp["id"]})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "ids"
    assert "77777" in bad.json()["error"]["message"]
    assert client.get(f"{BASE}/evidence?linked=yes", headers=auth).json()["total"] == 0

    done = client.post(f"{BASE}/evidence/bulk", headers=auth, json={
        "action": "link", "ids": ids, "opportunity_id": opp["id"]})
    assert done.status_code == 200, done.text
    assert done.json() == {"action": "link", "changed": 3, "unchanged": 0,
                           "message": "Linked 3 pieces of evidence to 'Swaps'."}
    tagged = client.post(f"{BASE}/evidence/bulk", headers=auth,
                         json={"action": "tag", "ids": ids[:2], "tag": "urgent"}).json()
    assert tagged["changed"] == 2
    assert client.get(f"{BASE}/evidence?tag=urgent", headers=auth).json()["total"] == 2

    too_many = client.post(f"{BASE}/evidence/bulk", headers=auth, json={
        "action": "delete", "ids": list(range(1, 502))})
    assert too_many.status_code == 422 and "ids" in too_many.text
    unknown = client.post(f"{BASE}/opportunities/bulk", headers=auth, json={
        "action": "move", "ids": [opp["id"]], "status": "done"})
    assert unknown.status_code == 422 and "status" in unknown.text

    with runtime.session() as session:
        accounts.create_user(session, "vera@example.com", PASSWORD)
    with runtime.scope(owner, "acme") as scope:
        viewer = accounts.add_member(scope, "vera@example.com", Role.viewer).user
    refused = client.post(f"{BASE}/opportunities/bulk", headers=token_for(runtime, viewer),
                          json={"action": "delete", "ids": [opp["id"]]})
    assert refused.status_code == 403
    moved = client.post(f"{BASE}/opportunities/bulk", headers=auth, json={
        "action": "move", "ids": [opp["id"]], "status": "planned"}).json()
    assert moved["message"] == "Moved 1 opportunity to planned."
