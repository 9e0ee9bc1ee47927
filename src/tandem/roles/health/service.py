"""Loop health: gathers the workspace's facts for `engine.evaluate`, and keeps its settings.

The parallelism index reads the event log: inbound work on a release starts with the first
event on the release or on an opportunity it addresses; outbound work with the first event
on one of its launches, their messages, a messaging house for the release, or an asset made
for it. Balance counts the recorded changes of each person with an account over the last
`BALANCE_DAYS` days, inbound kinds against outbound kinds. The reminder to assess the roles
again comes from the workshops (`workshop.service.due_reassessments`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select

from tandem.errors import Invalid
from tandem.inbound.opportunity import Opportunity
from tandem.inbound.release import Release, ReleaseStatus
from tandem.loop.models import EvidenceOpportunity, MessageEvidence, OpportunityRelease
from tandem.outbound.assets.models import Asset, AssetKind
from tandem.outbound.checklists import service as checklists
from tandem.outbound.launch import Launch, LaunchStatus
from tandem.outbound.message import Message
from tandem.outbound.messaging.models import HouseStatus, MessagingHouse, Pillar, ProofPoint
from tandem.outbound.positioning.models import PositioningCanvas
from tandem.platform.events import service as events
from tandem.platform.events.models import Event
from tandem.platform.policy import Action
from tandem.roles import presets
from tandem.roles.assignment import Assignment, Raci
from tandem.roles.catalog import Direction
from tandem.roles.health import engine
from tandem.roles.health.models import DEFAULT_DUE_WEEKS, HealthSettings
from tandem.roles.models import Person
from tandem.roles.service import catalog, preset_of
from tandem.roles.workshop import service as workshops
from tandem.scope import Scope

BALANCE_DAYS = 90
MAX_DUE_WEEKS = 52
INBOUND_KINDS = ("evidence", "opportunities", "releases", "companies", "contacts",
                 "scoring_models")
OUTBOUND_KINDS = ("launches", "launch_tasks", "messages", "messaging_houses",
                  "positioning_canvases", "assets")


def due_weeks(scope: Scope) -> int:
    row = scope.session.get(HealthSettings, scope.workspace_id)
    return row.due_weeks if row else DEFAULT_DUE_WEEKS


def set_due_weeks(scope: Scope, weeks: int) -> int:
    scope.require(Action.update)
    if not 1 <= weeks <= MAX_DUE_WEEKS:
        raise Invalid(f"The warning window is 1 to {MAX_DUE_WEEKS} weeks.", "due_weeks")
    row = scope.session.get(HealthSettings, scope.workspace_id)
    before = row.due_weeks if row else DEFAULT_DUE_WEEKS
    if row is None:
        row = HealthSettings(workspace_id=scope.workspace_id, due_weeks=weeks)
        scope.session.add(row)
    row.due_weeks = weeks
    scope.session.flush()
    if before != weeks:
        events.record(scope, "updated", "health_settings", None, "Loop health",
                      {"due_weeks": [before, weeks]})
    return weeks


def _counts(scope: Scope, column: Any, key: Any, *where: ColumnElement[bool]) -> dict[int, int]:
    rows = scope.session.execute(select(key, func.count(column)).where(*where).group_by(key))
    return {int(k): int(n) for k, n in rows.tuples().all() if k is not None}


def _outbound_activities(scope: Scope) -> list[engine.OutboundActivity]:
    ws = scope.workspace_id
    rows = scope.session.execute(select(Assignment.activity, Assignment.raci).where(
        Assignment.workspace_id == ws)).tuples().all()
    accountable: dict[str, int] = defaultdict(int)
    assigned: dict[str, int] = defaultdict(int)
    for activity, letter in rows:
        assigned[activity] += 1
        accountable[activity] += letter == Raci.A.value
    return [engine.OutboundActivity(e.name, accountable[e.name], assigned[e.name])
            for e in catalog(scope)
            if not e.hidden and e.direction == Direction.outbound.value]


def _releases(scope: Scope) -> list[engine.ReleaseFacts]:
    ws = scope.workspace_id
    s = scope.session
    launches = _counts(scope, Launch.id, Launch.release_id, Launch.workspace_id == ws,
                       Launch.status != LaunchStatus.cancelled.value)
    notes = _counts(scope, Asset.id, Asset.release_id, Asset.workspace_id == ws,
                    Asset.kind == AssetKind.release_notes.value, Asset.release_id.is_not(None))
    evidence = _counts(
        scope, EvidenceOpportunity.evidence_id, OpportunityRelease.release_id,
        OpportunityRelease.workspace_id == ws,
        EvidenceOpportunity.opportunity_id == OpportunityRelease.opportunity_id)
    houses = s.execute(select(MessagingHouse.release_id, MessagingHouse.product_id).where(
        MessagingHouse.workspace_id == ws,
        MessagingHouse.status == HouseStatus.approved.value)).tuples().all()
    approved_for = {rid for rid, _ in houses if rid is not None}
    product_wide = any(rid is None for rid, _ in houses)
    positioned = s.scalar(select(func.count(PositioningCanvas.id)).where(
        PositioningCanvas.workspace_id == ws,
        PositioningCanvas.current_version.is_not(None))) or 0
    return [engine.ReleaseFacts(
        r.id, r.name, r.status, r.target_date, r.shipped_on, launches.get(r.id, 0),
        positioned > 0, r.id in approved_for or product_wide, notes.get(r.id, 0) > 0,
        evidence.get(r.id, 0))
        for r in s.scalars(select(Release).where(Release.workspace_id == ws)
                           .order_by(Release.target_date, Release.name))]


def _opportunities(scope: Scope) -> list[engine.OpportunityFacts]:
    ws = scope.workspace_id
    counts = _counts(scope, EvidenceOpportunity.evidence_id, EvidenceOpportunity.opportunity_id,
                     EvidenceOpportunity.workspace_id == ws)
    return [engine.OpportunityFacts(o.id, o.title, o.status, counts.get(o.id, 0))
            for o in scope.session.scalars(select(Opportunity).where(
                Opportunity.workspace_id == ws).order_by(Opportunity.title))]


def _cited(point: ProofPoint) -> bool:
    if point.kind in ("evidence", "win_loss"):
        return point.evidence_id is not None
    if point.kind == "metric":
        return bool(point.metric.strip() and point.source.strip())
    return bool(point.url.strip())


def _claims(scope: Scope) -> list[engine.ClaimFacts]:
    ws = scope.workspace_id
    s = scope.session
    backed = set(s.scalars(select(MessageEvidence.message_id).where(
        MessageEvidence.workspace_id == ws)))
    found = [engine.ClaimFacts("message", m.id, m.title, f"messages/{m.id}", m.id in backed)
             for m in s.scalars(select(Message).where(Message.workspace_id == ws)
                                .order_by(Message.title))]
    points = s.execute(select(ProofPoint, Pillar.house_id).join(
        Pillar, ProofPoint.pillar_id == Pillar.id).where(ProofPoint.workspace_id == ws)
        .order_by(ProofPoint.id)).tuples().all()
    found += [engine.ClaimFacts("proof_point", p.id, p.claim[:120], f"messaging/{house}",
                                _cited(p)) for p, house in points]
    return found


def _first_events(scope: Scope, pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int],
                                                                         datetime]:
    wanted: dict[str, set[int]] = defaultdict(set)
    for kind, oid in pairs:
        wanted[kind].add(oid)
    if not wanted:
        return {}
    rows = scope.session.execute(
        select(Event.kind, Event.object_id, func.min(Event.occurred_at))
        .where(Event.workspace_id == scope.workspace_id,
               or_(*(and_(Event.kind == k, Event.object_id.in_(sorted(ids)))
                     for k, ids in wanted.items())))
        .group_by(Event.kind, Event.object_id)).tuples().all()
    return {(k, int(o)): _aware(t) for k, o, t in rows if o is not None}


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _timelines(scope: Scope) -> list[engine.Timeline]:
    ws = scope.workspace_id
    s = scope.session
    rels = s.scalars(select(Release).where(Release.workspace_id == ws)).all()
    inbound: dict[int, list[tuple[str, int]]] = defaultdict(list)
    outbound: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for r in rels:
        inbound[r.id].append(("releases", r.id))
    for rid, oid in s.execute(select(OpportunityRelease.release_id,
                                     OpportunityRelease.opportunity_id).where(
            OpportunityRelease.workspace_id == ws)).tuples():
        inbound[rid].append(("opportunities", oid))
    launch_release: dict[int, int] = {}
    for lid, rid in s.execute(select(Launch.id, Launch.release_id).where(
            Launch.workspace_id == ws)).tuples():
        launch_release[lid] = rid
        outbound[rid].append(("launches", lid))
    for mid, maybe_launch in s.execute(select(Message.id, Message.launch_id).where(
            Message.workspace_id == ws, Message.launch_id.is_not(None))).tuples():
        if maybe_launch in launch_release:
            outbound[launch_release[maybe_launch]].append(("messages", mid))
    for hid, house_release in s.execute(select(MessagingHouse.id, MessagingHouse.release_id)
                                        .where(MessagingHouse.workspace_id == ws)).tuples():
        if house_release is not None:
            outbound[house_release].append(("messaging_houses", hid))
    for aid, asset_release in s.execute(select(Asset.id, Asset.release_id).where(
            Asset.workspace_id == ws)).tuples():
        if asset_release is not None:
            outbound[asset_release].append(("assets", aid))
    first = _first_events(scope, [p for v in (*inbound.values(), *outbound.values())
                                  for p in v])

    def earliest(pairs: list[tuple[str, int]]) -> datetime | None:
        times = [first[p] for p in pairs if p in first]
        return min(times) if times else None

    shipped = ReleaseStatus.shipped.value
    return [engine.Timeline(r.id, r.name, earliest(inbound[r.id]), earliest(outbound[r.id]),
                            r.shipped_on if r.status == shipped else r.target_date,
                            r.status == shipped)
            for r in sorted(rels, key=lambda r: (r.shipped_on or r.target_date or date.max,
                                                 r.name))]


def _weights(direction: str) -> tuple[float, float]:
    """(inbound, outbound) weight of one A or R letter on an activity of `direction`."""
    if direction == Direction.inbound.value:
        return 1.0, 0.0
    if direction == Direction.outbound.value:
        return 0.0, 1.0
    return 0.5, 0.5


def _share(inb: float, out: float) -> float | None:
    return out / (inb + out) if inb + out else None


def _people(scope: Scope, today: date) -> tuple[list[engine.PersonWork], float | None]:
    ws = scope.workspace_id
    s = scope.session
    preset = preset_of(scope)
    entries = [e for e in catalog(scope) if not e.hidden]
    direction = {e.name: e.direction for e in entries}
    everyone = s.scalars(select(Person).where(Person.workspace_id == ws)
                         .order_by(Person.name)).all()
    letters: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pid, activity, letter in s.execute(select(
            Assignment.person_id, Assignment.activity, Assignment.raci).where(
            Assignment.workspace_id == ws)).tuples():
        letters[pid].append((activity, letter))
    proposals = {e.name: presets.expected(preset, presets.Activity(e.name, e.column,
                                                                   e.direction))
                 for e in entries}

    def expected_for(person: Person) -> tuple[float, float]:
        inb = out = 0.0
        if proposals and any(proposals.values()):
            for name, roles in proposals.items():
                for role, letter in roles.items():
                    if letter in ("A", "R") and presets.holds(role, person.role_titles):
                        i, o = _weights(direction[name])
                        inb, out = inb + i, out + o
        else:  # custom: the team's own A and R letters are the plan
            for activity, letter in letters.get(person.id, []):
                if letter in ("A", "R") and activity in direction:
                    i, o = _weights(direction[activity])
                    inb, out = inb + i, out + o
        return inb, out

    since = datetime.combine(today - timedelta(days=BALANCE_DAYS), datetime.min.time(),
                             tzinfo=UTC)
    work: dict[int, dict[str, int]] = defaultdict(lambda: {"in": 0, "out": 0})
    for user_id, kind, n in s.execute(
            select(Event.actor_user_id, Event.kind, func.count(Event.id))
            .where(Event.workspace_id == ws, Event.actor_user_id.is_not(None),
                   Event.occurred_at >= since,
                   Event.kind.in_(INBOUND_KINDS + OUTBOUND_KINDS))
            .group_by(Event.actor_user_id, Event.kind)).tuples():
        if user_id is None:
            continue
        work[int(user_id)]["in" if kind in INBOUND_KINDS else "out"] += int(n)
    rows = []
    team_in = team_out = 0.0
    for p in everyone:
        inb, out = expected_for(p)
        team_in, team_out = team_in + inb, team_out + out
        done = work.get(p.user_id or -1, {"in": 0, "out": 0})
        rows.append(engine.PersonWork(p.name, done["in"], done["out"], _share(inb, out)))
    return rows, _share(team_in, team_out)


def facts(scope: Scope, today: date | None = None) -> engine.Facts:
    scope.require(Action.read)
    today = today or date.today()
    people, team = _people(scope, today)
    return engine.Facts(
        today=today, due_weeks=due_weeks(scope), preset=preset_of(scope),
        outbound_activities=_outbound_activities(scope), releases=_releases(scope),
        opportunities=_opportunities(scope), claims=_claims(scope),
        timelines=_timelines(scope), people=people, team_expected_outbound=team,
        reassessments=[engine.Reassessment(w.id, w.title, w.reassess_on)
                       for w in workshops.due_reassessments(scope, today)
                       if w.reassess_on is not None],
        late_tasks=[engine.LateTask(t.launch_id, t.launch, t.task_id, t.title, t.due_date)
                    for t in checklists.late_critical(scope, today)])


def report(scope: Scope, today: date | None = None) -> engine.Report:
    """Every alarm, the parallelism index and the balance of the workspace."""
    return engine.evaluate(facts(scope, today))
