"""The loop-health page, its panel on the home page, one alarm's items, and the lifecycle
panel on a product's page; a viewer sees the alarms without links to actions."""

from __future__ import annotations

from datetime import date, timedelta

from tandem.accounts.models import Role, User, Workspace
from tandem.inbound.release import ReleaseCreate, releases
from tandem.market.product import ProductCreate, products
from tandem.outbound.message import MessageCreate, messages
from tandem.roles.assignment import AssignmentCreate, PersonCreate, assignments, people
from tandem.runtime import Runtime
from tests.web.conftest import Browser, add_member


def _due_release(rt: Runtime, user: User) -> None:
    with rt.scope(user, "acme") as scope:
        pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
        assignments.create(scope, AssignmentCreate(activity="Launch", person_id=pia,
                                                   raci="A"))
        releases.create(scope, ReleaseCreate.model_validate({
            "name": "Payroll Sync", "status": "planned",
            "target_date": date.today() + timedelta(days=10)}))
        products.create(scope, ProductCreate(name="Shiftwell"))


def test_alarms_on_home_and_health_pages(signed_in: Browser, rt: Runtime, user: User) -> None:
    _due_release(rt, user)
    home = signed_in.get("/w/acme")
    assert "Loop health" in home.text and "has no launch plan" in home.text
    assert 'href="/w/acme/launches/new">Plan a launch<' in home.text
    page = signed_in.get("/w/acme/health")
    assert page.status_code == 200
    assert 'href="/w/acme/health/due_no_launch"' in page.text
    assert "Payroll Sync (due" in page.text and "Parallelism index" in page.text
    items = signed_in.get("/w/acme/health/due_no_launch")
    assert "Payroll Sync" in items.text and "Plan a launch" in items.text
    assert signed_in.get("/w/acme/health/nope").status_code == 404
    saved = signed_in.follow(signed_in.post("/w/acme/health/settings", {"due_weeks": "1"}))
    assert "within 1 weeks" in saved.text
    assert "has no launch plan" not in signed_in.get("/w/acme/health").text  # cleared
    bad = signed_in.follow(signed_in.post("/w/acme/health/settings", {"due_weeks": "x"}))
    assert "whole number of weeks" in bad.text
    # The home page's claims warning and stat open the filtered messages list.
    with rt.scope(user, "acme") as scope:
        messages.create(scope, MessageCreate(title="Unproven", body="Best in class"))
    home = signed_in.get("/w/acme")
    assert 'href="/w/acme/messages?backed=no">1 message makes a claim' in home.text
    listed = signed_in.get("/w/acme/messages?backed=no")
    assert listed.status_code == 200 and "Unproven" in listed.text
    assert "Unproven" not in signed_in.get("/w/acme/messages?backed=yes").text
    # The cleared alarm's own page says so.
    assert "All clear" in signed_in.get("/w/acme/health/due_no_launch").text


def test_lifecycle_panel_on_the_product_page(signed_in: Browser, rt: Runtime,
                                             user: User) -> None:
    _due_release(rt, user)
    page = signed_in.get("/w/acme/products/1")
    assert "Lifecycle" in page.text and "no phase set yet" in page.text
    owners = signed_in.follow(signed_in.post("/w/acme/products/1/lifecycle/owners", {
        "phase": "launch", "driver_id": "1", "navigator_id": ""}))
    assert "Saved who drives and navigates launch" in owners.text
    moved = signed_in.follow(signed_in.post("/w/acme/products/1/lifecycle/phase",
                                            {"phase": "launch"}))
    assert "Shiftwell is now in launch" in moved.text and "now in launch" in moved.text
    bad = signed_in.follow(signed_in.post("/w/acme/products/1/lifecycle/phase",
                                          {"phase": "teenage"}))
    assert "is not a phase" in bad.text
    nobody = signed_in.follow(signed_in.post("/w/acme/products/1/lifecycle/owners", {
        "phase": "launch", "driver_id": "x", "navigator_id": ""}))
    assert "There is no person 0 here" in nobody.text


def test_viewer_sees_alarms_without_action_links(browser: Browser, rt: Runtime, user: User,
                                                 ws: Workspace) -> None:
    _due_release(rt, user)
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    browser.sign_in("vera@example.com")
    for path in ("/w/acme", "/w/acme/health"):
        page = browser.get(path)
        assert "has no launch plan" in page.text
        assert "/launches/new" not in page.text and "plan one" not in page.text
    assert "Move to this phase" not in browser.get("/w/acme/products/1").text
    assert browser.post("/w/acme/health/settings", {"due_weeks": "3"}).status_code == 403
    assert browser.post("/w/acme/products/1/lifecycle/phase",
                        {"phase": "growth"}).status_code == 403


def test_the_reminder_to_assess_roles_again_on_home(browser: Browser, rt: Runtime, user: User,
                                                    ws: Workspace) -> None:
    from tandem.roles.workshop import service as workshops
    from tandem.roles.workshop.schemas import WorkshopCreate

    due = date.today() + timedelta(days=3)
    with rt.scope(user, "acme") as scope:
        pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
        w = workshops.create(scope, WorkshopCreate(title="Spring roles",
                                                   participant_ids=[pia])).id
        workshops.set_reassess(scope, w, due)
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    browser.sign_in("vera@example.com")  # everyone sees it, a viewer too
    home = browser.get("/w/acme")
    assert (f'href="/w/acme/workshops/{w}">Time to assess roles again: Spring roles, due '
            f'{due.day} {due:%b %Y}.<') in home.text
    assert (f'href="/w/acme/workshops/{w}">Time to assess roles again: Spring roles, due '
            f'{due.isoformat()}, in 3 days.<') in home.text  # the loop-health alarm
    assert 'href="/w/acme/workshops">Start a workshop<' not in home.text  # not a viewer's
    assert "Spring roles" in browser.get("/w/acme/health").text
    with rt.scope(user, "acme") as scope:
        workshops.set_reassess(scope, w, date.today() + timedelta(days=60))
    assert "Time to assess roles again" not in browser.get("/w/acme").text
