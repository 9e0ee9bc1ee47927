"""Strategy over the API: records, the tree, a vision, grouping and tracing up."""

from __future__ import annotations

from fastapi.testclient import TestClient

BASE = "/workspaces/acme"


def _made(client: TestClient, auth: dict[str, str], path: str, **body: object) -> int:
    made = client.post(f"{BASE}/{path}", headers=auth, json=body)
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_strategy_end_to_end(client: TestClient, auth: dict[str, str]) -> None:
    product = _made(client, auth, "products", name="Shiftwell")
    goal = _made(client, auth, "objectives", title="Win multi-site clinics", period="2027 H1",
                 product_id=product)
    _made(client, auth, "key-results", objective_id=goal, title="Accounts", start=4, target=24,
          current=14)
    work = _made(client, auth, "initiatives", title="Regions", objective_id=goal)
    opp = _made(client, auth, "opportunities", title="Several sites")
    vision = client.put(f"{BASE}/strategy/products/{product}/vision", headers=auth,
                        json={"vision": "Every shift covered.", "lifecycle_stage": "growth"})
    assert vision.status_code == 200 and vision.json()["lifecycle_stage"] == "growth"
    grouped = client.post(f"{BASE}/initiatives/{work}/items", headers=auth,
                          json={"kind": "opportunities", "id": opp})
    assert grouped.status_code == 204
    tree = client.get(f"{BASE}/strategy", headers=auth).json()
    assert tree["products"][0]["vision"] == "Every shift covered."
    (objective,) = tree["objectives"]
    assert objective["progress"] == 0.5
    assert objective["initiatives"][0]["opportunities"][0]["id"] == opp
    trace = client.get(f"{BASE}/strategy/trace/opportunities/{opp}", headers=auth).json()
    assert trace[0]["objective"]["title"] == "Win multi-site clinics"
    gone = client.delete(f"{BASE}/initiatives/{work}/items/opportunities/{opp}", headers=auth)
    assert gone.status_code == 204
    assert client.get(f"{BASE}/strategy/trace/opportunities/{opp}", headers=auth).json() == []


def test_bad_input_names_the_field(client: TestClient, auth: dict[str, str]) -> None:
    goal = _made(client, auth, "objectives", title="Grow")
    for path, body, field in (
            ("key-results", {"objective_id": goal, "title": "Flat", "target": 1, "start": 1},
             "target"),
            ("key-results", {"objective_id": goal, "title": "Huge", "target": 1e13}, "target"),
            ("key-results", {"title": "No objective", "target": 3}, "objective_id")):
        refused = client.post(f"{BASE}/{path}", headers=auth, json=body)
        assert refused.status_code == 422 and refused.json()["error"]["field"] == field, body
    product = _made(client, auth, "products", name="P")
    stage = client.put(f"{BASE}/strategy/products/{product}/vision", headers=auth,
                       json={"lifecycle_stage": "adolescence"})
    assert stage.status_code == 422 and stage.json()["error"]["field"] == "lifecycle_stage"
    work = _made(client, auth, "initiatives", title="W")
    kind = client.post(f"{BASE}/initiatives/{work}/items", headers=auth,
                       json={"kind": "evidence", "id": 1})
    assert kind.status_code == 422 and kind.json()["error"]["field"] == "kind"
    assert client.get(f"{BASE}/strategy/trace/opportunities/999999",
                      headers=auth).status_code == 404
