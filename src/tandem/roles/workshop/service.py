"""The roles workshop: participants answer alone, the facilitator reveals, Tandem shows the
agreement and the conflicts side by side, the facilitator settles each activity (recorded
with who and when), and the decisions become the workspace's RACI; then gaps, head count,
an action plan for the top gaps and a date to assess again.

Before the reveal nobody sees anyone else's answers: a member answers for the person linked
to their account; the facilitator (an editor) answers for named roles without an account.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import delete, select

from tandem.crud import require_version
from tandem.errors import Conflict, Forbidden, Invalid, NotFound
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.roles.assignment import Assignment, assignments, people
from tandem.roles.models import Person
from tandem.roles.service import catalog
from tandem.roles.workshop import engine
from tandem.roles.workshop.models import (
    ActionItem,
    Decision,
    Participant,
    Stage,
    Workshop,
    WorkshopAnswer,
)
from tandem.roles.workshop.schemas import (
    ActionIn,
    AnswersIn,
    DecisionIn,
    WorkshopCreate,
)
from tandem.scope import Scope
from tandem.storage.base import utcnow

KIND = "workshops"
REMIND_DAYS = 7


@dataclass
class ParticipantView:
    person: Person
    side: str
    answered: bool


@dataclass
class WorkshopView:
    workshop: Workshop
    participants: list[ParticipantView]
    activities: list[str]
    proposals: list[engine.Proposal] = field(default_factory=list)  # after the reveal
    conflicts: list[engine.Conflict] = field(default_factory=list)
    agreed: list[str] = field(default_factory=list)
    gaps: list[engine.Gap] = field(default_factory=list)
    headcount: dict[str, float] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)

    @property
    def revealed(self) -> bool:
        return self.workshop.stage != Stage.answering.value

    def grid(self) -> dict[str, dict[str, engine.Proposal]]:
        """activity -> person name -> proposal, for the side-by-side table."""
        found: dict[str, dict[str, engine.Proposal]] = defaultdict(dict)
        for p in self.proposals:
            found[p.activity][p.person] = p
        return found

    def conflicts_of(self, activity: str) -> list[engine.Conflict]:
        return [c for c in self.conflicts if c.activity == activity]

    def decision_of(self, activity: str) -> Decision | None:
        return next((d for d in self.decisions if d.activity == activity), None)


def _activities(scope: Scope) -> list[str]:
    return [e.name for e in catalog(scope) if not e.hidden]


def get(scope: Scope, workshop_id: int) -> Workshop:
    scope.require(Action.read)
    row = scope.owned(Workshop, workshop_id)
    if row is None:
        raise NotFound(f"No workshop {workshop_id} in this workspace.")
    return row


def all_workshops(scope: Scope) -> list[Workshop]:
    scope.require(Action.read)
    return list(scope.session.scalars(select(Workshop).where(
        Workshop.workspace_id == scope.workspace_id).order_by(Workshop.id.desc())))


def create(scope: Scope, body: WorkshopCreate) -> Workshop:
    scope.require(Action.create, assignments)
    if scope.session.scalar(select(Workshop.id).where(
            Workshop.workspace_id == scope.workspace_id, Workshop.title == body.title)):
        raise Conflict(f"A workshop is already called '{body.title}'.", "title")
    chosen = [people.get(scope, pid) for pid in dict.fromkeys(body.participant_ids)]
    row = Workshop(workspace_id=scope.workspace_id, title=body.title,
                   facilitator_id=scope.actor.user_id, facilitator_label=scope.actor.label[:254])
    scope.session.add(row)
    scope.session.flush()
    for person in chosen:
        scope.session.add(Participant(workspace_id=scope.workspace_id, workshop_id=row.id,
                                      person_id=person.id))
    events.record(scope, "created", KIND, row.id, row.title,
                  {"participants": [None, ", ".join(p.name for p in chosen)]})
    scope.session.flush()
    return row


def _participants(scope: Scope, workshop: Workshop) -> list[tuple[Participant, Person]]:
    return list(scope.session.execute(
        select(Participant, Person).join(Person, Person.id == Participant.person_id)
        .where(Participant.workshop_id == workshop.id).order_by(Person.name)).tuples())


def _participant(scope: Scope, workshop: Workshop, person_id: int) -> tuple[Participant, Person]:
    for row, person in _participants(scope, workshop):
        if person.id == person_id:
            return row, person
    raise NotFound(f"Person {person_id} is not taking part in '{workshop.title}'.")


def may_answer_for(scope: Scope, person: Person) -> bool:
    """A member answers for themselves; an editor also for named roles without an account."""
    if person.user_id is not None:
        return scope.actor.user_id == person.user_id
    return scope.can(Action.update)


def answers_of(scope: Scope, workshop_id: int, person_id: int) -> list[WorkshopAnswer]:
    """One participant's answers: to them (or their facilitator) before the reveal, to
    everyone after it."""
    workshop = get(scope, workshop_id)
    _, person = _participant(scope, workshop, person_id)
    if workshop.stage == Stage.answering.value and not may_answer_for(scope, person):
        raise Forbidden("Answers stay private until the facilitator reveals them.")
    return list(scope.session.scalars(select(WorkshopAnswer).where(
        WorkshopAnswer.workshop_id == workshop.id, WorkshopAnswer.person_id == person.id)))


def participant(scope: Scope, workshop_id: int, person_id: int) -> Participant:
    """The participant row, whose version counts the times their answers were replaced."""
    return _participant(scope, get(scope, workshop_id), person_id)[0]


def submit(scope: Scope, workshop_id: int, person_id: int, body: AnswersIn,
           expected: int | None = None) -> int:
    """Replace a participant's answers; returns how many activities they answered.
    `expected` is the version of the participant's answers the writer read (If-Match)."""
    workshop = get(scope, workshop_id)
    if workshop.stage != Stage.answering.value:
        raise Invalid("The answers are revealed: they can no longer change.", "answers")
    row, person = _participant(scope, workshop, person_id)
    if not may_answer_for(scope, person):
        raise Forbidden(f"Only {person.name} answers for themselves.")
    require_version(row, expected, "participant's answers")
    known = {a.lower(): a for a in _activities(scope)}
    seen: set[str] = set()
    for i, answer in enumerate(body.answers):
        name = known.get(answer.activity.lower())
        if name is None:
            raise Invalid(f"'{answer.activity}' is not an activity of the catalog.",
                          f"answers.{i}.activity")
        if name in seen:
            raise Invalid(f"'{name}' is answered twice.", f"answers.{i}.activity")
        seen.add(name)
    scope.session.execute(delete(WorkshopAnswer).where(
        WorkshopAnswer.workshop_id == workshop.id, WorkshopAnswer.person_id == person.id))
    for answer in body.answers:
        scope.session.add(WorkshopAnswer(
            workspace_id=scope.workspace_id, workshop_id=workshop.id, person_id=person.id,
            activity=known[answer.activity.lower()], raci=answer.raci,
            importance=answer.importance, assessment=answer.assessment, hours=answer.hours))
    row.answered_at = utcnow()
    events.record(scope, "answered", KIND, workshop.id, workshop.title,
                  {"participant": [None, person.name]})
    scope.session.flush()
    return len(body.answers)


def reveal(scope: Scope, workshop_id: int) -> Workshop:
    workshop = get(scope, workshop_id)
    scope.require(Action.update, assignments)
    if workshop.stage != Stage.answering.value:
        raise Invalid("This workshop is already revealed.", "stage")
    if not any(p.answered_at for p, _ in _participants(scope, workshop)):
        raise Invalid("Nobody has answered yet: reveal once participants have.", "stage")
    workshop.stage, workshop.revealed_at = Stage.revealed.value, utcnow()
    events.record(scope, "revealed", KIND, workshop.id, workshop.title,
                  {"stage": [Stage.answering.value, Stage.revealed.value]})
    scope.session.flush()
    return workshop


def view(scope: Scope, workshop_id: int) -> WorkshopView:
    workshop = get(scope, workshop_id)
    pairs = _participants(scope, workshop)
    activities = _activities(scope)
    shown = WorkshopView(workshop, [ParticipantView(p, engine.side_of(p.role_titles),
                                                    row.answered_at is not None)
                                    for row, p in pairs], activities)
    if not shown.revealed:
        return shown
    names = {p.id: p.name for _, p in pairs}
    rows = scope.session.scalars(select(WorkshopAnswer).where(
        WorkshopAnswer.workshop_id == workshop.id).order_by(WorkshopAnswer.id))
    shown.proposals = [engine.Proposal(a.activity, names.get(a.person_id, "?"), a.raci or None,
                                       a.importance, a.assessment, a.hours) for a in rows]
    sides = {p.name: engine.side_of(p.role_titles) for _, p in pairs}
    shown.conflicts = engine.conflicts(shown.proposals, activities, sides)
    shown.agreed = engine.agreed(activities, shown.conflicts)
    shown.gaps = engine.gaps(shown.proposals, activities)
    shown.headcount = engine.headcount(shown.proposals, {p.name: p.role_titles
                                                         for _, p in pairs})
    shown.decisions = list(scope.session.scalars(select(Decision).where(
        Decision.workshop_id == workshop.id).order_by(Decision.id)))
    shown.actions = list(scope.session.scalars(select(ActionItem).where(
        ActionItem.workshop_id == workshop.id).order_by(ActionItem.due_on, ActionItem.id)))
    return shown


def _revealed(scope: Scope, workshop_id: int) -> Workshop:
    workshop = get(scope, workshop_id)
    scope.require(Action.update, assignments)
    if workshop.stage == Stage.answering.value:
        raise Invalid("Reveal the answers before settling.", "stage")
    return workshop


def decide(scope: Scope, workshop_id: int, body: DecisionIn,
           expected: int | None = None) -> Decision:
    """Settle one activity: its A and its Rs, recorded with who decided and when.
    `expected` is the version of the activity's decision the writer saw (0: none yet), so
    a decision someone else made meanwhile is not overwritten unseen."""
    workshop = _revealed(scope, workshop_id)
    known = {a.lower(): a for a in _activities(scope)}
    activity = known.get(body.activity.lower())
    if activity is None:
        raise Invalid(f"'{body.activity}' is not an activity of the catalog.", "activity")
    accountable = people.get(scope, body.accountable_id)
    responsible = [people.get(scope, pid) for pid in dict.fromkeys(body.responsible_ids)]
    if accountable.id in {p.id for p in responsible}:
        raise Invalid("One letter per person: the A is not also an R (an A with no R does "
                      "the work).", "responsible_ids")
    row = decision(scope, workshop.id, activity)
    require_version(row, expected, "decision")
    if row is None:
        row = Decision(workspace_id=scope.workspace_id, workshop_id=workshop.id,
                       activity=activity)
        scope.session.add(row)
    row.accountable_id = accountable.id
    row.responsible_ids = ",".join(str(p.id) for p in responsible)
    row.note, row.decided_by = body.note, scope.actor.label[:254]
    events.record(scope, "settled", KIND, workshop.id, workshop.title, {activity[:64]: [
        None, f"A {accountable.name}" + (f"; R {', '.join(p.name for p in responsible)}"
                                         if responsible else "")]})
    scope.session.flush()
    return row


def decision(scope: Scope, workshop_id: int, activity: str) -> Decision | None:
    return scope.session.scalar(select(Decision).where(Decision.workshop_id == workshop_id,
                                                       Decision.activity == activity))


def accept_agreed(scope: Scope, workshop_id: int) -> int:
    """Settle every activity the participants agree on as they proposed it. It needs no
    version: it only settles activities nobody has settled yet, never overwriting one."""
    shown = view(scope, workshop_id)
    _revealed(scope, workshop_id)
    ids = {pv.person.name: pv.person.id for pv in shown.participants}
    grid = shown.grid()
    made = 0
    for activity in shown.agreed:
        if shown.decision_of(activity) is not None:
            continue
        letters = grid.get(activity, {})
        a = [ids[n] for n, p in letters.items() if p.raci == "A"]
        if len(a) != 1:
            continue
        decide(scope, workshop_id, DecisionIn(
            activity=activity, accountable_id=a[0],
            responsible_ids=[ids[n] for n, p in letters.items() if p.raci == "R"],
            note="As proposed: the participants agreed."))
        made += 1
    return made


def apply(scope: Scope, workshop_id: int, expected: int | None = None) -> int:
    """Write the decisions into the workspace's RACI: each decided activity's assignments
    are replaced by its A, its Rs, and the Cs and Is the participants proposed. `expected`
    is the workshop's version the writer saw: applying closes it (a new version), so a
    second apply from a stale page cannot overwrite RACI edits made since the first."""
    shown = view(scope, workshop_id)
    workshop = _revealed(scope, workshop_id)
    require_version(workshop, expected, "workshop")
    if not shown.decisions:
        raise Invalid("Settle at least one activity first.", "decisions")
    scope.require(Action.delete, assignments)
    ids = {pv.person.name: pv.person.id for pv in shown.participants}
    grid = shown.grid()
    made = 0
    for decision in shown.decisions:
        scope.session.execute(delete(Assignment).where(
            Assignment.workspace_id == scope.workspace_id,
            Assignment.activity == decision.activity))
        letters: dict[int, str] = {decision.accountable_id: "A"}
        for raw in filter(None, decision.responsible_ids.split(",")):
            letters.setdefault(int(raw), "R")
        for name, proposal in grid.get(decision.activity, {}).items():
            if proposal.raci in ("C", "I") and name in ids:
                letters.setdefault(ids[name], proposal.raci)
        for person_id, letter in letters.items():
            assignments.create(scope, assignments.create_schema.model_validate(
                {"activity": decision.activity, "person_id": person_id, "raci": letter}))
            made += 1
    workshop.stage = Stage.closed.value
    if workshop.reassess_on is None:
        workshop.reassess_on = date.today() + timedelta(days=90)
    events.record(scope, "applied", KIND, workshop.id, workshop.title,
                  {"assignments": [None, str(made)]})
    scope.session.flush()
    return made


def add_action(scope: Scope, workshop_id: int, body: ActionIn) -> ActionItem:
    workshop = _revealed(scope, workshop_id)
    if body.owner_id is not None:
        people.get(scope, body.owner_id)
    row = ActionItem(workspace_id=scope.workspace_id, workshop_id=workshop.id,
                     activity=body.activity, barrier=body.barrier, fix=body.fix,
                     owner_id=body.owner_id, due_on=body.due_on)
    scope.session.add(row)
    events.record(scope, "planned", KIND, workshop.id, workshop.title,
                  {body.activity[:64]: [None, body.fix[:120]]})
    scope.session.flush()
    return row


def set_reassess(scope: Scope, workshop_id: int, when: date | None,
                 expected: int | None = None) -> Workshop:
    workshop = get(scope, workshop_id)
    scope.require(Action.update, assignments)
    require_version(workshop, expected, "workshop")
    before = workshop.reassess_on
    workshop.reassess_on = when
    events.record(scope, "updated", KIND, workshop.id, workshop.title,
                  {"reassess on": [str(before) if before else None,
                                   str(when) if when else None]})
    scope.session.flush()
    return workshop


def due_reassessments(scope: Scope, today: date | None = None) -> list[Workshop]:
    """The reminder to assess the roles again (home page and loop health): the latest
    workshop, when its re-assessment date is within a week or past. Only the latest counts,
    so starting a new workshop (even before anyone answers) clears an older one's reminder,
    as does moving the date."""
    limit = (today or date.today()) + timedelta(days=REMIND_DAYS)
    return [w for w in all_workshops(scope)[:1] if w.reassess_on is not None
            and w.reassess_on <= limit]
