"""GET the roadmap board: releases by horizon with what each addresses and its launch."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.inbound.roadmap import share
from tandem.inbound.roadmap.models import RoadmapShare
from tandem.inbound.roadmap.schemas import RoadmapItemPublic
from tandem.inbound.roadmap.service import roadmap
from tandem.schema import Id, Strict

router = APIRouter()


@router.get("/workspaces/{workspace}/roadmap", tags=["loop"],
            response_model=dict[str, list[RoadmapItemPublic]],  # type: ignore[valid-type]
            summary="Releases by horizon (now, next, later) with what they address")
def get_roadmap(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return {horizon: [RoadmapItemPublic.model_validate(item) for item in items]
                for horizon, items in roadmap(scope).items()}


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
