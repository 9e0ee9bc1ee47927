"""The workshop on both engines: private answers, the reveal, settling, applying to the RACI,
the action plan and the reminder to assess again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tandem.accounts import service as accounts
from tandem.accounts.models import Membership, Role, User, Workspace
from tandem.errors import Forbidden, Invalid, NotFound
from tandem.roles.assignment import PersonCreate, assignments, people
from tandem.roles.workshop import service
from tandem.roles.workshop.schemas import (
    ActionIn,
    AnswerIn,
    AnswersIn,
    DecisionIn,
    WorkshopCreate,
)
from tandem.runtime import Runtime
from tests.conftest import PASSWORD

WIN_LOSS, POSITIONING = "Win/loss analysis", "Positioning"


def _setup(runtime: Runtime, owner: User, workspace: Workspace) -> dict[str, int]:
    with runtime.session() as session:
        max_ = accounts.create_user(session, "max@example.com", PASSWORD, "Max")
        session.add(Membership(workspace_id=workspace.id, user_id=max_.id,
                               role=Role.editor.value))
    with runtime.scope(owner, workspace.slug) as scope:
        pia = people.create(scope, PersonCreate(name="Pia", roles="PM")).id
        people.get(scope, pia).user_id = owner.id
        mx = people.create(scope, PersonCreate(name="Max", roles="PMM")).id
        people.get(scope, mx).user_id = max_.id
        agency = people.create(scope, PersonCreate(name="Agency", roles="Marcom")).id
        ws = service.create(scope, WorkshopCreate(title="Q1", participant_ids=[pia, mx, agency]))
        return {"pia": pia, "max": mx, "agency": agency, "workshop": ws.id,
                "max_user": max_.id}


def _answers(*rows: tuple[str, str, int, int, float | None]) -> AnswersIn:
    return AnswersIn(answers=[AnswerIn(activity=a, raci=r, importance=i, assessment=s,  # type: ignore[arg-type]
                                       hours=h) for a, r, i, s, h in rows])


def test_the_whole_workshop(runtime: Runtime, owner: User, workspace: Workspace) -> None:
    ids = _setup(runtime, owner, workspace)
    with runtime.session() as session:
        max_user = accounts.get_user_by_email(session, "max@example.com")
    w = ids["workshop"]
    with runtime.scope(owner, workspace.slug) as scope:
        service.submit(scope, w, ids["pia"], _answers((WIN_LOSS, "A", 5, 1, 4),
                                                      (POSITIONING, "A", 4, 2, 6)))
        service.submit(scope, w, ids["agency"], _answers((POSITIONING, "R", 4, 3, 10)))
        with pytest.raises(Forbidden):  # Max answers for himself only
            service.submit(scope, w, ids["max"], _answers((WIN_LOSS, "R", 3, 1, None)))
        with pytest.raises(Invalid) as early:
            service.decide(scope, w, DecisionIn(activity=WIN_LOSS, accountable_id=ids["pia"]))
        assert early.value.field == "stage"
    with runtime.scope(max_user, workspace.slug) as scope:
        with pytest.raises(Forbidden):  # nobody else's answers before the reveal
            service.answers_of(scope, w, ids["pia"])
        assert service.view(scope, w).proposals == []
        service.submit(scope, w, ids["max"], _answers((WIN_LOSS, "R", 3, 1, None),
                                                      (POSITIONING, "A", 5, 2, 8)))
        with pytest.raises(Invalid) as unknown:
            service.submit(scope, w, ids["max"], _answers(("Juggling", "A", 1, 1, None)))
        assert unknown.value.field == "answers.0.activity"
    with runtime.scope(owner, workspace.slug) as scope:
        service.reveal(scope, w)
        shown = service.view(scope, w)
        codes = {(c.activity, c.code) for c in shown.conflicts}
        assert (POSITIONING, "two_a") in codes and (WIN_LOSS, "both_sides") in codes
        assert [g.activity for g in shown.gaps[:2]] == [WIN_LOSS, POSITIONING]
        assert shown.headcount["PMM"] == pytest.approx(0.2)
        assert len(service.answers_of(scope, w, ids["max"])) == 2  # open to all now
        with pytest.raises(Invalid):
            service.submit(scope, w, ids["pia"], _answers((WIN_LOSS, "R", 1, 1, None)))
        service.decide(scope, w, DecisionIn(activity=POSITIONING, accountable_id=ids["max"],
                                            responsible_ids=[ids["agency"]]))
        service.decide(scope, w, DecisionIn(activity=WIN_LOSS, accountable_id=ids["pia"],
                                            responsible_ids=[ids["max"]]))
        with pytest.raises(Invalid) as twice:
            service.decide(scope, w, DecisionIn(activity=WIN_LOSS, accountable_id=ids["pia"],
                                                responsible_ids=[ids["pia"]]))
        assert twice.value.field == "responsible_ids"
        service.add_action(scope, w, ActionIn(activity=WIN_LOSS, barrier="No time",
                                              fix="Interview 5 lost deals a month",
                                              owner_id=ids["max"]))
        assert service.apply(scope, w) == 4
        rows = {(a.activity, a.person_id, a.raci) for a in assignments.all(scope)}
        assert rows == {(POSITIONING, ids["max"], "A"), (POSITIONING, ids["agency"], "R"),
                        (WIN_LOSS, ids["pia"], "A"), (WIN_LOSS, ids["max"], "R")}
        closed = service.view(scope, w)
        assert closed.workshop.stage == "closed" and len(closed.actions) == 1
        assert closed.decision_of(WIN_LOSS) is not None
        assert closed.workshop.reassess_on == date.today() + timedelta(days=90)
        assert service.due_reassessments(scope) == []
        service.set_reassess(scope, w, date.today() + timedelta(days=3))
        assert [x.id for x in service.due_reassessments(scope)] == [w]
        assert service.due_reassessments(scope, date.today() - timedelta(days=5)) == []
        assert [x.id for x in service.due_reassessments(
            scope, date.today() + timedelta(days=30))] == [w]  # past due still reminds
        # Only the latest workshop counts: starting the next one ends the reminder.
        service.create(scope, WorkshopCreate(title="Q2", participant_ids=[ids["pia"]]))
        assert service.due_reassessments(scope) == []


def test_agreed_activities_settle_in_one_step(runtime: Runtime, owner: User,
                                              workspace: Workspace) -> None:
    ids = _setup(runtime, owner, workspace)
    w = ids["workshop"]
    with runtime.scope(owner, workspace.slug) as scope:
        with pytest.raises(Invalid):  # nobody has answered
            service.reveal(scope, w)
        service.submit(scope, w, ids["agency"], _answers(("Campaigns", "R", 3, 3, None)))
        service.submit(scope, w, ids["pia"], _answers(("Campaigns", "A", 3, 3, None)))
        service.reveal(scope, w)
        assert service.accept_agreed(scope, w) == 0  # Pia (inbound) vs Agency (outbound)
        people.get(scope, ids["pia"]).roles = "Founder"
        scope.session.flush()
        assert service.accept_agreed(scope, w) == 1
        decision = service.view(scope, w).decision_of("Campaigns")
        assert decision is not None and decision.accountable_id == ids["pia"]
        with pytest.raises(NotFound):
            service.view(scope, 2**31 - 1)
