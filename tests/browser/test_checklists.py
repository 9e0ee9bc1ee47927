"""In a real browser: generate a launch's checklist, see its late critical task raise the
loop-health alarm, tick it done in one click, and see the alarm clear."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.accounts.models import User
from tandem.inbound.release import ReleaseCreate, releases
from tandem.outbound.checklists import service as checklists
from tandem.outbound.checklists.schemas import TaskCreate, TaskUpdate
from tandem.outbound.launch import LaunchCreate, launches
from tandem.roles.assignment import AssignmentCreate, PersonCreate, assignments, people
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def _seed(runtime: Runtime) -> int:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme", user, "acme")
    with runtime.scope(user, "acme") as scope:
        pia = people.create(scope, PersonCreate(name="Pia Lind", roles="PMM")).id
        assignments.create(scope, AssignmentCreate(activity="Launch", person_id=pia,
                                                   raci="A"))
        release = releases.create(scope, ReleaseCreate(name="Payroll Sync")).id
        return launches.create(scope, LaunchCreate.model_validate({
            "name": "Payroll launch", "release_id": release, "tier": 3, "owner_id": pia,
            "launch_date": date.today() - timedelta(days=1)})).id


def _pia(runtime: Runtime) -> User:
    with runtime.session() as session:
        found = accounts.find_user(session, "pia@example.com")
        assert found is not None
        return found


def test_generate_tick_done_and_the_alarm_clears(page: Page, live_server: str,
                                                 live_runtime: Runtime) -> None:
    launch = _seed(live_runtime)
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(live_server + f"/w/acme/launches/{launch}")
    checklist = page.locator("#checklist")
    checklist.get_by_role("button", name="Generate the tier 3 checklist").click()
    expect(checklist).to_contain_text("0 of 2 done")
    expect(checklist.locator(".task-late")).to_have_count(2)
    expect(checklist).to_contain_text("2 late, 1 critical")

    page.goto(live_server + "/w/acme")
    alarm = "1 launch has tier-critical tasks that are late (1 task)."
    expect(page.locator(".health-panel")).to_contain_text(alarm)
    page.locator(".health-panel").get_by_role("link", name=alarm).click()
    page.get_by_role("link", name="Payroll launch: Publish the release note").click()

    checklist = page.locator("#checklist")
    checklist.get_by_role("button", name="Mark done: Publish the release note or "
                                         "changelog entry").click()
    expect(page.locator(".flash-success")).to_contain_text("Done: Publish the release note")
    expect(page.locator("#checklist")).to_contain_text("1 of 2 done")
    page.goto(live_server + "/w/acme")
    expect(page.locator(".health-panel")).not_to_contain_text("tier-critical")


def test_a_stale_tick_redraws_the_panel_and_says_so(page: Page, live_server: str,
                                                    live_runtime: Runtime) -> None:
    """The htmx button refused as stale (409): the panel is swapped in as it is now, with
    the message and a reload link, and nothing is ticked."""
    launch = _seed(live_runtime)
    with live_runtime.scope(_pia(live_runtime), "acme") as scope:
        task = checklists.add(scope, launch, TaskCreate(title="Blog post")).id
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(live_server + f"/w/acme/launches/{launch}")
    with live_runtime.scope(_pia(live_runtime), "acme") as scope:  # someone else, meanwhile
        checklists.update(scope, task, TaskUpdate(title="Their blog post"))
    checklist = page.locator("#checklist")
    checklist.get_by_role("button", name="Mark done: Blog post").click()
    expect(checklist.locator(".flash-error")).to_contain_text(
        "Someone else changed “Their blog post” since this page was loaded")
    expect(checklist.get_by_role("link", name="Reload the page")).to_be_visible()
    expect(checklist).to_contain_text("0 of 1 done")
    expect(page.locator("#htmx-error")).to_be_hidden()
    checklist.get_by_role("button", name="Mark done: Their blog post").click()
    expect(page.locator("#checklist")).to_contain_text("1 of 1 done")
