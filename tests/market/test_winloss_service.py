"""Win/loss on both engines: a deal's reasons and quote become linked evidence; CSV import
is all or nothing; the report and its Markdown."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.errors import Invalid
from tandem.inbound.evidence.service import evidence
from tandem.market.competitor import CompetitorCreate, competitors
from tandem.market.winloss import service
from tandem.market.winloss.schemas import DealCreate
from tandem.scope import Scope

CSV = """name,outcome,company,competitor,amount,closed_on,reasons,quote
Harbor,won,Harbor Kitchen,RotaBoard,24000,2026-02-01,Payroll export;Multi-site,Saved hours
Pine pilot,lost,Pine & Pickle,rotaboard,9000,2026-02-10,Price,Too expensive for us
Lake trial,no_decision,Lakeview,,,2026-03-01,,
"""


def test_a_deal_becomes_evidence(scope: Scope) -> None:
    rival = competitors.create(scope, CompetitorCreate(name="CrewCast")).id
    deal = service.record(scope, DealCreate(
        name="Lakeview Dental", outcome="lost", company="Lakeview Dental Group",
        competitor_id=rival, closed_on=date(2026, 3, 2), reasons=["Annual contract"],
        quote="CrewCast Lite was cheaper", interviewee_role="Practice manager"))
    ids = service.evidence_of(scope, [deal.id])[deal.id]
    texts = [evidence.get(scope, i) for i in ids]
    assert [e.text for e in texts] == ["Why we lost Lakeview Dental: Annual contract",
                                      "CrewCast Lite was cheaper"]
    assert {e.source for e in texts} == {"win_loss"}
    assert texts[0].customer_company == "Lakeview Dental Group"
    assert texts[0].received_on == date(2026, 3, 2)
    assert texts[0].tags == ["win-loss", "lost"]
    with pytest.raises(Invalid, match="No competitor 999"):
        service.record(scope, DealCreate(name="x", outcome="won", competitor_id=999))


def test_csv_import_report_and_markdown(scope: Scope) -> None:
    competitors.create(scope, CompetitorCreate(name="RotaBoard"))
    with pytest.raises(Invalid, match="line 2, column 'outcome'"):
        service.import_csv(scope, "name,outcome\nA,maybe\n")
    with pytest.raises(Invalid, match="no competitor named 'Nobody'"):
        service.import_csv(scope, "name,outcome,competitor\nA,won,Nobody\n")
    assert service.deals(scope) == []
    assert len(service.import_csv(scope, CSV)) == 3
    report = service.report(scope)
    assert (report.overall.won, report.overall.lost, report.overall.no_decision) == (1, 1, 1)
    assert report.by_competitor[0][0] == "RotaBoard" and report.by_competitor[0][1].won == 1
    assert [r.text for r in report.why_we_lose] == ["Price"]
    md = service.markdown("Acme", report)
    assert "Win rate 50.0% excluding no decision, 33.3% counting no decision" in md
    assert "> Too expensive for us (Pine & Pickle)" in md
