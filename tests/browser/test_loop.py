"""A new user in a real browser: sign in, add evidence, link it, see it on the home page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime
from tests.conftest import PASSWORD

FEEDBACK = "Our night nurses swap shifts over text and nobody knows who is on call."


def _seed(runtime: Runtime) -> int:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with runtime.scope(user, "acme") as scope:
        return opportunities.create(scope, OpportunityCreate(title="Shift swaps")).id


def _sign_in(page: Page, live_server: str) -> None:
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def _add_feedback(page: Page, live_server: str) -> None:
    page.goto(live_server + "/w/acme/evidence/new")
    page.fill("#f-text", FEEDBACK)
    page.click("main form button[type=submit]")


def test_sign_in_add_evidence_link_it_and_see_it_at_home(
        page: Page, live_server: str, live_runtime: Runtime) -> None:
    opp_id = _seed(live_runtime)

    page.goto(live_server + "/w/acme")
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(live_server + "/w/acme")
    expect(page).to_have_title("The loop · Acme Health")
    expect(page.locator("main")).to_contain_text("Acme Health")

    page.goto(live_server + "/w/acme/evidence/new")
    page.fill("#f-text", FEEDBACK)
    page.fill("#f-customer_company", "Harbor Clinic")
    page.select_option("#f-source", "interview")
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/w/acme/evidence/\d+$"))
    expect(page.locator("main")).to_contain_text(FEEDBACK)

    page.select_option("#link-opportunities", str(opp_id))
    page.select_option("#link-imp-opportunities", "3")
    page.locator("#link-opportunities").locator("xpath=ancestor::form").locator(
        "button[type=submit]").click()
    loop = page.locator("#loop")
    expect(loop.locator(f"a[href='/w/acme/opportunities/{opp_id}']").first).to_be_visible()

    page.goto(live_server + "/w/acme")
    main = page.locator("main")
    expect(main.locator(".stat-warn")).to_have_count(0)
    expect(main).to_contain_text("Shift swaps")
    expect(main).to_contain_text(FEEDBACK[:40])
    expect(main.locator("a.stat[href='/w/acme/evidence'] strong")).to_have_text("1")

    page.goto(live_server + f"/w/acme/opportunities/{opp_id}")
    expect(page.locator("#loop")).to_contain_text(FEEDBACK[:40])


def test_quick_link_from_triage_updates_in_place(page: Page, live_server: str,
                                                 live_runtime: Runtime) -> None:
    """htmx (served locally) swaps the control without leaving the triage list."""
    _seed(live_runtime)
    _sign_in(page, live_server)
    _add_feedback(page, live_server)
    page.goto(live_server + "/w/acme/evidence?linked=no")
    control = page.locator("div.quick").first
    control.locator("summary").click()
    control.locator("select[name=opportunity_id]").select_option(label="Shift swaps")
    control.locator("button[type=submit]").click()
    expect(page.locator("div.quick").first.locator("a.chip")).to_contain_text("Shift swaps")
    assert page.url.endswith("/w/acme/evidence?linked=no")


def test_api_docs_page_renders_from_local_assets(page: Page, live_server: str) -> None:
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(live_server) and not r.url.startswith("data:") else None)
    refused: list[str] = []  # the page runs under the same CSP as the others (no inline JS)
    page.on("console", lambda m: refused.append(m.text)
            if "Content Security Policy" in m.text else None)
    response = page.goto(live_server + "/api/v1/docs")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Past a couple of hundred operations Swagger UI renders them as a virtual list
    # (`.operations-virtual`): only the tag sections in view exist in the page, so the
    # test looks for the first tag and its operations, not for a section further down.
    expect(page.locator(".swagger-ui .title")).to_contain_text("Tandem API", timeout=30_000)
    expect(page.locator(".opblock-tag").first).to_be_visible(timeout=30_000)
    expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("/tokens").first).to_be_visible(timeout=30_000)
    assert outside == []
    assert refused == []


def test_phone_width_pages_do_not_scroll_sideways(page: Page, live_server: str,
                                                  live_runtime: Runtime) -> None:
    _seed(live_runtime)
    with live_runtime.scope(LocalAdmin(), "acme") as scope:
        opportunities.create(scope, OpportunityCreate(
            title="A long opportunity title that goes on " + "and on " * 20))
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server)
    _add_feedback(page, live_server)
    for path in (page.url.removeprefix(live_server), "/w/acme", "/w/acme/members",
                 "/w/acme/roadmap", "/w/acme/evidence"):
        page.goto(live_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px screen"
