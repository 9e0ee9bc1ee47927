"""The checklist on a launch's page: generate it from the tier, progress and late tasks
shown, one click to mark done and to reopen, add, edit and delete; the late-critical alarm
links to the launches it names; a viewer reads it without the controls."""

from __future__ import annotations

from datetime import date, timedelta

from tandem.accounts.models import Role, User, Workspace
from tandem.inbound.release import ReleaseCreate, releases
from tandem.outbound.checklists import service
from tandem.outbound.launch import LaunchCreate, launches
from tandem.roles.assignment import AssignmentCreate, PersonCreate, assignments, people
from tandem.runtime import Runtime
from tests.web.conftest import Browser, add_member

TODAY = date.today()


def _launch(rt: Runtime, user: User) -> int:
    with rt.scope(user, "acme") as scope:
        pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
        assignments.create(scope, AssignmentCreate(activity="Launch", person_id=pia,
                                                   raci="A"))
        release = releases.create(scope, ReleaseCreate(name="Payroll Sync")).id
        return launches.create(scope, LaunchCreate.model_validate({
            "name": "Payroll launch", "release_id": release, "tier": 2, "owner_id": pia,
            "launch_date": TODAY + timedelta(days=3)})).id


def test_the_checklist_on_the_launch_page(signed_in: Browser, rt: Runtime,
                                          user: User) -> None:
    launch = _launch(rt, user)
    base = f"/w/acme/launches/{launch}"
    page = signed_in.get(base)
    assert "Launch checklist" in page.text and "Generate the tier 2 checklist" in page.text
    made = signed_in.follow(signed_in.post(f"{base}/checklist/generate", {}))
    assert "Added 8 tasks from the tier" in made.text
    assert "0 of 8</strong> done" in made.text
    # A launch three days away: the messaging (five weeks before), the sales briefing and
    # the blog post (a week before) are late, the first two critical.
    assert made.text.count('class="task task-late"') == 3 and "3 late, 2 critical" in made.text
    with rt.scope(user, "acme") as scope:
        tasks = {v.task.template_key: v.task.id
                 for v in service.checklist(scope, launch).tasks}
    done = signed_in.follow(signed_in.post(
        f"{base}/checklist/tasks/{tasks['messaging']}/done", {}))
    assert "Done: Write the messaging for the release." in done.text
    assert "1 of 8</strong> done" in done.text and "2 late, 1 critical" in done.text
    assert f"done by {user.email}" in done.text
    # With htmx the panel comes back alone, redrawn.
    frag = signed_in.post(f"{base}/checklist/tasks/{tasks['messaging']}/reopen", {},
                          headers={"HX-Request": "true"})
    assert frag.status_code == 200 and frag.text.lstrip().startswith('<section class="card')
    assert "Opened again: Write the messaging" in frag.text and "0 of 8</strong>" in frag.text
    signed_in.post(f"{base}/checklist/tasks/{tasks['messaging']}/done", {})
    again = signed_in.follow(signed_in.post(
        f"{base}/checklist/tasks/{tasks['messaging']}/reopen", {}))
    assert "Opened again" in again.text and "0 of 8</strong> done" in again.text
    added = signed_in.follow(signed_in.post(f"{base}/checklist/tasks", {
        "title": "Record the Loom", "owner_id": "", "due_date": "2030-01-02",
        "critical": "on"}))
    assert "Task added." in added.text and "Record the Loom" in added.text
    bad = signed_in.follow(signed_in.post(f"{base}/checklist/tasks", {
        "title": "", "owner_id": "", "due_date": ""}))
    assert "Title" in bad.text and "flash-error" in bad.text
    bad_date = signed_in.follow(signed_in.post(f"{base}/checklist/tasks", {
        "title": "X", "owner_id": "", "due_date": "31/12/2030"}))
    assert "a date like 2026-12-31" in bad_date.text
    bad_owner = signed_in.follow(signed_in.post(f"{base}/checklist/tasks", {
        "title": "X", "owner_id": "9999"}))
    assert "There is no person 9999 here" in bad_owner.text
    # Edit: an unchanged date stays following the launch; a changed one is set by hand.
    blog = tasks["blog"]
    with rt.scope(user, "acme") as scope:
        due = next(v.task.due_date for v in service.checklist(scope, launch).tasks
                   if v.task.id == blog)
    assert due is not None
    signed_in.post(f"{base}/checklist/tasks/{blog}/edit", {
        "title": "Blog post", "owner_id": "1", "due_date": due.isoformat(),
        "due_was": due.isoformat()})
    signed_in.post(f"{base}/checklist/tasks/{blog}/edit", {
        "title": "Blog post", "owner_id": "1", "due_date": "2030-05-05",
        "due_was": due.isoformat()})
    with rt.scope(user, "acme") as scope:
        task = next(v.task for v in service.checklist(scope, launch).tasks
                    if v.task.id == blog)
        assert (task.title, task.due_date, task.due_manual) == (
            "Blog post", date(2030, 5, 5), True)
    gone = signed_in.follow(signed_in.post(f"{base}/checklist/tasks/{blog}/delete", {}))
    assert "Task deleted." in gone.text and "Blog post" not in gone.text
    assert "Add the 1 missing tier 2 tasks" in gone.text
    assert signed_in.post(f"{base}/checklist/tasks/999999/done", {}).status_code == 404
    # A task is acted on through its own launch only.
    other = f"/w/acme/launches/{launch + 1}/checklist/tasks/{tasks['messaging']}/done"
    assert signed_in.post(other, {}).status_code == 404


def test_the_alarm_links_to_the_late_launches(signed_in: Browser, rt: Runtime,
                                              user: User) -> None:
    launch = _launch(rt, user)
    with rt.scope(user, "acme") as scope:
        service.generate(scope, launch)
    health = signed_in.get("/w/acme/health")
    assert "1 launch has tier-critical tasks that are late (2 tasks)." in health.text
    assert 'href="/w/acme/health/launch_critical_late"' in health.text
    items = signed_in.get("/w/acme/health/launch_critical_late")
    assert f'href="/w/acme/launches/{launch}#task-' in items.text
    assert 'href="/w/acme/launches?late=yes"' in items.text
    listed = signed_in.get("/w/acme/launches?late=yes")
    assert "Payroll launch" in listed.text and "Critical tasks late" in listed.text
    assert "Payroll launch" not in signed_in.get("/w/acme/launches?late=no").text


def test_a_viewer_reads_the_checklist_without_controls(browser: Browser, rt: Runtime,
                                                       user: User, ws: Workspace) -> None:
    launch = _launch(rt, user)
    with rt.scope(user, "acme") as scope:
        service.generate(scope, launch)
        task = service.checklist(scope, launch).tasks[0].task.id
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    browser.sign_in("vera@example.com")
    page = browser.get(f"/w/acme/launches/{launch}")
    assert "Launch checklist" in page.text and "Write the messaging" in page.text
    assert "/checklist/tasks" not in page.text and "Generate" not in page.text
    items = browser.get("/w/acme/health/launch_critical_late")
    assert "Write the messaging" in items.text and "late=yes" not in items.text
    assert browser.post(f"/w/acme/launches/{launch}/checklist/tasks/{task}/done",
                        {}).status_code == 403
