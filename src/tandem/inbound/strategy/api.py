"""Strategy over the API: the tree, a product's vision and stage, grouping, tracing up.
Objectives, key results and initiatives themselves use the generic record routes."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.inbound.strategy import service
from tandem.inbound.strategy.schemas import (
    ItemAdd,
    ServesPublic,
    StrategyPublic,
    VisionPublic,
    VisionSet,
)
from tandem.schema import Id

router = APIRouter(tags=["Strategy"])
BASE = "/workspaces/{workspace}"


@router.get(BASE + "/strategy", response_model=StrategyPublic,
            summary="Products' visions, objectives with key results and initiatives")
def get_strategy(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return StrategyPublic.model_validate(service.strategy(scope))


@router.put(BASE + "/strategy/products/{product_id}/vision", response_model=VisionPublic,
            summary="Set a product's vision and lifecycle stage",
            description="With If-Match, only if the vision is still at that version (412 "
            "otherwise; a vision never saved has no version yet). The answer's ETag is its "
            "new version.", responses=STALE_RESPONSES)
def put_vision(workspace: str, product_id: Id, body: VisionSet, response: Response,
               version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        row = service.set_vision(scope, product_id, body.vision, body.lifecycle_stage,
                                 version)
        set_etag(response, row)
        return VisionPublic.model_validate(row)


@router.post(BASE + "/initiatives/{initiative_id}/items", status_code=204,
             summary="Group an opportunity or a release under an initiative")
def post_item(workspace: str, initiative_id: Id, body: ItemAdd, runtime: RuntimeDep,
              actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        service.add_item(scope, initiative_id, body.kind, body.id)
    return Response(status_code=204)


@router.delete(BASE + "/initiatives/{initiative_id}/items/{kind}/{object_id}",
               status_code=204, summary="Take an opportunity or a release out of an initiative")
def delete_item(workspace: str, initiative_id: Id, kind: Literal["opportunities", "releases"],
                object_id: Id, runtime: RuntimeDep, actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        service.remove_item(scope, initiative_id, kind, object_id)
    return Response(status_code=204)


@router.get(BASE + "/strategy/trace/{kind}/{object_id}", response_model=list[ServesPublic],
            summary="The initiatives and objectives an opportunity or release serves")
def get_trace(workspace: str, kind: Literal["opportunities", "releases"], object_id: Id,
              runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [ServesPublic.model_validate(s) for s in service.trace(scope, kind, object_id)]
