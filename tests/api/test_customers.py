"""Customers over the API: companies with their ARR, sorted lists, CSV imports, evidence
linked to its customer, and the customer summary of a set of evidence."""

from __future__ import annotations

from fastapi.testclient import TestClient

BASE = "/workspaces/acme"
CSV = {"Content-Type": "text/csv"}


def test_companies_evidence_and_summary(client: TestClient, auth: dict[str, str]) -> None:
    made = client.post(f"{BASE}/companies", headers=auth, json={
        "name": "Harbor Dental", "domain": "harbor.example", "revenue": 1000,
        "revenue_period": "monthly", "stage": "customer"})
    assert made.status_code == 201, made.text
    harbor = made.json()
    assert (harbor["arr"], harbor["revenue"], harbor["revenue_period"]) == (
        12000, 1000, "monthly")
    clash = client.post(f"{BASE}/companies", headers=auth,
                        json={"name": "Other", "domain": "HARBOR.example"})
    assert clash.status_code == 409 and clash.json()["error"]["field"] == "domain"
    bad = client.post(f"{BASE}/companies", headers=auth, json={"name": "X", "stage": "lead"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "stage"

    report = client.post(f"{BASE}/companies/import", headers={**auth, **CSV},
                         content=b"name,arr\nLuna Taqueria,50000\n")
    assert report.status_code == 201 and report.json() == {
        "created": 1, "updated": 0, "skipped": []}
    rejected = client.post(f"{BASE}/companies/import", headers={**auth, **CSV},
                           content=b"name,arr\nGood,1\nBad,-4\n")
    assert rejected.status_code == 422
    assert "line 3, column 'arr'" in rejected.json()["error"]["message"]
    latin = client.post(f"{BASE}/contacts/import", headers={**auth, **CSV},
                        content="name\nJos\xe9\n".encode("latin-1"))
    assert latin.status_code == 422 and "UTF-8" in latin.json()["error"]["message"]

    ranked = client.get(f"{BASE}/companies", headers=auth, params={"sort": "-arr"}).json()
    assert [c["name"] for c in ranked["items"]] == ["Luna Taqueria", "Harbor Dental"]
    assert client.get(f"{BASE}/companies", headers=auth,
                      params={"sort": "size"}).status_code == 422
    assert client.get(f"{BASE}/companies", headers=auth,
                      params={"stage": "lead"}).status_code == 422

    said = client.post(f"{BASE}/evidence", headers=auth, json={
        "text": "Payroll export takes hours", "customer_contact": "mia@harbor.example"})
    assert said.status_code == 201, said.text
    item = said.json()
    assert item["company_id"] == harbor["id"] and item["contact_id"] is not None
    other = client.post(f"{BASE}/evidence", headers=auth, json={
        "text": "Swaps", "customer_company": "Luna Taqueria"}).json()
    only_harbor = client.get(f"{BASE}/evidence", headers=auth,
                             params={"company_id": harbor["id"]}).json()
    assert [e["id"] for e in only_harbor["items"]] == [item["id"]]

    summary = client.post(f"{BASE}/customers/summary", headers=auth,
                          json={"evidence_ids": [item["id"], other["id"]]})
    assert summary.status_code == 200, summary.text
    found = summary.json()
    assert (found["companies"], found["arr"], found["with_company"]) == (2, 62000, 2)
    assert found["segments"] == [{"segment_id": None, "segment": "No segment",
                                  "companies": 2, "arr": 62000}]
    too_many = client.post(f"{BASE}/customers/summary", headers=auth,
                           json={"evidence_ids": list(range(1, 10_002))})
    assert too_many.status_code == 422
    assert client.post(f"{BASE}/customers/summary", headers=auth,
                       json={"evidence_ids": [0]}).status_code == 422
