"""GET the roadmap board: releases by horizon with what each addresses and its launch."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.inbound.release import Horizon
from tandem.inbound.roadmap import share, timeline
from tandem.inbound.roadmap.models import RoadmapShare
from tandem.inbound.roadmap.schemas import RoadmapItemPublic
from tandem.inbound.roadmap.service import place, roadmap, timeline_rows
from tandem.market.chartkit import FORMATS
from tandem.schema import Id, Strict

router = APIRouter()


@router.get("/workspaces/{workspace}/roadmap", tags=["loop"],
            response_model=dict[str, list[RoadmapItemPublic]],  # type: ignore[valid-type]
            summary="Releases by horizon (now, next, later) with what they address")
def get_roadmap(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return {horizon: [RoadmapItemPublic.model_validate(item) for item in items]
                for horizon, items in roadmap(scope).items()}


class Placement(Strict):
    horizon: Horizon = Field(description="The column: now, next or later")
    position: int = Field(ge=1, le=10_000, description="Place in the column, 1 is the top")


@router.post("/workspaces/{workspace}/roadmap/{release_id}/place", tags=["loop"],
             response_model=dict[str, list[RoadmapItemPublic]],  # type: ignore[valid-type]
             summary="Move a release to a column and a place in it; answers with the board")
def post_place(workspace: str, release_id: Id, body: Placement, runtime: RuntimeDep,
               actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        place(scope, release_id, body.horizon, body.position)
        return {horizon: [RoadmapItemPublic.model_validate(item) for item in items]
                for horizon, items in roadmap(scope).items()}


@router.get("/workspaces/{workspace}/roadmap/timeline.{fmt}", tags=["loop"],
            summary="The roadmap as a timeline by month, as SVG, PNG or PDF",
            responses={200: {"content": {"image/svg+xml": {}, "image/png": {},
                                         "application/pdf": {}}}})
def get_timeline(workspace: str, fmt: Literal["svg", "png", "pdf"], runtime: RuntimeDep,
                 actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        rows = timeline_rows(scope)
    return Response(timeline.render(rows, fmt, date.today()), media_type=FORMATS[fmt],
                    headers={"Content-Disposition":
                             f'attachment; filename="roadmap-timeline.{fmt}"'})


class ShareCreate(Strict):
    label: str = Field(default="", max_length=100, description="Who the link is for")


class SharePublic(BaseModel):
    id: int
    label: str
    prefix: str
    revoked: bool
    url: str | None = Field(default=None, description="The full link: only when just made")


def _public(row: RoadmapShare, token: str | None = None) -> SharePublic:
    return SharePublic(id=row.id, label=row.label, prefix=row.prefix,
                       revoked=row.revoked_at is not None,
                       url=f"/share/roadmap/{token}" if token else None)


@router.post("/workspaces/{workspace}/roadmap/shares", response_model=SharePublic,
             status_code=201, tags=["loop"],
             summary="Make a read-only link to the roadmap (its URL is shown only now)")
def post_share(workspace: str, body: ShareCreate, runtime: RuntimeDep,
               actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        row, token = share.create_share(scope, body.label)
        return _public(row, token)


@router.get("/workspaces/{workspace}/roadmap/shares", response_model=list[SharePublic],
            tags=["loop"], summary="The roadmap's read-only links, revoked ones included")
def get_shares(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [_public(row) for row in share.shares(scope)]


@router.delete("/workspaces/{workspace}/roadmap/shares/{share_id}", response_model=SharePublic,
               tags=["loop"], summary="Revoke a read-only link: it stops working at once")
def delete_share(workspace: str, share_id: Id, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return _public(share.revoke_share(scope, share_id))
