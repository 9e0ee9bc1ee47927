"""Shareable roadmap links: make, list and revoke them, and the board a link shows.

A shared board holds only what a release says about itself to the outside: name, version,
status, horizon and dates. Opportunities, evidence, descriptions and launches are internal
notes and never leave through a link. The link's secret is the only permission: the public
page reads the workspace's releases directly, without an actor, for exactly that reason.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tandem.accounts.models import Workspace
from tandem.errors import Invalid, NotFound
from tandem.inbound.release import Release, ReleaseStatus
from tandem.inbound.roadmap.models import RoadmapShare
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.storage.base import utcnow

TOKEN_BYTES = 24  # 32 URL-safe characters: unguessable
MAX_TOKEN = 64


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_share(scope: Scope, label: str) -> tuple[RoadmapShare, str]:
    """A new link; returns it and its secret token (shown once, never stored)."""
    scope.require(Action.update)
    label = label.strip()
    if len(label) > 100:
        raise Invalid("A label has at most 100 characters.", "label")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    share = RoadmapShare(workspace_id=scope.workspace_id, label=label,
                         token_hash=_digest(token), prefix=token[:8],
                         created_by=scope.user_id)
    scope.session.add(share)
    scope.session.flush()
    events.record(scope, "created", "roadmap-shares", share.id, label or share.prefix,
                  {"label": [None, label]})
    return share, token


def shares(scope: Scope) -> list[RoadmapShare]:
    """Every link of the workspace, newest first, revoked ones included."""
    scope.require(Action.read)
    return list(scope.session.scalars(select(RoadmapShare).where(
        RoadmapShare.workspace_id == scope.workspace_id).order_by(RoadmapShare.id.desc())))


def revoke_share(scope: Scope, share_id: int) -> RoadmapShare:
    scope.require(Action.update)
    share = scope.owned(RoadmapShare, share_id)
    if share is None:
        raise NotFound(f"No shared link {share_id} in this workspace.")
    if share.revoked_at is None:
        share.revoked_at = utcnow()
        scope.session.flush()
        events.record(scope, "updated", "roadmap-shares", share.id, share.label or share.prefix,
                      {"revoked": [False, True]})
    return share


@dataclass(frozen=True)
class SharedRelease:
    name: str
    version: str
    status: str
    target_date: date | None
    shipped_on: date | None


@dataclass(frozen=True)
class SharedBoard:
    workspace: str
    lanes: dict[str, list[SharedRelease]]


def shared_board(session: Session, token: str) -> SharedBoard:
    """The public board behind a link; NotFound for an unknown or revoked one."""
    if not token or len(token) > MAX_TOKEN:
        raise NotFound("This link does not exist or was revoked.")
    share = session.scalar(select(RoadmapShare).where(
        RoadmapShare.token_hash == _digest(token), RoadmapShare.revoked_at.is_(None)))
    if share is None:
        raise NotFound("This link does not exist or was revoked.")
    workspace = session.get(Workspace, share.workspace_id)
    assert workspace is not None
    lanes: dict[str, list[SharedRelease]] = {"now": [], "next": [], "later": [], "done": []}
    rows = session.scalars(select(Release).where(Release.workspace_id == share.workspace_id)
                           .order_by(Release.target_date, Release.name))
    for r in rows:
        lane = "done" if r.status == ReleaseStatus.shipped.value else r.horizon
        lanes[lane].append(SharedRelease(r.name, r.version, r.status, r.target_date,
                                         r.shipped_on))
    lanes["done"].sort(key=lambda r: r.shipped_on or date.min, reverse=True)
    return SharedBoard(workspace.name, lanes)
