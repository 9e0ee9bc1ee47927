"""`tandem suggestions` and `tandem prd`: suggest, accept, write, approve, hand off, export."""

from __future__ import annotations

import json
from pathlib import Path

from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.platform.actor import LocalAdmin
from tests.cli.helpers import Cli
from tests.inbound.support import add

QUOTE = "retype the rota into payroll"


def test_suggest_accept_write_approve_hand_off_export(acme: Cli, tmp_path: Path) -> None:
    runtime = acme.runtime()
    try:
        with runtime.scope(LocalAdmin(), "acme") as scope:
            opp = opportunities.create(scope, OpportunityCreate(
                title="payroll rota", problem="rota payroll retype")).id
            near = add(scope, f"I {QUOTE} every week", customer_company="Harbor Cafe").id
    finally:
        runtime.close()
    listed = acme.ok("suggestions", "list", str(opp))
    assert "Harbor Cafe" in listed.output
    acme.ok("suggestions", "accept", str(opp), str(near), "--importance", "3")
    quotes = json.loads(acme.ok("suggestions", "quotes", str(opp), "--json").stdout)
    assert [q["evidence_id"] for q in quotes] == [near]

    doc = tmp_path / "prd.json"
    doc.write_text(json.dumps({"title": "Rota to payroll", "stories": [
        {"i_want": "the rota sent to payroll",
         "citations": [{"evidence_id": near, "quote": "not said"}]}]}))
    refused = acme("prd", "write", str(opp), str(doc))
    assert refused.exit_code != 0 and "does not say" in refused.output
    doc.write_text(json.dumps({"title": "Rota to payroll", "stories": [
        {"i_want": "the rota sent to payroll",
         "citations": [{"evidence_id": near, "quote": QUOTE}]}]}))
    acme.ok("prd", "write", str(opp), str(doc))
    shown = json.loads(acme.ok("prd", "show", str(opp), "--json").stdout)
    doc.write_text(json.dumps(shown))  # what show prints writes back unchanged
    acme.ok("prd", "write", str(opp), str(doc))
    acme.ok("prd", "status", str(opp), "in_review")
    assert "approved" in acme.ok("prd", "status", str(opp), "approved").output
    handed = acme.ok("prd", "handoff", str(opp), "--what", "All stories", "--to",
                     "Platform team", "--url", "https://tracker.example/P-7")
    assert "Platform team" in handed.output
    md = acme.ok("prd", "export", str(opp))
    assert f"[^1]: “{QUOTE}”: evidence #{near}, Harbor Cafe" in md.stdout
    out = tmp_path / "prd.pdf"
    acme.ok("prd", "export", str(opp), "--format", "pdf", "--output", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert acme("prd", "export", str(opp), "--format", "pdf").exit_code != 0
    assert "Rota to payroll" in acme.ok("prd", "list").output
