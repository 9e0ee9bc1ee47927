"""Bulk actions in a real browser: tick three evidence items, link them to an opportunity,
and see the message and the links; "select all" ticks the page and enables the buttons."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.loop import links
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def _seed(runtime: Runtime) -> tuple[list[int], int]:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with runtime.scope(user, "acme") as scope:
        ids = [evidence.create(scope, EvidenceCreate(text=f"Swapping shifts is painful ({i})")).id
               for i in range(4)]
        return ids, opportunities.create(scope, OpportunityCreate(title="Shift swaps")).id


def test_select_three_evidence_items_and_link_them(page: Page, live_server: str,
                                                   live_runtime: Runtime) -> None:
    ids, opp = _seed(live_runtime)
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(live_server + "/w/acme/evidence")

    link = page.locator("#bulk-form button[value=link]")
    expect(link).to_be_disabled()  # nothing ticked yet
    page.locator("[data-select-all=bulk-form]").check()
    expect(page.locator("[data-bulk-n]")).to_have_text("4")
    page.locator("[data-select-all=bulk-form]").uncheck()
    expect(page.locator("[data-bulk-n]")).to_have_text("0")

    for item in ids[:3]:
        page.get_by_label(f"Select #{item}").check()
    expect(page.locator("[data-bulk-n]")).to_have_text("3")
    expect(link).to_be_enabled()
    page.select_option("#bulk-opportunity_id", str(opp))
    link.click()

    expect(page.locator(".flash-success")).to_contain_text(
        "Linked 3 pieces of evidence to 'Shift swaps'.")
    with live_runtime.session() as session:
        from tandem.accounts.service import get_user_by_email
        user = get_user_by_email(session, "pia@example.com")
    with live_runtime.scope(user, "acme") as scope:
        found = links.linked(scope, "evidence", set(ids), "opportunities")
    assert [len(found[i]) for i in ids] == [1, 1, 1, 0]
