"""The API of hybrid evidence search and of the duplicates queue (both engines)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tandem.accounts.models import User
from tandem.inbound.duplicates import service as duplicates
from tandem.runtime import Runtime
from tests.inbound.support import add

BASE = "/workspaces/acme"
COPY = "Exporting the rota to payroll takes me two hours every week"


def test_search_modes_filters_and_errors(client: TestClient, runtime: Runtime, owner: User,
                                         auth: dict[str, str]) -> None:
    with runtime.scope(owner, "acme") as scope:
        plain = add(scope, "payroll export <b>broken</b>", embed=False, source="support").id
    found = client.get(f"{BASE}/evidence/search", params={"q": "payroll"}, headers=auth).json()
    assert (found["used"], found["semantic_available"]) == ("keyword", False)
    assert found["note"] and [h["id"] for h in found["hits"]] == [plain]
    assert found["hits"][0]["snippet_html"] == \
        "<mark>payroll</mark> export &lt;b&gt;broken&lt;/b&gt;"
    with runtime.scope(owner, "acme") as scope:
        near = add(scope, "payroll export").id
        add(scope, "payroll export broken")
    found = client.get(f"{BASE}/evidence/search", params={"q": "payroll export broken"},
                       headers=auth).json()
    assert found["used"] == "hybrid" and not found["note"]
    assert near in [h["id"] for h in found["hits"] if h["matched_by"] == "meaning"]
    filtered = client.get(f"{BASE}/evidence/search", headers=auth, params={
        "q": "payroll", "mode": "keyword", "source": "support"}).json()
    assert [h["id"] for h in filtered["hits"]] == [plain]
    assert filtered["filters"] == {"source": "support"}
    for params, field in (({"q": "payroll", "source": "pigeon"}, "source"),
                          ({"q": "payroll", "theme": "x"}, "theme"),
                          ({"q": "payroll", "received_from": "2026-02-30"}, "received_from"),
                          ({"q": "payroll", "mode": "psychic"}, "mode"),
                          ({"q": "x" * 501}, "q"), ({"q": "..."}, "q"),
                          ({"q": "payroll", "limit": "0"}, "limit")):
        bad = client.get(f"{BASE}/evidence/search", params=params, headers=auth)
        assert bad.status_code == 422, (params, bad.text)
        assert field in bad.text


def test_duplicates_queue_merge_dismiss_and_scan(client: TestClient, runtime: Runtime,
                                                 owner: User, auth: dict[str, str]) -> None:
    with runtime.scope(owner, "acme") as scope:
        a, b, c = (add(scope, COPY + tail).id for tail in ("", "!", "?"))
        add(scope, "The calendar is lovely")
    job = client.post(f"{BASE}/evidence/duplicates/scan", json={"threshold": 0.95},
                      headers=auth)
    assert job.status_code == 202 and job.headers["location"]
    assert client.post(f"{BASE}/evidence/duplicates/scan", json={"threshold": 2},
                       headers=auth).status_code == 422
    with runtime.scope(owner, "acme") as scope:  # run it here (no worker in API tests)
        duplicates.scan(scope, runtime.embedder.name, threshold=0.95)
    queue = client.get(f"{BASE}/evidence/duplicates", headers=auth).json()
    assert queue["total"] == 1
    assert [i["id"] for i in queue["groups"][0]["items"]] == [a, b, c]
    assert client.post(f"{BASE}/evidence/duplicates/dismiss", json={"ids": [b, c]},
                       headers=auth).json() == {"dismissed": 1}
    merged = client.post(f"{BASE}/evidence/duplicates/merge", json={"keep": a, "merge": [b]},
                         headers=auth)
    assert merged.status_code == 200 and merged.json() == {"kept": a, "merged": [b]}
    records = client.get(f"{BASE}/evidence/{a}/merges", headers=auth).json()
    assert [r["merged_id"] for r in records] == [b]
    assert client.get(f"{BASE}/evidence/{b}", headers=auth).status_code == 404
    for body in ({"keep": a, "merge": []}, {"keep": a, "merge": [b]}, {"keep": "x"},
                 {"keep": a, "merge": [c], "extra": 1}):
        bad = client.post(f"{BASE}/evidence/duplicates/merge", json=body, headers=auth)
        assert 400 <= bad.status_code < 500, (body, bad.text)
    assert client.post(f"{BASE}/evidence/duplicates/dismiss", json={"ids": [a]},
                       headers=auth).status_code == 422
