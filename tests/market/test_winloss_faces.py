"""Win/loss over the API and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tests.api.conftest import auth, client  # noqa: F401  (fixtures)
from tests.cli.helpers import Cli

WS = "/workspaces/acme"


def test_api(client: TestClient, auth: dict[str, str]) -> None:  # noqa: F811
    made = client.post(WS + "/deals", headers=auth, json={
        "name": "Harbor", "outcome": "won", "reasons": ["Payroll export"],
        "quote": "Saved us hours"})
    assert made.status_code == 201 and len(made.json()["evidence_ids"]) == 2
    assert client.post(WS + "/deals", headers=auth, json={
        "name": "X", "outcome": "won", "amount": -5}).status_code == 422
    imported = client.post(WS + "/deals/import",
                           content=b"name,outcome\nPine,lost\nLake,no_decision\n",
                           headers={**auth, "Content-Type": "text/csv"})
    assert imported.status_code == 201 and imported.json() == {"created": 2}
    report = client.get(WS + "/winloss/report", headers=auth).json()
    assert report["overall"]["win_rate_excluding_no_decision"] == 0.5
    assert round(report["overall"]["win_rate_including_no_decision"], 3) == 0.333
    assert report["why_we_win"][0] == {"reason": "Payroll export", "count": 1,
                                       "quotes": ["Saved us hours"]}
    md = client.get(WS + "/winloss/report.md", headers=auth)
    assert md.headers["content-type"].startswith("text/markdown")


def test_cli(acme: Cli, tmp_path: Path) -> None:
    deal = json.loads(acme.ok("winloss", "add", "--name", "Harbor", "--outcome", "lost",
                              "--reason", "Price", "--quote", "Too dear", "--company",
                              "Harbor", "--closed", "2026-02-01", "--amount", "1200",
                              "--role", "Owner", "--json").stdout)
    assert len(deal["evidence_ids"]) == 2
    csv = tmp_path / "deals.csv"
    csv.write_text("name,outcome,reasons\nPine,won,Payroll export;Support\n")
    assert "Recorded 1 deal(s)" in acme.ok("winloss", "import", str(csv)).stdout
    shown = acme.ok("winloss", "report").stdout
    assert "win rate 50.0% excluding no decision" in shown and "Price (1)" in shown
    assert "# Win/loss report" in acme.ok("winloss", "report", "--markdown").stdout
    assert "Why we lost Harbor: Price" in acme.ok("evidence", "list").stdout
