"""The positioning canvas as a new user works it in a real browser: start a canvas, go
through the steps in order, see the generated statement, save a version, edit a step, save
again and compare the two versions side by side; also at phone width."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.market.product import ProductCreate, products
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def _seed(runtime: Runtime) -> int:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with runtime.scope(user, "acme") as scope:
        products.create(scope, ProductCreate(name="Shiftwell"))
        return evidence.create(scope, EvidenceCreate(
            text="Payroll takes ten minutes now", customer_company="Harbor Clinic")).id


def _sign_in(page: Page, live_server: str) -> None:
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(live_server + "/w/acme")


def _next(page: Page) -> None:
    page.click("#step-form button[value=next]")


def test_canvas_flow_from_start_to_compared_versions(page: Page, live_server: str,
                                                     live_runtime: Runtime) -> None:
    quote = _seed(live_runtime)
    _sign_in(page, live_server)
    page.click("nav.sidebar >> text=Positioning")
    page.select_option("#new-product", label="Shiftwell")
    page.click("text=Start the canvas")
    expect(page.locator("h1")).to_have_text("Step 1 of 5: Competitive alternatives")
    expect(page.locator("#f-alternatives")).to_contain_text("Spreadsheets")
    page.fill("#f-alternatives", "Spreadsheets\nDo nothing")
    _next(page)

    expect(page.locator("h1")).to_contain_text("Unique attributes")
    page.fill("#f-attribute-1", "Payroll-ready timesheets")
    page.fill("#f-value-1", "turns payroll day into minutes")
    page.fill("#f-evidence-1", str(quote))
    _next(page)
    expect(page.locator("h1")).to_contain_text("Target customer")
    page.click("#step-form button[value=back]")
    expect(page.locator(".cited")).to_contain_text("Payroll takes ten minutes now")
    _next(page)
    page.fill("#f-target", "clinic managers")
    page.fill("#f-need", "lose hours on payroll")
    _next(page)
    page.fill("#f-category", "scheduling app")
    _next(page)
    expect(page.locator("h1")).to_contain_text("Relevant trends")
    _next(page)

    expect(page).to_have_url(re.compile(r"/positioning/\d+/review$"))
    expect(page.locator("#statement-short")).to_have_text(
        "For clinic managers, Shiftwell is the scheduling app that turns payroll day into "
        "minutes, unlike spreadsheets.")
    page.fill("#f-note", "first cut")
    page.click("#save-version button")
    expect(page.locator(".flash-success")).to_contain_text("Saved version 1")
    expect(page.locator("#statement-long")).to_contain_text("Unlike spreadsheets, we offer")

    page.click("text=Edit the canvas")
    page.click("nav.stepper >> text=Market category")
    page.fill("#f-category", "rota platform")
    _next(page)
    _next(page)
    page.click("#save-version button")
    expect(page.locator(".flash-success")).to_contain_text("Saved version 2")
    changed = page.locator(".diff-row.changed")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("scheduling app")
    expect(changed).to_contain_text("rota platform")
    expect(page.locator("#history")).to_contain_text("Version saved")

    page.locator("form[action$='/versions/1/current'] button").click()
    expect(page.locator(".flash-success")).to_contain_text("Version 1 is now current")
    expect(page.locator("#statement-short")).to_contain_text("the scheduling app")

    page.set_viewport_size({"width": 390, "height": 844})
    for path in (page.url, live_server + "/w/acme/positioning",
                 page.url + "/step/attributes", page.url + "/step/target",
                 page.url + "/review", live_server + "/w/acme/claims"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px screen"
