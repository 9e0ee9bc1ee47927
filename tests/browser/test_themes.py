"""In a real browser: find themes (watching the job), merge two, and turn one into an
opportunity with its evidence linked."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.platform.jobs.worker import Background
from tandem.runtime import Runtime
from tests.conftest import PASSWORD
from tests.inbound.themes.test_service import seed
from tests.jobs.support import make_worker


def test_find_themes_merge_two_and_make_an_opportunity(
        page: Page, live_server: str, live_runtime: Runtime) -> None:
    with live_runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with live_runtime.scope(user, "acme") as scope:
        seed(scope)

    page.goto(live_server + "/signin?next=/w/acme")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click("nav >> text=Themes")
    expect(page.locator("main")).to_contain_text("No themes yet")
    page.get_by_role("button", name="Find themes").click()
    expect(page).to_have_url(re.compile(r"/w/acme/jobs/\d+$"))
    background = Background.start(make_worker(live_runtime))
    assert background is not None
    try:
        expect(page.locator("main")).to_contain_text("Succeeded", timeout=20_000)
    finally:
        background.stop()

    page.click("nav >> text=Themes")
    cards = page.locator(".theme-card")
    expect(cards).to_have_count(3)
    expect(cards.first.locator("svg.spark")).to_be_visible()
    cards.nth(1).locator(".theme-title a").click()
    expect(page.locator("h1")).to_be_visible()
    other = page.locator("#other option").nth(1)
    merged_label = other.inner_text()
    page.select_option("#other", index=1)
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("Merged")
    expect(page.locator(".stat").first).to_contain_text("16")

    page.click("nav >> text=Themes")
    expect(cards).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text(merged_label)
    cards.first.locator(".theme-title a").click()
    page.get_by_role("button", name="Make an opportunity").click()
    expect(page).to_have_url(re.compile(r"/w/acme/opportunities/\d+$"))
    expect(page.locator(".flash-success")).to_contain_text("16 pieces of evidence linked")
