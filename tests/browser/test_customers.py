"""Customers in a real browser: from an evidence item to its company's page, and the
evidence pages staying readable with long text and long company names."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.inbound.customers.records import companies
from tandem.inbound.customers.schemas import CompanyCreate
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.market.segment import SegmentCreate, segments
from tandem.runtime import Runtime
from tests.conftest import PASSWORD

LONG_URL = ("https://support.example.com/tickets/export-failure/" + "a" * 160
            + "?session=" + "b" * 60)


def _seed(runtime: Runtime, *texts: tuple[str, str]) -> list[int]:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with runtime.scope(user, "acme") as scope:
        clinics = segments.create(scope, SegmentCreate(name="Clinics")).id
        companies.create(scope, CompanyCreate(name="Fernhill Chiropractic & Physio",
                                              domain="fernhill.example", revenue=1200,
                                              revenue_period="monthly", segment_id=clinics))
        return [evidence.create(scope, EvidenceCreate(
            text=text, customer_company=company, customer_contact="pat@fernhill.example")).id
            for text, company in texts]


def _sign_in(page: Page, live_server: str) -> None:
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/w/acme"))


def test_open_a_company_from_an_evidence_item(page: Page, live_server: str,
                                              live_runtime: Runtime) -> None:
    (item,) = _seed(live_runtime, ("Payroll export takes two hours", "Fernhill Chiropractic "
                                   "& Physio"))
    _sign_in(page, live_server)
    page.goto(live_server + f"/w/acme/evidence/{item}")
    card = page.locator(".customer-card")
    expect(card).to_contain_text("14,400")
    expect(card).to_contain_text("Clinics")
    card.get_by_role("link", name="Fernhill Chiropractic & Physio").click()
    expect(page).to_have_url(re.compile(r"/w/acme/companies/\d+$"))
    expect(page.locator("h1")).to_have_text("Fernhill Chiropractic & Physio")
    panel = page.locator(".company-panel")
    expect(panel).to_contain_text("14,400")
    expect(panel).to_contain_text("1,200 a month")
    section = page.locator("section", has=page.locator("#co-evidence-h"))
    expect(section).to_contain_text("Payroll export takes two hours")
    contacts = page.locator("section", has=page.locator("#co-contacts-h"))
    expect(contacts).to_contain_text("pat@fernhill.example")

    page.goto(live_server + "/w/acme/companies?sort=-arr&stage=customer")
    expect(page.locator("table.table-companies tbody tr")).to_have_count(1)
    page.goto(live_server + "/w/acme/companies?stage=churned")
    expect(page.locator("main")).to_contain_text("Nothing matches")


def test_a_pasted_url_wraps_inside_the_quote(page: Page, live_server: str,
                                             live_runtime: Runtime) -> None:
    (item,) = _seed(live_runtime, (f"The export breaks, see {LONG_URL}", ""))
    _sign_in(page, live_server)
    page.goto(live_server + f"/w/acme/evidence/{item}")
    quote = page.locator(".evidence-quote").bounding_box()
    buttons = page.locator(".page-head .actions").bounding_box()
    assert quote is not None and buttons is not None
    # The quote (text included) ends before the buttons start, and the page is not wider
    # than the window.
    text_right = page.evaluate(
        "() => { const r = document.createRange();"
        " r.selectNodeContents(document.querySelector('.evidence-quote'));"
        " return Math.max(...[...r.getClientRects()].map(x => x.right)); }")
    assert text_right <= buttons["x"]
    assert quote["x"] + quote["width"] <= buttons["x"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_company_names_in_the_evidence_list_break_only_between_words(
        page: Page, live_server: str, live_runtime: Runtime) -> None:
    long_text = "Swapping shifts means texting everyone on the weekend and hoping " * 3
    _seed(live_runtime, (long_text.strip(), "Fernhill Chiropractic & Physio"))
    _sign_in(page, live_server)
    page.goto(live_server + "/w/acme/evidence")
    link = page.locator("table.table-evidence td.col-company_id a").first
    expect(link).to_have_text("Fernhill Chiropractic & Physio")
    broken = page.evaluate(
        """(el) => {
          const text = el.firstChild; const words = []; let at = 0;
          for (const word of text.textContent.split(' ')) {
            const r = document.createRange(); r.setStart(text, at);
            r.setEnd(text, at + word.length); at += word.length + 1;
            if (r.getClientRects().length > 1) words.push(word);
          }
          return words; }""", link.element_handle())
    assert broken == []
