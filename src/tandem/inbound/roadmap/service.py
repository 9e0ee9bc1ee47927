"""The roadmap: releases by horizon (Now / Next / Later), what each addresses, and its launch.

A release on Now or Next that has not shipped and has no launch is flagged: that is the
moment outbound work should already be under way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from tandem.crud import require_version
from tandem.errors import Invalid
from tandem.inbound.release import Horizon, Release, ReleaseStatus, releases
from tandem.inbound.roadmap.timeline import TimelineRow
from tandem.loop.links import Linked, linked
from tandem.loop.models import EvidenceOpportunity, OpportunityRelease
from tandem.outbound.launch import Launch, launches
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.scope import Scope


@dataclass
class RoadmapItem:
    release: Release
    opportunities: list[Linked] = field(default_factory=list)
    evidence_count: int = 0
    launches: list[Launch] = field(default_factory=list)

    @property
    def needs_launch(self) -> bool:
        return (self.release.horizon != Horizon.later.value
                and self.release.status != ReleaseStatus.shipped.value and not self.launches)


DONE = "done"  # the lane of shipped releases, whatever their horizon


def roadmap(scope: Scope) -> dict[str, list[RoadmapItem]]:
    """Every release in its horizon column (shipped ones in Done, latest first), in the order
    people placed them, then by target date and name."""
    items = {r.id: RoadmapItem(r) for r in releases.all(scope)}
    if items:
        for rel_id, opps in linked(scope, "releases", set(items), "opportunities").items():
            items[rel_id].opportunities = opps
        backing = scope.session.execute(
            select(OpportunityRelease.release_id,
                   func.count(func.distinct(EvidenceOpportunity.evidence_id)))
            .join(EvidenceOpportunity,
                  EvidenceOpportunity.opportunity_id == OpportunityRelease.opportunity_id)
            .where(OpportunityRelease.workspace_id == scope.workspace_id)
            .group_by(OpportunityRelease.release_id)).all()
        for rel_id, count in backing:
            items[rel_id].evidence_count = int(count)
        for launch in launches.all(scope):
            items[launch.release_id].launches.append(launch)
    board: dict[str, list[RoadmapItem]] = {h.value: [] for h in Horizon}
    board[DONE] = []
    for item in items.values():
        board[_lane(item.release)].append(item)
    for column in board.values():
        column.sort(key=_column_order)
    board[DONE].sort(key=lambda i: i.release.shipped_on or date.min, reverse=True)
    return board


def _order(r: Release) -> tuple[bool, int, bool, date, str]:
    return (r.rank is None, r.rank or 0, r.target_date is None, r.target_date or date.min,
            r.name.lower())


def _column_order(item: RoadmapItem) -> tuple[bool, int, bool, date, str]:
    return _order(item.release)


def _lane(r: Release) -> str:
    return DONE if r.status == ReleaseStatus.shipped.value else r.horizon


def _open_column(scope: Scope, horizon: Horizon) -> list[Release]:
    """The unshipped releases of one column in board order (no links or launches needed)."""
    return sorted((r for r in releases.all(scope) if _lane(r) == horizon.value), key=_order)


def move(scope: Scope, release_id: int, horizon: Horizon,
         expected: int | None = None) -> Release:
    """Put a release in another horizon column (at its end)."""
    return place(scope, release_id, horizon, len(_open_column(scope, horizon)) + 1, expected)


def place(scope: Scope, release_id: int, horizon: Horizon, position: int,
          expected: int | None = None) -> Release:
    """Put a release at `position` (1 is the top) of a horizon column, moving it there first
    when it sits in another; the column is renumbered so the stored order is the one on the
    board. A shipped release sits in Done, ordered by ship date: its horizon may change (never
    to Later), but it takes no place. `expected` is the release's version the board showed:
    a reorder of its column renumbers it too, so a drop onto a column that changed since is
    refused (Stale) rather than landing somewhere the person did not see."""
    release = releases.get(scope, release_id)
    scope.require(Action.update, releases)
    require_version(release, expected, "release")
    if position < 1:
        raise Invalid("The position counts from 1, the top of the column.", "position")
    if release.horizon != horizon.value:
        body = releases.update_schema.model_validate({"horizon": horizon})
        release = releases.update(scope, release_id, body)
    if release.status == ReleaseStatus.shipped.value:
        return release
    column = [r for r in _open_column(scope, horizon) if r.id != release.id]
    column.insert(min(position, len(column) + 1) - 1, release)
    before = release.rank
    for rank, member in enumerate(column, start=1):
        member.rank = rank
    if before != release.rank:
        events.record(scope, "reordered", "releases", release.id, release.name,
                      {"rank": [before, release.rank]})
    scope.session.flush()
    return release


def timeline_rows(scope: Scope) -> list[TimelineRow]:
    """Every release as a timeline row: its lane and its ship date, or else target date."""
    return [TimelineRow(name=r.name, lane=_lane(r), version=r.version,
                        when=r.shipped_on or r.target_date) for r in releases.all(scope)]
