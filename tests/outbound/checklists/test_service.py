"""Launch checklists on both engines: generated from the tier, routed to the launch-phase
driver, dated from the launch date (and moved with it, unless set by hand), edited,
completed and reopened with events, and regenerated after a tier change keeping edits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tandem.accounts.models import Role
from tandem.errors import Forbidden, Invalid, NotFound
from tandem.inbound.release import ReleaseCreate, releases
from tandem.market.product import ProductCreate, products
from tandem.outbound.checklists import service
from tandem.outbound.checklists.schemas import TaskCreate, TaskUpdate
from tandem.outbound.launch import LaunchCreate, launches
from tandem.platform.events import service as events
from tandem.platform.events.models import Event
from tandem.roles.assignment import PersonCreate, people
from tandem.roles.phases import service as phases
from tandem.scope import Scope

TODAY = date.today()


def _launch(scope: Scope, tier: int = 3, when: date | None = None, **extra: object) -> int:
    release = releases.create(scope, ReleaseCreate(name=f"R{tier}{extra.get('name', '')}")).id
    return launches.create(scope, LaunchCreate.model_validate({
        "name": f"Launch {tier}{extra.pop('name', '')}", "release_id": release, "tier": tier,
        "launch_date": when, **extra})).id


def _tasks(scope: Scope, launch: int) -> dict[str, service.TaskView]:
    return {v.task.template_key or v.task.title: v
            for v in service.checklist(scope, launch).tasks}


def test_generate_from_the_tier_with_dates_and_the_launch_driver(scope: Scope) -> None:
    product = products.create(scope, ProductCreate(name="Shiftwell")).id
    pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
    phases.set_owners(scope, product, "launch", pia, None)
    launch = _launch(scope, 2, date(2027, 3, 1))
    assert service.checklist(scope, launch).missing == 8
    assert service.generate(scope, launch) == 8
    tasks = _tasks(scope, launch)
    assert tasks["messaging"].task.due_date == date(2027, 1, 25)  # five weeks before
    assert tasks["webinar"].task.due_date == date(2027, 3, 15)  # two weeks after
    assert tasks["messaging"].task.critical and not tasks["blog"].task.critical
    assert {v.owner for v in tasks.values()} == {"Pia"}
    assert service.generate(scope, launch) == 0  # nothing missing: nothing added
    found = events.history(scope, kind="launch_tasks", limit=50)
    assert found.total == 8 and found.items[0].verb == "created"


def test_the_launch_owner_when_no_phase_has_a_driver(scope: Scope) -> None:
    dan = people.create(scope, PersonCreate(name="Dan")).id
    launch = _launch(scope, 4, owner_id=dan)
    service.generate(scope, launch)
    assert _tasks(scope, launch)["support_note"].task.owner_id == dan


def test_moving_the_launch_moves_the_dates_not_the_ones_set_by_hand(scope: Scope) -> None:
    launch = _launch(scope, 3, date(2027, 1, 10))
    service.generate(scope, launch)
    note = _tasks(scope, launch)["release_note"].task
    notice = _tasks(scope, launch)["in_app_notice"].task
    service.update(scope, notice.id, TaskUpdate(due_date=date(2027, 1, 3)))
    assert notice.due_manual
    launches.update(scope, launch, launches.update_schema.model_validate(
        {"launch_date": "2027-02-01"}))
    assert note.due_date == date(2027, 2, 1)
    assert notice.due_date == date(2027, 1, 3)  # set by hand: it stays
    # Following the launch date again.
    service.update(scope, notice.id, TaskUpdate(due_date=None))
    assert (notice.due_date, notice.due_manual) == (date(2027, 2, 1), False)
    moved = scope.session.scalars(select(Event).where(
        Event.kind == "launch_tasks", Event.object_id == note.id,
        Event.verb == "updated")).all()
    assert moved and moved[-1].changes["due_date"] == ["2027-01-10", "2027-02-01"]


def test_a_tier_change_adds_the_missing_tasks_and_keeps_edits(scope: Scope) -> None:
    launch = _launch(scope, 3, date(2027, 1, 10))
    service.generate(scope, launch)
    note = _tasks(scope, launch)["release_note"].task
    service.update(scope, note.id, TaskUpdate(title="Changelog entry for 2.6"))
    service.set_done(scope, note.id, True)
    own = service.add(scope, launch, TaskCreate(title="Record a Loom", critical=True))
    launches.update(scope, launch, launches.update_schema.model_validate({"tier": 2}))
    assert service.checklist(scope, launch).missing == 8
    assert service.generate(scope, launch) == 8
    tasks = _tasks(scope, launch)
    assert tasks["release_note"].task.title == "Changelog entry for 2.6"
    assert tasks["release_note"].task.done_at is not None
    assert tasks["Record a Loom"].task.id == own.id
    assert len(tasks) == 2 + 1 + 8


def test_add_complete_reopen_delete(scope: Scope) -> None:
    launch = _launch(scope, 4, TODAY + timedelta(days=30))
    pia = people.create(scope, PersonCreate(name="Pia")).id
    task = service.add(scope, launch, TaskCreate(title="Brief the CEO", owner_id=pia,
                                                 due_date=TODAY - timedelta(days=1),
                                                 critical=True))
    assert task.due_manual and task.offset_days is None
    c = service.checklist(scope, launch)
    assert (c.progress.total, c.progress.late, c.progress.critical_late) == (1, 1, 1)
    service.set_done(scope, task.id, True)
    assert task.done_by == "owner@example.com" and task.done_at is not None
    assert service.checklist(scope, launch).progress.late == 0
    service.set_done(scope, task.id, False)
    assert task.done_at is None and task.done_by == ""
    verbs = [e.verb for e in events.history(scope, kind="launch_tasks", object_id=task.id,
                                            limit=10).items]
    assert verbs == ["reopened", "completed", "created"]
    assert service.delete(scope, task.id) == launch
    assert service.checklist(scope, launch).tasks == []
    with pytest.raises(NotFound):
        service.set_done(scope, task.id, True)


def test_bad_input_names_the_field(scope: Scope) -> None:
    launch = _launch(scope, 4)
    with pytest.raises(Invalid) as exc:
        service.add(scope, launch, TaskCreate(title="X", owner_id=999))
    assert exc.value.field == "owner_id"
    with pytest.raises(NotFound):
        service.add(scope, 999_999, TaskCreate(title="X"))
    with pytest.raises(NotFound):
        service.checklist(scope, 2**40)
    task = service.add(scope, launch, TaskCreate(title="X"))
    with pytest.raises(Invalid) as exc:
        service.update(scope, task.id, TaskUpdate.model_validate({"title": None}))
    assert exc.value.field == "title"


def test_viewers_read_but_cannot_change(scope: Scope) -> None:
    launch = _launch(scope, 3)
    service.generate(scope, launch)
    task = _tasks(scope, launch)["release_note"].task.id
    scope.actor = scope.actor.in_role(Role.viewer)  # type: ignore[attr-defined]
    assert len(service.checklist(scope, launch).tasks) == 2
    for attempt in (lambda: service.generate(scope, launch),
                    lambda: service.set_done(scope, task, True),
                    lambda: service.add(scope, launch, TaskCreate(title="X")),
                    lambda: service.delete(scope, task)):
        with pytest.raises(Forbidden):
            attempt()


def test_late_critical_tasks_and_the_launches_filter(scope: Scope) -> None:
    soon = _launch(scope, 3, TODAY - timedelta(days=2), name="a")
    later = _launch(scope, 3, TODAY + timedelta(days=20), name="b")
    gone = _launch(scope, 3, TODAY - timedelta(days=2), name="c", status="launched")
    for launch in (soon, later, gone):
        service.generate(scope, launch)
    late = service.late_critical(scope, TODAY)
    assert [(t.launch_id, t.title) for t in late] == [
        (soon, "Publish the release note or changelog entry")]
    listed = launches.list(scope, filters={"late": "yes"})
    assert [x.id for x in listed.items] == [soon]
    assert {x.id for x in launches.list(scope, filters={"late": "no"}).items} == {later, gone}
    with pytest.raises(Invalid):
        launches.list(scope, filters={"late": "maybe"})
    service.set_done(scope, late[0].task_id, True)
    assert service.late_critical(scope, TODAY) == []


def test_a_phase_change_hands_unowned_open_tasks_to_the_driver(scope: Scope) -> None:
    product = products.create(scope, ProductCreate(name="Shiftwell")).id
    launch = _launch(scope, 3, TODAY)
    service.generate(scope, launch)
    tasks = _tasks(scope, launch)
    assert {v.task.owner_id for v in tasks.values()} == {None}
    service.set_done(scope, tasks["in_app_notice"].task.id, True)
    pia = people.create(scope, PersonCreate(name="Pia")).id
    phases.set_owners(scope, product, "launch", pia, None)
    _, moved = phases.set_phase(scope, product, "launch")
    assert moved == 2  # the launch and its open task; the done task keeps no owner
    tasks = _tasks(scope, launch)
    assert tasks["release_note"].task.owner_id == pia
    assert tasks["in_app_notice"].task.owner_id is None
