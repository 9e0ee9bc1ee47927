"""In a real browser: a release due soon with no launch raises a loop-health alarm on the
home page; planning the launch clears it; moving the product to another phase moves who new
work goes to."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.inbound.release import ReleaseCreate, releases
from tandem.market.product import ProductCreate, products
from tandem.roles.assignment import AssignmentCreate, PersonCreate, assignments, people
from tandem.roles.phases import service as phases
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def _seed(runtime: Runtime) -> int:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme", user, "acme")
    with runtime.scope(user, "acme") as scope:
        dan = people.create(scope, PersonCreate(name="Dan Reyes", roles="PM")).id
        pia = people.create(scope, PersonCreate(name="Pia Lind", roles="PMM")).id
        assignments.create(scope, AssignmentCreate(activity="Launch", person_id=pia,
                                                   raci="A"))
        releases.create(scope, ReleaseCreate.model_validate({
            "name": "Payroll Sync", "target_date": date.today() + timedelta(days=9)}))
        product = products.create(scope, ProductCreate(name="Shiftwell")).id
        phases.set_owners(scope, product, "discovery", dan, pia)
        phases.set_owners(scope, product, "launch", pia, dan)
        phases.set_phase(scope, product, "discovery")
        return product


def test_alarm_fires_clears_and_phase_moves_owners(page: Page, live_server: str,
                                                   live_runtime: Runtime) -> None:
    product = _seed(live_runtime)
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    panel = page.locator(".health-panel")
    expect(panel).to_contain_text("1 release due within 6 weeks has no launch plan.")
    panel.get_by_role("link", name="1 release due within 6 weeks has no launch plan.").click()
    expect(page.locator("main")).to_contain_text("Payroll Sync")
    page.get_by_role("link", name="Plan a launch").first.click()
    page.fill("#f-name", "Payroll Sync launch")
    page.select_option("#f-release_id", label="Payroll Sync")
    page.click("main form button[type=submit]")
    page.goto(live_server + "/w/acme")
    expect(page.locator(".health-panel")).not_to_contain_text("has no launch plan")

    page.goto(live_server + f"/w/acme/products/{product}")
    routes = page.locator(".lifecycle .plain-list")
    expect(routes).to_contain_text("Dan Reyes")  # discovery's driver, no development one
    page.select_option("#lc-phase", "launch")
    page.get_by_role("button", name="Move to this phase").click()
    expect(page.locator(".lifecycle")).to_contain_text("now in launch")
    expect(page.locator(".lifecycle .plain-list li").first).to_contain_text("Pia Lind")
