"""Driver and navigator by lifecycle phase over the API."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Path

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.roles.phases import service
from tandem.roles.phases.schemas import LifecyclePublic, OwnersBody, PhaseBody
from tandem.schema import MAX_ID

router = APIRouter(tags=["roles"])
ProductId = Annotated[int, Path(ge=1, le=MAX_ID)]


def public(life: service.Lifecycle, handed_over: int = 0) -> LifecyclePublic:
    return LifecyclePublic(**asdict(life), handed_over=handed_over)


@router.get("/workspaces/{workspace}/lifecycles", response_model=list[LifecyclePublic],
            summary="Every product's phase, drivers and navigators")
def get_all(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [public(life) for life in service.lifecycles(scope)]


@router.get("/workspaces/{workspace}/products/{product_id}/lifecycle",
            response_model=LifecyclePublic,
            summary="A product's phase, who drives and navigates each phase, and who new "
            "work goes to")
def get_one(workspace: str, product_id: ProductId, runtime: RuntimeDep,
            actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return public(service.lifecycle(scope, product_id))


@router.put("/workspaces/{workspace}/products/{product_id}/lifecycle/phase",
            response_model=LifecyclePublic,
            summary="Move the product to a phase (recorded; the default owners move)")
def put_phase(workspace: str, product_id: ProductId, body: PhaseBody, runtime: RuntimeDep,
              actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        life, moved = service.set_phase(scope, product_id, body.phase.value)
        return public(life, moved)


@router.put("/workspaces/{workspace}/products/{product_id}/lifecycle/owners",
            response_model=LifecyclePublic,
            summary="Name the driver and navigator of one phase")
def put_owners(workspace: str, product_id: ProductId, body: OwnersBody, runtime: RuntimeDep,
               actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return public(service.set_owners(scope, product_id, body.phase.value, body.driver_id,
                                         body.navigator_id))
