"""A new user in a real browser: upload a pricing survey, pick the column it names
otherwise, and read the chart and the points."""

from __future__ import annotations

import re

from playwright.sync_api import FilePayload, Page, expect

from tandem.accounts import service as accounts
from tandem.demo.market import van_westendorp_csv
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def test_import_a_survey_map_a_column_and_see_the_chart(
        page: Page, live_server: str, live_runtime: Runtime) -> None:
    with live_runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(live_server + "/w/acme")
    page.get_by_role("link", name="Pricing research").click()
    expect(page.locator("main")).to_contain_text("No pricing surveys yet")
    survey: FilePayload = {"name": "spring.csv", "mimeType": "text/csv",
                           "buffer": van_westendorp_csv(respondents=60)
                           .replace("Too cheap", "TC", 1).encode()}
    page.set_input_files("#file", files=[survey])
    page.fill("#f-currency", "EUR")
    page.click("#upload button[type=submit]")

    # Too cheap and the intent columns are named otherwise: the file stays, pick them.
    expect(page.locator("#upload")).to_contain_text("No column for too_cheap")
    expect(page.locator("#upload")).to_contain_text("spring.csv is still here")
    page.select_option("#map-too_cheap", "TC")
    page.select_option("#map-intent_cheap", "Intent at cheap")
    page.select_option("#map-intent_expensive", "Intent at expensive")
    page.click("#upload button[type=submit]")

    expect(page).to_have_url(re.compile(r"/w/acme/pricing/\d+$"))
    main = page.locator("main")
    expect(main).to_contain_text("Optimal price point (OPP)")
    expect(main).to_contain_text("Most buyers try it at")
    chart = page.locator("img.chart").first
    expect(chart).to_be_visible()
    # The chart is an SVG drawn by the server: wait until the browser has it decoded.
    page.wait_for_function("() => [...document.querySelectorAll('img.chart')]"
                           ".every(i => i.complete && i.naturalWidth > 300)")
    expect(page.locator("img.chart")).to_have_count(2)  # curves, then trial and revenue
