"""The competitor page: add an alias, look for mentions, reject a false match, add to the
timeline; the evidence page names the competitor."""

from __future__ import annotations

from html import unescape

from tandem.accounts.models import User
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.market.competitor import CompetitorCreate, competitors
from tandem.runtime import Runtime
from tests.web.conftest import Browser, owner_scope


def test_competitor_page_flow(signed_in: Browser, rt: Runtime,
                              user: User) -> None:
    with owner_scope(rt, user) as scope:
        rival = competitors.create(scope, CompetitorCreate(name="Punchline HR")).id
        real = evidence.create(scope, EvidenceCreate(text="Punchline is slow to schedule")).id
        evidence.create(scope, EvidenceCreate(text="The punchline: we use paper"))
    page = f"/w/acme/competitors/{rival}"
    assert "No evidence mentions them yet" in signed_in.get(page).text
    added = signed_in.follow(signed_in.post(page + "/aliases", {"alias": "Punchline"}))
    assert "Added the alias" in unescape(added.text)
    dup = signed_in.follow(signed_in.post(page + "/aliases", {"alias": "punchline hr"}))
    assert "already names this competitor" in unescape(dup.text)
    found = signed_in.follow(signed_in.post(page + "/scan"))
    assert "2 new mentions linked" in found.text
    assert "<mark>punchline</mark>" in found.text and "<mark>Punchline</mark>" in found.text
    mention = found.text.split('/mentions/')[1].split('/')[0]
    rejected = signed_in.follow(signed_in.post(f"{page}/mentions/{mention}/rejected"))
    assert "Rejected as false matches (1)" in rejected.text
    timeline = signed_in.follow(signed_in.post(page + "/changes", {
        "happened_on": "2026-02-01", "kind": "pricing", "summary": "Per-seat price up 20%"}))
    assert "Per-seat price up 20%" in timeline.text
    bad = signed_in.follow(signed_in.post(page + "/changes", {"happened_on": "", "summary": ""}))
    assert "flash-error" in bad.text
    assert "Punchline HR" in signed_in.get(f"/w/acme/evidence/{real}").text


def test_competitor_page_shows_the_win_loss_against_it_only(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    from tandem.market.winloss import service as winloss
    from tandem.market.winloss.schemas import DealCreate

    with owner_scope(rt, user) as scope:
        rival = competitors.create(scope, CompetitorCreate(name="Punchline HR")).id
        other = competitors.create(scope, CompetitorCreate(name="RotaBoard")).id
        page = f"/w/acme/competitors/{rival}"
        for n, (outcome, against, reason) in enumerate((
                ("won", rival, "Swaps in one tap"), ("won", rival, "Swaps in one tap"),
                ("lost", rival, "Cheaper per seat"), ("no_decision", rival, "No budget"),
                ("lost", other, "Payroll export"))):
            winloss.record(scope, DealCreate(
                name=f"Deal {n}", outcome=outcome, competitor_id=against, reasons=[reason],
                quote=f"Quote {n} from the buyer", company=f"Client {n}"))
    text = unescape(signed_in.get(page).text)
    section = text.split('id="winloss"')[1].split("</section>")[0]
    assert "<strong>2</strong> won · <strong>1</strong> lost · <strong>1</strong> no decision" \
        in section
    assert "Win rate 66.7% of decided deals; 50.0% counting" in section
    assert "Swaps in one tap" in section and "Cheaper per seat" in section
    assert "Quote 1 from the buyer" in section and "(Client 1)" in section  # the newest
    assert "Payroll export" not in section  # a deal against another competitor
    empty = unescape(signed_in.get(f"/w/acme/competitors/{other}").text)
    assert "<strong>0</strong> won · <strong>1</strong> lost" in empty
