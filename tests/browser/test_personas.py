"""A persona in a real browser: open its page, edit its jobs to be done, read them back."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.market.persona import PersonaCreate, personas
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def test_edit_a_personas_jobs_to_be_done(page: Page, live_server: str,
                                         live_runtime: Runtime) -> None:
    with live_runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme", user, "acme")
    with live_runtime.scope(user, "acme") as scope:
        pid = personas.create(scope, PersonaCreate.model_validate({
            "name": "District Dana", "jobs": [{"when": "a store is short",
                                               "want": "send a floater", "so_that": ""}]})).id
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/w/acme"))
    page.goto(live_server + f"/w/acme/personas/{pid}")
    card = page.locator("#profile")
    expect(card).to_contain_text("When a store is short, I want to send a floater.")
    card.get_by_role("link", name="Edit profile").click()
    expect(page).to_have_url(re.compile(rf"/personas/{pid}/profile$"))
    page.fill("#j0_so_that", "both stores hit their budget")
    page.fill("#j1_when", "I approve schedules")
    page.fill("#j1_want", "see hours against budget")
    page.get_by_label("Champion").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page).to_have_url(re.compile(rf"/w/acme/personas/{pid}$"))
    jobs = page.locator("#profile .jobs-list li")
    expect(jobs).to_have_text([
        "When a store is short, I want to send a floater, so I can both stores hit their "
        "budget.",
        "When I approve schedules, I want to see hours against budget."])
    expect(card).to_contain_text("Champion")
    # a job without its "I want to" is refused, next to the field, with the input kept
    card.get_by_role("link", name="Edit profile").click()
    page.fill("#j0_want", "")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#e-j0_want")).to_contain_text("must not be empty")
    expect(page.locator("#j0_when")).to_have_value("a store is short")
