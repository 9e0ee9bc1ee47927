"""The loop at a glance: counts per side and what needs attention on the home page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import case, exists, func, select

from tandem.inbound.evidence.models import Evidence
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import Opportunity, opportunities
from tandem.inbound.release import Release, ReleaseStatus, releases
from tandem.inbound.roadmap.service import RoadmapItem, roadmap
from tandem.loop.models import EvidenceOpportunity, MessageEvidence
from tandem.outbound.assets import service as assets
from tandem.outbound.claims import service as claims
from tandem.outbound.launch import Launch, LaunchStatus, launches
from tandem.outbound.message import Message, messages
from tandem.outbound.messaging.models import HouseStatus
from tandem.roles.assignment import Assignment, Raci, assignments
from tandem.roles.catalog import Direction
from tandem.roles.service import catalog
from tandem.roles.workshop.service import due_reassessments
from tandem.scope import Scope

RECENT_DAYS = 30


@dataclass
class Attention:
    """Something a person should look at, with where to go to fix it."""

    side: str  # inbound | outbound | roles
    message: str
    href: str


@dataclass
class Overview:
    """Counts, the roadmap board and the warnings; one read of the workspace for the home."""

    counts: dict[str, int] = field(default_factory=dict)
    board: dict[str, list[RoadmapItem]] = field(default_factory=dict)
    upcoming_launches: list[Launch] = field(default_factory=list)
    attention: list[Attention] = field(default_factory=list)


def overview(scope: Scope, today: date | None = None) -> Overview:
    today = today or date.today()
    out = Overview()
    linked = exists().where(EvidenceOpportunity.evidence_id == Evidence.id)
    backed_opp = exists().where(EvidenceOpportunity.opportunity_id == Opportunity.id)
    backed_msg = exists().where(MessageEvidence.message_id == Message.id)
    out.counts = {
        "evidence": evidence.count(scope),
        "evidence_recent": evidence.count(
            scope, Evidence.received_on >= today - timedelta(days=RECENT_DAYS)),
        "evidence_unlinked": evidence.count(scope, ~linked),
        "opportunities": opportunities.count(scope),
        "opportunities_unbacked": opportunities.count(scope, ~backed_opp),
        "releases": releases.count(scope),
        "launches": launches.count(scope),
        "messages": messages.count(scope),
        "messages_unbacked": messages.count(scope, ~backed_msg),
        "assets_approved": assets.count_by_status(scope, HouseStatus.approved.value),
        "claims_unsupported": claims.audit(scope, today).overall.unsupported,
        "assignments": assignments.count(scope),
    }
    ws = scope.workspace_id
    out.board = roadmap(scope)
    out.upcoming_launches = list(scope.session.scalars(
        select(Launch).where(Launch.workspace_id == ws,
                             Launch.status.in_([LaunchStatus.planning.value,
                                                LaunchStatus.ready.value]))
        .order_by(Launch.launch_date)).all())
    slug = scope.workspace.slug
    base = f"/w/{slug}"
    if out.counts["evidence_unlinked"]:
        out.attention.append(Attention(
            "inbound", _count(out.counts["evidence_unlinked"], "evidence item is",
                              "evidence items are") + " not linked to any opportunity yet.",
            f"{base}/evidence?linked=no"))
    if out.counts["opportunities_unbacked"]:
        out.attention.append(Attention(
            "inbound", _count(out.counts["opportunities_unbacked"],
                              "opportunity has no evidence behind it",
                              "opportunities have no evidence behind them") + ".",
            f"{base}/opportunities?backed=no"))
    unlaunched = [item.release for items in out.board.values() for item in items
                  if item.needs_launch]
    for rel in unlaunched:
        when = f" (due {_day(rel.target_date)})" if rel.target_date else ""
        out.attention.append(Attention(
            "outbound", f"Release '{rel.name}'{when} has no launch plan: outbound starts "
            "too late if it starts at ship date.", f"{base}/releases/{rel.id}"))
    late = scope.session.execute(
        select(Launch, Release).join(Release, Launch.release_id == Release.id)
        .where(Launch.workspace_id == ws, Release.status != ReleaseStatus.shipped.value,
               Launch.status != LaunchStatus.cancelled.value,
               Launch.launch_date > Release.target_date)
        .order_by(Release.target_date)).all()
    for launch, rel in late:
        assert launch.launch_date is not None and rel.target_date is not None
        out.attention.append(Attention(
            "outbound", f"Launch '{launch.name}' ({_day(launch.launch_date)}) comes after its "
            f"release '{rel.name}' is due ({_day(rel.target_date)}).",
            f"{base}/launches/{launch.id}"))
    if out.counts["messages_unbacked"]:
        out.attention.append(Attention(
            "outbound", _count(out.counts["messages_unbacked"], "message makes a claim",
                               "messages make claims") + " with no evidence linked.",
            f"{base}/messages?backed=no"))
    out.attention.extend(_ownership_gaps(scope, base))
    for workshop in due_reassessments(scope, today):
        assert workshop.reassess_on is not None
        out.attention.append(Attention(
            "roles", f"Time to assess roles again: {workshop.title}, due "
            f"{_day(workshop.reassess_on)}.", f"{base}/workshops/{workshop.id}"))
    return out


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _ownership_gaps(scope: Scope, base: str) -> list[Attention]:
    """Warn when outbound activities in use have nobody accountable."""
    rows = scope.session.execute(
        select(Assignment.activity,
               func.sum(case((Assignment.raci == Raci.A.value, 1), else_=0)))
        .where(Assignment.workspace_id == scope.workspace_id)
        .group_by(Assignment.activity)).all()
    accountable = {activity: int(count or 0) for activity, count in rows}
    directions = {e.name: e.direction for e in catalog(scope)}  # the workspace's names
    outbound = [a for a in accountable if directions.get(a) == Direction.outbound.value]
    gaps = sorted(a for a in outbound if accountable[a] == 0)
    found: list[Attention] = []
    if not outbound or all(accountable[a] == 0 for a in outbound):
        found.append(Attention("roles", "Nobody is accountable for any outbound activity: "
                               "the product has no marketing owner.", f"{base}/roles"))
    elif gaps:
        found.append(Attention("roles", "No one is accountable for: " + ", ".join(gaps) + ".",
                               f"{base}/roles"))
    return found

