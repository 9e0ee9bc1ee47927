"""Tie an opportunity to an objective in a real browser, and see it traced on its page."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.strategy.records import (
    InitiativeCreate,
    ObjectiveCreate,
    initiatives,
    objectives,
)
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def test_group_an_opportunity_under_an_objective(page: Page, live_server: str,
                                                 live_runtime: Runtime) -> None:
    with live_runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with live_runtime.scope(user, "acme") as scope:
        goal = objectives.create(scope, ObjectiveCreate(title="Win multi-site clinics"))
        initiatives.create(scope, InitiativeCreate(title="Regions", objective_id=goal.id))
        opp = opportunities.create(scope, OpportunityCreate(title="Several sites")).id
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server}/w/acme/opportunities/{opp}")
    expect(page.locator(".serves")).to_contain_text("Serves no objective yet")
    page.locator(".serves").get_by_role("link", name="Strategy").click()
    page.get_by_label("Add to Regions").select_option(label="Several sites")
    page.locator("#initiative-1").get_by_role("button", name="Add").click()
    expect(page.locator(".flash-success")).to_contain_text("Added to the initiative.")
    page.goto(f"{live_server}/w/acme/opportunities/{opp}")
    expect(page.locator(".serves")).to_contain_text("Win multi-site clinics")
    expect(page.locator(".serves")).to_contain_text("through Regions")
