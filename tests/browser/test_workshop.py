"""A roles workshop with three participants in three browser sessions: each answers alone,
the facilitator reveals, settles a conflict and applies the decisions to the RACI."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tandem.accounts import service as accounts
from tandem.accounts.models import Membership, Role
from tandem.roles.assignment import PersonCreate, people
from tandem.roles.workshop.schemas import WorkshopCreate
from tandem.roles.workshop.service import create
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def _seed(runtime: Runtime) -> dict[str, int]:
    with runtime.session() as session:
        pia = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        ws = accounts.create_workspace(session, "Acme Health", pia, "acme")
        max_ = accounts.create_user(session, "max@example.com", PASSWORD, "Max")
        session.add(Membership(workspace_id=ws.id, user_id=max_.id, role=Role.editor.value))
    with runtime.scope(pia, "acme") as scope:
        ids = {}
        for name, roles, user in (("Pia", "PM", pia.id), ("Max", "PMM", max_.id),
                                  ("Agency", "Marcom", None)):
            person = people.create(scope, PersonCreate(name=name, roles=roles))
            person.user_id = user
            ids[name] = person.id
        ids["w"] = create(scope, WorkshopCreate(title="Q1", participant_ids=list(ids.values()))
                          ).id
        return ids


def _session(browser: Browser, live_server: str, email: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(live_server + "/signin")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).not_to_have_url(live_server + "/signin")
    return page


def _answer(page: Page, url: str, letter: str) -> None:
    page.goto(url)
    row = page.locator("tr", has_text="Positioning")
    row.locator("select[name^=raci]").select_option(letter)
    row.locator("select[name^=importance]").select_option("5")
    row.locator("select[name^=assessment]").select_option("1")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.locator(".flash-success")).to_contain_text("Answers saved")


def test_three_participants_answer_alone_then_the_facilitator_settles(
        browser: Browser, live_server: str, live_runtime: Runtime) -> None:
    ids = _seed(live_runtime)
    base = f"{live_server}/w/acme/workshops/{ids['w']}"
    pia = _session(browser, live_server, "pia@example.com")
    max_ = _session(browser, live_server, "max@example.com")
    agency_desk = _session(browser, live_server, "pia@example.com")  # Pia types for Agency
    _answer(pia, f"{base}/answer/{ids['Pia']}", "A")
    max_.goto(f"{base}/answer/{ids['Pia']}")  # someone else's answers stay private
    expect(max_.locator("main")).to_contain_text("private until the facilitator reveals")
    _answer(max_, f"{base}/answer/{ids['Max']}", "A")
    _answer(agency_desk, f"{base}/answer/{ids['Agency']}", "R")
    pia.goto(base)
    pia.get_by_role("button", name="Reveal the answers").click()
    row = pia.locator(".workshop-grid tr", has_text="Positioning")
    expect(row).to_contain_text("Two or more A")
    row.locator("select[name=accountable_id]").select_option(label="Max")
    row.locator("select[name=responsible_id]").select_option(label="Agency")
    row.get_by_role("button", name="Settle").click()
    expect(pia.locator(".workshop-grid tr", has_text="Positioning")).to_contain_text(
        "A Max; R Agency")
    pia.get_by_role("button", name="Apply the decisions to the RACI").click()
    expect(pia.locator(".flash-success")).to_contain_text("assignments written")
    max_.goto(live_server + "/w/acme/roles")
    expect(max_.locator("main")).to_contain_text("Positioning")
