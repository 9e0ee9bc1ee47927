"""Two people edit one opportunity in real browsers: different fields both stay, the same
field brings the conflict page, and "Save mine" keeps the other person's other change."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.accounts.models import User
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def _seed(runtime: Runtime) -> tuple[User, int]:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme", user, "acme")
    with runtime.scope(user, "acme") as scope:
        return user, int(opportunities.create(scope, OpportunityCreate(
            title="Shift swaps", problem="Swaps go through group chats")).id)


def _someone_else(runtime: Runtime, user: User, opp_id: int, **values: str) -> None:
    with runtime.scope(user, "acme") as scope:
        opportunities.update(scope, opp_id, opportunities.update_schema.model_validate(values))


def test_two_editors_of_one_opportunity(page: Page, live_server: str,
                                        live_runtime: Runtime) -> None:
    user, opp_id = _seed(live_runtime)
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/w/acme"))
    edit = f"{live_server}/w/acme/opportunities/{opp_id}/edit"

    page.goto(edit)  # a different field changed meanwhile: both are kept
    _someone_else(live_runtime, user, opp_id, status="validated")
    page.fill("#f-title", "Shift swaps on phones")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".flash-success")).to_contain_text("Someone else changed Status meanwhile")
    expect(page.locator("h1")).to_have_text("Shift swaps on phones")

    page.goto(edit)  # the same field changed meanwhile: the conflict page
    _someone_else(live_runtime, user, opp_id, title="Swapping shifts", status="exploring")
    page.fill("#f-title", "Shift swaps by app")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("h1")).to_contain_text("Someone else changed this opportunity")
    clash = page.locator("tr.row-clash")
    expect(clash).to_contain_text("Shift swaps by app")
    expect(clash).to_contain_text("Swapping shifts")
    page.get_by_role("button", name="Save mine").click()
    expect(page.locator("h1")).to_have_text("Shift swaps by app")
    with live_runtime.scope(user, "acme") as scope:
        saved = opportunities.get(scope, opp_id)
        assert (saved.title, saved.status) == ("Shift swaps by app", "exploring")
