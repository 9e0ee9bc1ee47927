"""In a real browser: accept a suggested item in one click (htmx), write requirements whose
story cites a customer's words, approve and hand them off, and download the PDF."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.runtime import Runtime
from tests.conftest import PASSWORD
from tests.inbound.support import add

QUOTE = "retype the rota into payroll"


def _seed(runtime: Runtime) -> dict[str, int]:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with runtime.scope(user, "acme") as scope:
        return {
            "opp": opportunities.create(scope, OpportunityCreate(
                title="payroll rota", problem="rota payroll retype")).id,
            "near": add(scope, f"I {QUOTE} every week", customer_company="Harbor Cafe").id,
        }


def test_accept_write_approve_hand_off_and_download(page: Page, live_server: str,
                                                    live_runtime: Runtime,
                                                    tmp_path: Path) -> None:
    ids = _seed(live_runtime)
    opp_url = f"/w/acme/opportunities/{ids['opp']}"
    page.goto(live_server + f"/signin?next={opp_url}")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")

    suggestion = page.locator(f"#suggestion-{ids['near']}")
    expect(suggestion).to_contain_text("Harbor Cafe")  # loaded into the page by htmx
    url_before = page.url
    suggestion.get_by_role("button", name=f"Accept evidence {ids['near']}").click()
    expect(page.locator(f"#suggestion-{ids['near']}")).to_have_count(0)
    expect(page.locator(".quote-list")).to_contain_text("Harbor Cafe")
    assert page.url == url_before  # one click, no page load

    page.click("text=Write requirements")
    page.fill("#f-title", "Rota to payroll")
    page.fill("#f-problem", "Managers retype the rota into payroll every week.")
    page.fill("input[name=story_0_as_a]", "store manager")
    page.fill("input[name=story_0_i_want]", "the rota sent to payroll nightly")
    page.fill("textarea[name=story_0_acceptance]", "Runs every night\nShows the last run")
    page.select_option("select[name=story_0_cite_evidence_0]", str(ids["near"]))
    page.fill("input[name=story_0_cite_quote_0]", QUOTE)
    page.click("text=Save requirements")
    expect(page.locator(".flash-success")).to_contain_text("Requirements saved.")
    expect(page.locator(".prd-body")).to_contain_text(f"evidence #{ids['near']}, Harbor Cafe")

    page.click("button:has-text('Submit for review')")
    page.click("button:has-text('Approve')")
    expect(page.locator(".page-head")).to_contain_text("approved by pia@example.com")
    page.fill("#ho-name", "Platform team")
    page.fill("#ho-url", "https://tracker.example/P-7")
    page.click("button:has-text('Hand off')")
    expect(page.locator(".flash-success")).to_contain_text("Handed to Platform team")
    expect(page.locator("main")).to_contain_text("https://tracker.example/P-7")

    with page.expect_download() as download:
        page.click("text=Download PDF")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "prd-rota-to-payroll.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
