"""A new user in a real browser: give a product two plans and a feature in the grid, read
the comparison, make it a sales asset, and record a competitor's price beside ours."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.market.competitor import CompetitorCreate, competitors
from tandem.market.product import ProductCreate, products
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def test_plans_in_the_grid_then_an_asset_and_a_competitor_price(
        page: Page, live_server: str, live_runtime: Runtime) -> None:
    with live_runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with live_runtime.scope(LocalAdmin(), "acme") as scope:
        products.create(scope, ProductCreate(name="Shiftwise"))
        competitors.create(scope, CompetitorCreate(name="RotaBoard"))
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(live_server + "/w/acme")
    page.get_by_role("link", name="Packaging").click()
    page.get_by_role("link", name="Edit the plans").click()
    expect(page.locator("main")).to_contain_text("No plans yet")
    page.fill("#p0_name", "Free")
    page.fill("#p0_a0", "0")
    page.fill("#p0_c0", "EUR")
    page.click("button:has-text('Save the packaging')")
    # A second plan column appears once the first is saved.
    page.fill("#p1_name", "Team")
    page.fill("#p1_a0", "8")
    page.fill("#p1_c0", "EUR")
    page.select_option("#p1_u0", "per_seat")
    page.fill("#f0_name", "Locations")
    page.select_option("#f0_s0", "limit")
    page.fill("#f0_l0", "1 site")
    page.select_option("#f0_s1", "included")
    page.click("button:has-text('Save the packaging')")

    table = page.locator("#comparison")
    expect(page.locator(".flash-success")).to_contain_text("Saved the packaging.")
    expect(table).to_contain_text("8 EUR / seat / month")
    expect(table.locator("tr", has_text="Locations")).to_contain_text("1 site")

    page.click("button:has-text('Make it a sales asset')")
    expect(page).to_have_url(re.compile(r"/w/acme/assets/\d+$"))
    expect(page.locator("main")).to_contain_text("Plan comparison: Shiftwise")

    page.goto(live_server + "/w/acme/competitors/1")
    page.fill("#pr-plan", "Plus")
    page.fill("#pr-amount", "35")
    page.fill("#pr-currency", "EUR")
    page.select_option("#pr-unit", "flat")
    page.click("button:has-text('Record price')")
    pricing = page.locator("#pricing")
    expect(pricing).to_contain_text("35 EUR / month")
    expect(pricing).to_contain_text("8 EUR / seat / month")  # ours, beside theirs
    expect(page.locator("#timeline")).to_contain_text("Price seen: Plus, 35 EUR / month")
