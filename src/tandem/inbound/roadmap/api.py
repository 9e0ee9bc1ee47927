"""GET the roadmap board: releases by horizon with what each addresses and its launch."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.inbound.roadmap.schemas import RoadmapItemPublic
from tandem.inbound.roadmap.service import roadmap

router = APIRouter()


@router.get("/workspaces/{workspace}/roadmap", tags=["loop"],
            response_model=dict[str, list[RoadmapItemPublic]],  # type: ignore[valid-type]
            summary="Releases by horizon (now, next, later) with what they address")
def get_roadmap(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return {horizon: [RoadmapItemPublic.model_validate(item) for item in items]
                for horizon, items in roadmap(scope).items()}
