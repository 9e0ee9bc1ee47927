"""The roadmap: releases by horizon (Now / Next / Later), what each addresses, and its launch.

A release on Now or Next that has not shipped and has no launch is flagged: that is the
moment outbound work should already be under way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from tandem.inbound.release import Horizon, Release, ReleaseStatus, releases
from tandem.loop.links import Linked, linked
from tandem.loop.models import EvidenceOpportunity, OpportunityRelease
from tandem.outbound.launch import Launch, launches
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
    """Every release in its horizon column (shipped ones in Done, latest first), ordered by
    target date then name."""
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
        shipped = item.release.status == ReleaseStatus.shipped.value
        board[DONE if shipped else item.release.horizon].append(item)
    for column in board.values():
        column.sort(key=lambda i: (i.release.target_date is None, i.release.target_date,
                                   i.release.name.lower()))
    board[DONE].sort(key=lambda i: i.release.shipped_on or date.min, reverse=True)
    return board


def move(scope: Scope, release_id: int, horizon: Horizon) -> Release:
    """Put a release in another horizon column."""
    body = releases.update_schema.model_validate({"horizon": horizon})
    return releases.update(scope, release_id, body)
