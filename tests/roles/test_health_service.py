"""Loop health on both engines: a healthy workspace is silent; each alarm fires on the
workspace's own data, then clears once fixed; the parallelism index reads the event log."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from tandem.accounts.models import Role
from tandem.errors import Forbidden, Invalid
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.loop.models import EvidenceOpportunity, MessageEvidence, OpportunityRelease
from tandem.market.product import ProductCreate, products
from tandem.outbound.assets.models import Asset
from tandem.outbound.checklists import service as checklists
from tandem.outbound.checklists.schemas import TaskCreate, TaskUpdate
from tandem.outbound.launch import LaunchCreate, launches
from tandem.outbound.message import MessageCreate, messages
from tandem.outbound.messaging.models import MessagingHouse
from tandem.outbound.positioning.models import PositioningCanvas
from tandem.platform.events.models import Event
from tandem.roles.assignment import AssignmentCreate, PersonCreate, assignments, people
from tandem.roles.health import service
from tandem.scope import Scope

TODAY = date.today()


def _codes(scope: Scope) -> list[str]:
    return [a.code for a in service.report(scope, TODAY).alarms]


def healthy(scope: Scope) -> dict[str, int]:
    """A small workspace with nothing wrong: an owner for outbound work, a release due soon
    with its launch (its checklist on time), positioning and approved messaging, evidence
    behind what is built, a shipped release with notes, and messages that cite evidence."""
    ws = scope.workspace_id
    s = scope.session
    pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
    assignments.create(scope, AssignmentCreate(activity="Launch", person_id=pia, raci="A"))
    product = products.create(scope, ProductCreate(name="Shiftwell")).id
    ev = evidence.create(scope, EvidenceCreate(text="Swaps run through group chats")).id
    opp = opportunities.create(scope, OpportunityCreate(title="Swaps", status="validated")).id
    s.add(EvidenceOpportunity(workspace_id=ws, evidence_id=ev, opportunity_id=opp))
    soon = releases.create(scope, ReleaseCreate.model_validate({
        "name": "Soon", "status": "in_progress", "horizon": "now",
        "target_date": TODAY + timedelta(days=20)})).id
    done = releases.create(scope, ReleaseCreate.model_validate({
        "name": "Done", "status": "shipped", "horizon": "now",
        "target_date": TODAY - timedelta(days=40),
        "shipped_on": TODAY - timedelta(days=38)})).id
    for rel in (soon, done):
        s.add(OpportunityRelease(workspace_id=ws, opportunity_id=opp, release_id=rel))
    launch = launches.create(scope, LaunchCreate(name="Soon launch", release_id=soon,
                                                 launch_date=TODAY + timedelta(days=20))).id
    checklists.generate(scope, launch)  # its tasks are due, none late
    launches.create(scope, LaunchCreate(name="Done launch", release_id=done,
                                        status="launched"))
    msg = messages.create(scope, MessageCreate(title="Fast swaps", body="Swap in a tap",
                                               launch_id=launch)).id
    s.add(MessageEvidence(workspace_id=ws, message_id=msg, evidence_id=ev))
    s.add(PositioningCanvas(workspace_id=ws, product_id=product, draft={}, current_version=1))
    house = MessagingHouse(workspace_id=ws, name="Shiftwell", product_id=product,
                           release_id=soon, core_message="Cover every shift",
                           status="approved")
    notes = Asset(workspace_id=ws, kind="release_notes", title="Done notes", release_id=done,
                  body="What's new")
    s.add_all([house, notes])
    s.flush()
    return {"pia": pia, "soon": soon, "done": done, "launch": launch, "msg": msg,
            "house": house.id, "notes": notes.id, "opp": opp, "ev": ev}


def test_a_healthy_workspace_is_silent(scope: Scope) -> None:
    healthy(scope)
    report = service.report(scope, TODAY)
    assert report.alarms == []
    assert report.parallelism.decided == 2  # the shipped one and the one in development


def test_no_marketing_alarms_fire_then_clear(scope: Scope) -> None:
    ids = healthy(scope)
    s = scope.session
    # Nobody accountable for outbound work at all, then an outbound activity with no A.
    a = assignments.all(scope)[0]
    assignments.update(scope, a.id, assignments.update_schema(raci="R"))
    assert "no_outbound_owner" in _codes(scope)
    assignments.update(scope, a.id, assignments.update_schema(raci="A"))
    assignments.create(scope, AssignmentCreate(activity="Sales tools", person_id=ids["pia"],
                                               raci="R"))
    assert _codes(scope) == ["outbound_no_accountable"]
    assignments.create(scope, AssignmentCreate(activity="Sales tools", person_id=people.create(
        scope, PersonCreate(name="Sam")).id, raci="A"))
    assert _codes(scope) == []
    # A release due soon loses its launch, its messaging's approval, its positioning.
    launches.delete(scope, ids["launch"])
    assert _codes(scope) == ["due_no_launch"]
    launches.create(scope, LaunchCreate(name="Again", release_id=ids["soon"]))
    s.execute(update(MessagingHouse).values(status="draft"))
    assert _codes(scope) == ["due_no_messaging"]
    s.execute(update(MessagingHouse).values(status="approved"))
    s.execute(update(PositioningCanvas).values(current_version=None))
    assert _codes(scope) == ["due_no_positioning"]
    s.execute(update(PositioningCanvas).values(current_version=1))
    # The warning window is the workspace's: a release due later is not checked yet.
    releases.update(scope, ids["soon"], releases.update_schema(
        target_date=TODAY + timedelta(days=60)))
    launches.delete(scope, next(la.id for la in launches.all(scope) if la.name == "Again"))
    assert "due_no_launch" not in _codes(scope)
    service.set_due_weeks(scope, 10)
    assert "due_no_launch" in _codes(scope)
    with pytest.raises(Invalid):
        service.set_due_weeks(scope, 0)
    service.set_due_weeks(scope, 6)
    # Shipped without release notes.
    s.execute(update(Asset).values(kind="battlecard"))
    assert _codes(scope) == ["shipped_no_notes"]
    s.execute(update(Asset).values(kind="release_notes"))
    assert _codes(scope) == []


def test_late_critical_launch_tasks_fire_then_clear(scope: Scope) -> None:
    ids = healthy(scope)
    task = checklists.add(scope, ids["launch"], TaskCreate(
        title="Brief sales", due_date=TODAY - timedelta(days=1), critical=True))
    report = service.report(scope, TODAY)
    (alarm,) = report.alarms
    assert (alarm.code, alarm.group.value, alarm.level.value) == (
        "launch_critical_late", "no_marketing", "error")
    assert alarm.title == "1 launch has tier-critical tasks that are late (1 task)."
    assert alarm.items[0].label.startswith("Soon launch: Brief sales (due ")
    assert alarm.items[0].path == f"launches/{ids['launch']}#task-{task.id}"
    assert alarm.view == "health/launch_critical_late" and "mark it done" in alarm.clear
    assert alarm.fix is not None and alarm.fix.path == "launches?late=yes"
    # Not critical, or not late, or done: silent again.
    checklists.set_done(scope, task.id, True)
    assert _codes(scope) == []
    checklists.set_done(scope, task.id, False)
    assert _codes(scope) == ["launch_critical_late"]
    # Moving the launch does not move a date set by hand; marking it not critical clears.
    checklists.update(scope, task.id, TaskUpdate(critical=False))
    assert _codes(scope) == []


def test_no_market_alarms_fire_then_clear(scope: Scope) -> None:
    ids = healthy(scope)
    s = scope.session
    lonely = opportunities.create(scope, OpportunityCreate(title="Nobody asked")).id
    assert _codes(scope) == ["opportunity_no_evidence"]
    opportunities.update(scope, lonely, opportunities.update_schema(status="parked"))
    assert _codes(scope) == []
    s.query(EvidenceOpportunity).delete()
    codes = _codes(scope)
    assert codes == ["release_no_evidence", "opportunity_no_evidence"]  # errors first
    s.add(EvidenceOpportunity(workspace_id=scope.workspace_id, evidence_id=ids["ev"],
                              opportunity_id=ids["opp"]))
    s.flush()
    assert _codes(scope) == []
    s.query(MessageEvidence).delete()
    assert _codes(scope) == ["message_no_evidence"]
    alarm = service.report(scope, TODAY).alarms[0]
    assert alarm.view == "messages?backed=no"
    assert [m.id for m in messages.list(scope, filters={"backed": "no"}).items] == [ids["msg"]]


def test_parallelism_reads_the_event_log(scope: Scope) -> None:
    ids = healthy(scope)
    s = scope.session
    ws = scope.workspace_id
    ship = TODAY - timedelta(days=38)

    def at(day: date) -> datetime:
        return datetime.combine(day, datetime.min.time(), tzinfo=UTC)

    s.execute(update(Event).where(Event.workspace_id == ws, Event.kind == "releases",
                                  Event.object_id == ids["done"])
              .values(occurred_at=at(ship - timedelta(days=90))))
    s.execute(update(Event).where(Event.workspace_id == ws, Event.kind == "launches")
              .values(occurred_at=at(ship - timedelta(days=30))))
    pace = {p.name: p for p in service.report(scope, TODAY).parallelism.releases}
    assert pace["Done"].before_done is True and pace["Done"].lead_days == 30
    assert pace["Done"].outbound_after_inbound_days == 60
    # Outbound work that only started after the ship date is late, on two releases: alarm.
    s.execute(update(Event).where(Event.workspace_id == ws, Event.kind == "launches")
              .values(occurred_at=at(TODAY)))
    older = releases.create(scope, ReleaseCreate.model_validate({
        "name": "Older", "status": "shipped", "horizon": "now",
        "target_date": TODAY - timedelta(days=100),
        "shipped_on": TODAY - timedelta(days=100)})).id
    report = service.report(scope, TODAY)
    assert report.parallelism.decided == 3 and report.parallelism.early == 1
    assert [a.code for a in report.alarms] == ["shipped_no_notes", "outbound_starts_late"]
    assert {i.path for i in report.alarms[1].items} == {f"releases/{ids['done']}",
                                                        f"releases/{older}"}
    assert report.parallelism.trend


def test_balance_counts_each_persons_recorded_work(scope: Scope) -> None:
    healthy(scope)
    # The owner is a person with an account: their changes count, all inbound here.
    me = people.create(scope, PersonCreate(name="Olive", roles="PMM"))
    me.user_id = scope.actor.user_id
    scope.session.flush()
    for n in range(22):
        evidence.create(scope, EvidenceCreate(text=f"Another remark {n}"))
    report = service.report(scope, TODAY)
    olive = next(r for r in report.balance if r.name == "Olive")
    assert olive.inbound >= 22
    # Under "custom" the plan is the team's own A and R letters: Olive holds none, Pia's
    # only one is on an outbound activity.
    assert olive.expected_outbound is None and report.team.expected_outbound == 1.0
    assert "balance_outbound_light" in [a.code for a in report.alarms]


def test_viewers_read_health_but_cannot_change_its_settings(scope: Scope) -> None:
    healthy(scope)
    scope.actor = scope.actor.in_role(Role.viewer)  # type: ignore[attr-defined]
    assert service.report(scope, TODAY).alarms == []
    with pytest.raises(Forbidden):
        service.set_due_weeks(scope, 3)


def test_the_reminder_to_assess_roles_again(scope: Scope) -> None:
    from tandem.roles.workshop import service as workshops
    from tandem.roles.workshop.schemas import WorkshopCreate

    ids = healthy(scope)
    first = workshops.create(scope, WorkshopCreate(title="Spring roles",
                                                   participant_ids=[ids["pia"]])).id
    assert _codes(scope) == []  # no date yet
    workshops.set_reassess(scope, first, TODAY + timedelta(days=30))
    assert _codes(scope) == []  # not within the week
    workshops.set_reassess(scope, first, TODAY + timedelta(days=7))
    (alarm,) = service.report(scope, TODAY).alarms
    assert alarm.code == "roles_reassess_due" and alarm.level.value == "warning"
    assert alarm.title.startswith("Time to assess roles again: Spring roles, due ")
    assert alarm.view == f"workshops/{first}"
    workshops.set_reassess(scope, first, TODAY - timedelta(days=10))  # overdue still fires
    assert "was due" in service.report(scope, TODAY).alarms[0].title
    workshops.set_reassess(scope, first, TODAY + timedelta(days=8))  # moved: clears
    assert _codes(scope) == []
    workshops.set_reassess(scope, first, TODAY)
    assert _codes(scope) == ["roles_reassess_due"]
    workshops.create(scope, WorkshopCreate(title="Autumn roles", participant_ids=[ids["pia"]]))
    assert _codes(scope) == []  # a new workshop is under way: the old date is done with
