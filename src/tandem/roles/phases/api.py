"""Driver and navigator by lifecycle phase over the API."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_content_etag
from tandem.crud import require_content
from tandem.roles.phases import service
from tandem.roles.phases.schemas import LifecyclePublic, OwnersBody, PhaseBody
from tandem.schema import MAX_ID
from tandem.scope import Scope

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
def get_one(workspace: str, product_id: ProductId, response: Response, runtime: RuntimeDep,
            actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return _tagged(service.lifecycle(scope, product_id), response)


# One ETag for the whole lifecycle (its phase and every phase's owners): a checksum of what
# GET shows, so either PUT with If-Match refuses a write made from an older read.
LIFECYCLE_STALE = ("With If-Match (the lifecycle's ETag), only if it is unchanged since "
                   "that read (412 otherwise).")


def _tagged(life: service.Lifecycle, response: Response, handed_over: int = 0
            ) -> LifecyclePublic:
    set_content_etag(response, asdict(life))
    return public(life, handed_over)


def _unchanged(scope: Scope, product_id: int, version: int | None) -> None:
    require_content(scope, lambda: asdict(service.lifecycle(scope, product_id)), version,
                    "product's lifecycle")


@router.put("/workspaces/{workspace}/products/{product_id}/lifecycle/phase",
            response_model=LifecyclePublic,
            summary="Move the product to a phase (recorded; the default owners move)",
            description=LIFECYCLE_STALE, responses=STALE_RESPONSES)
def put_phase(workspace: str, product_id: ProductId, body: PhaseBody, response: Response,
              version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        _unchanged(scope, product_id, version)
        life, moved = service.set_phase(scope, product_id, body.phase.value)
        return _tagged(life, response, moved)


@router.put("/workspaces/{workspace}/products/{product_id}/lifecycle/owners",
            response_model=LifecyclePublic,
            summary="Name the driver and navigator of one phase",
            description=LIFECYCLE_STALE, responses=STALE_RESPONSES)
def put_owners(workspace: str, product_id: ProductId, body: OwnersBody, response: Response,
               version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        _unchanged(scope, product_id, version)
        return _tagged(service.set_owners(scope, product_id, body.phase.value, body.driver_id,
                                          body.navigator_id), response)
