"""The API of suggested evidence and requirements, end to end (both engines)."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from pypdf import PdfReader

from tandem.accounts.models import User
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.runtime import Runtime
from tests.inbound.support import add

BASE = "/workspaces/acme"
QUOTE = "retype the rota into payroll"


def test_suggest_accept_write_approve_hand_off_export(client: TestClient, runtime: Runtime,
                                                      owner: User,
                                                      auth: dict[str, str]) -> None:
    with runtime.scope(owner, "acme") as scope:
        opp = opportunities.create(scope, OpportunityCreate(
            title="payroll rota", problem="rota payroll retype")).id
        near = add(scope, f"I {QUOTE} every week", customer_company="Harbor Cafe").id
        other = add(scope, "payroll rota retype slow").id
    url = f"{BASE}/opportunities/{opp}"
    found = client.get(f"{url}/suggestions", headers=auth).json()
    assert found["available"] and {near, other} <= {i["id"] for i in found["items"]}
    assert client.post(f"{url}/suggestions/accept", headers=auth,
                       json={"evidence_id": near, "importance": 3}).status_code == 200
    assert client.post(f"{url}/suggestions/reject", headers=auth,
                       json={"evidence_id": other}).json() == {"rejected": other, "new": True}
    found = client.get(f"{url}/suggestions", headers=auth).json()
    assert found["rejected"] == 1 and {near, other}.isdisjoint(i["id"] for i in found["items"])
    quotes = client.get(f"{url}/quotes", headers=auth).json()
    assert [q["evidence_id"] for q in quotes] == [near] and quotes[0]["importance"] == 3

    doc = {"title": "Rota to payroll", "problem": "Managers retype the rota.",
           "stories": [{"as_a": "manager", "i_want": "the rota sent to payroll",
                        "acceptance": ["Nightly"],
                        "citations": [{"evidence_id": near, "quote": QUOTE.upper()}]}],
           "metrics": [{"name": "Hours saved", "target": "2 a week"}]}
    bad = client.put(f"{url}/requirements", headers=auth, json={
        **doc, "stories": [{"i_want": "x", "citations": [
            {"evidence_id": near, "quote": "not said"}]}]})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == \
        "stories.0.citations.0.quote"
    unknown = client.put(f"{url}/requirements", headers=auth, json={**doc, "owner": "x"})
    assert unknown.status_code == 422
    no_one = client.put(f"{url}/requirements", headers=auth, json={**doc, "owner_id": 99999})
    assert no_one.status_code == 422 and no_one.json()["error"]["field"] == "owner_id"
    dan = client.post(f"{BASE}/people", headers=auth, json={"name": "Dan"}).json()["id"]
    saved = client.put(f"{url}/requirements", headers=auth, json={**doc, "owner_id": dan})
    assert saved.status_code == 200, saved.text
    assert saved.json()["stories"][0]["citations"][0]["state"] == "ok"
    assert (saved.json()["owner_id"], saved.json()["owner"]) == (dan, "Dan")
    assert client.post(f"{url}/requirements/status", headers=auth,
                       json={"status": "approved"}).status_code == 409
    for status in ("in_review", "approved"):
        moved = client.post(f"{url}/requirements/status", headers=auth,
                            json={"status": status})
        assert moved.status_code == 200 and moved.json()["status"] == status
    assert moved.json()["approved_by"] == owner.email
    bad_url = client.post(f"{url}/requirements/handoff", headers=auth, json={
        "what": "All", "to_name": "Dev", "tracker_url": "ftp://x.example/1"})
    assert bad_url.status_code == 422 and bad_url.json()["error"]["field"] == "tracker_url"
    handed = client.post(f"{url}/requirements/handoff", headers=auth, json={
        "what": "All stories", "to_name": "Platform team",
        "tracker_url": "https://tracker.example/P-7"}).json()
    assert (handed["status"], handed["handoff_to"]) == ("handed_off", "Platform team")

    md = client.get(f"{url}/requirements/export", params={"format": "md"}, headers=auth)
    assert md.headers["content-type"].startswith("text/markdown")
    assert f"[^1]: “{QUOTE.upper()}”: evidence #{near}, Harbor Cafe" in md.text
    html = client.get(f"{url}/requirements/export", params={"format": "html"}, headers=auth)
    assert 'href="#note-1"' in html.text and "Harbor Cafe" in html.text
    pdf = client.get(f"{url}/requirements/export", params={"format": "pdf"}, headers=auth)
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "rota-to-payroll" in pdf.headers["content-disposition"]
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Rota to payroll" in text
    assert f"evidence #{near}, Harbor Cafe" in text  # the footnote
    fonts = [f for page in reader.pages for f in page["/Resources"]["/Font"].values()]
    assert fonts and all("/FontFile2" in f.get_object()["/DescendantFonts"][0]
                         .get_object()["/FontDescriptor"].get_object() for f in fonts)
    assert client.get(f"{url}/requirements/export", params={"format": "doc"},
                      headers=auth).status_code == 422
    listed = client.get(f"{BASE}/requirements", headers=auth).json()
    assert [r["title"] for r in listed] == ["Rota to payroll"]
