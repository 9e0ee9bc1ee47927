"""Market sizing over the API, on both engines: figures by name, exports, errors as 4xx."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tandem.demo.market import CLINICS_TOP_DOWN
from tests.api.conftest import auth, client  # noqa: F401  (fixtures)

BASE = "/workspaces/acme/sizing"


def test_api_create_read_export_and_errors(client: TestClient,  # noqa: F811
                                           auth: dict[str, str]) -> None:  # noqa: F811
    made = client.post(BASE, headers=auth, json={
        "name": "Clinics", "method": "top_down", "inputs": CLINICS_TOP_DOWN,
        "currency": "EUR", "tier_names": {"sam": "OAM"}})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["scenarios"]["base"][0]["value"] == 1.08e9
    assert body["scenarios"]["base"][1]["name"] == "OAM"
    assert body["inputs"][0]["key"] == "industry_total" and body["inputs"][0]["unit"] == "money"
    one = f"{BASE}/{body['id']}"
    assert client.get(one + "/export.md", headers=auth).text.startswith("# Clinics")
    assert client.get(one + "/export.csv", headers=auth).headers["content-type"].startswith(
        "text/csv")
    assert client.get(one + "/export.pdf", headers=auth).status_code == 422
    assert client.get(one + "/chart.png", headers=auth).content[:4] == b"\x89PNG"
    bad = dict(CLINICS_TOP_DOWN, geography_share={"low": 1, "base": 2, "high": 101})
    answer = client.patch(one, headers=auth, json={"inputs": bad})
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "geography_share.high"
    assert client.post(BASE, headers=auth, json={"name": "X", "method": "sideways",
                                                 "inputs": {}}).status_code == 422
