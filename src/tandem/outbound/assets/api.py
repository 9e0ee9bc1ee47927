"""Asset routes: generate, read (Markdown or HTML), edit, approve."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.crud import require_version
from tandem.outbound.assets import service
from tandem.outbound.assets.models import Asset
from tandem.outbound.assets.schemas import (
    AssetComparison,
    AssetEdit,
    AssetGenerate,
    AssetPublic,
    AssetStatusChange,
    AssetVersionPublic,
    DiffLinePublic,
)
from tandem.outbound.messaging.models import HouseStatus
from tandem.scope import Scope

router = APIRouter(tags=["Assets"])
BASE = "/workspaces/{workspace}/assets"


def public(scope: Scope, a: Asset) -> AssetPublic:
    return AssetPublic(id=a.id, kind=a.kind, title=a.title, house_id=a.house_id,
                       release_id=a.release_id, competitor_id=a.competitor_id,
                       product_id=a.product_id, body=a.body,
                       version=a.version, status=a.status, approved_by=a.approved_by,
                       approved_at=a.approved_at, row_version=a.row_version,
                       proof_point_ids=service.claim_ids(scope, a.id))


@router.get(BASE, response_model=list[AssetPublic], summary="Every asset, newest first")
def list_assets(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                status: Annotated[HouseStatus | None, Query(
                    description="Only assets in this approval status")] = None,
                ) -> list[AssetPublic]:
    with runtime.scope(actor, workspace) as scope:
        return [public(scope, a) for a in service.all_assets(
            scope, status=status.value if status else None)]


@router.post(BASE, response_model=AssetPublic, status_code=201,
             summary="Generate an asset: a battlecard (name a competitor), release notes, a plan "
             "comparison (name a product)...")
def generate(workspace: str, body: AssetGenerate, runtime: RuntimeDep,
             actor: ActorDep) -> AssetPublic:
    with runtime.scope(actor, workspace) as scope:
        return public(scope, service.generate(scope, body))


@router.get(BASE + "/{asset_id}", response_model=AssetPublic, summary="One asset")
def get_asset(workspace: str, asset_id: int, response: Response, runtime: RuntimeDep,
              actor: ActorDep) -> AssetPublic:
    with runtime.scope(actor, workspace) as scope:
        asset = service.get(scope, asset_id)
        set_etag(response, asset)
        return public(scope, asset)


@router.get(BASE + "/{asset_id}/render",
            summary="The asset as Markdown, sanitised HTML, or PDF (format=md|html|pdf)",
            response_class=Response)
def render(workspace: str, asset_id: int, runtime: RuntimeDep, actor: ActorDep,
           format: str = Query("md", max_length=16)) -> Response:
    with runtime.scope(actor, workspace) as scope:
        content, media = service.render(service.get(scope, asset_id), format)
    return Response(content, media_type=media)


@router.get(BASE + "/{asset_id}/versions", response_model=list[AssetVersionPublic],
            summary="Every version of the asset, newest first")
def get_versions(workspace: str, asset_id: int, runtime: RuntimeDep,
                 actor: ActorDep) -> list[AssetVersionPublic]:
    with runtime.scope(actor, workspace) as scope:
        return [AssetVersionPublic.model_validate(v) for v in service.versions(scope, asset_id)]


VersionQuery = Annotated[int | None, Query(ge=1, le=1_000_000)]


@router.get(BASE + "/{asset_id}/compare", response_model=AssetComparison,
            summary="The lines that changed between two versions (default: the last edit)")
def get_comparison(workspace: str, asset_id: int, runtime: RuntimeDep, actor: ActorDep,
                   left: VersionQuery = None, right: VersionQuery = None) -> AssetComparison:
    with runtime.scope(actor, workspace) as scope:
        old, new, lines = service.compare(scope, asset_id, left, right)
        return AssetComparison(left=old.number, right=new.number,
                               lines=[DiffLinePublic.model_validate(x) for x in lines])


@router.put(BASE + "/{asset_id}/body", response_model=AssetPublic,
            summary="Save an edit as the next version (its claims are read again)",
            description="With If-Match, only if the asset is still at that row_version (412 "
            "otherwise).", responses=STALE_RESPONSES)
def edit(workspace: str, asset_id: int, body: AssetEdit, response: Response,
         version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> AssetPublic:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.get(scope, asset_id), version, "asset")
        asset = service.edit(scope, asset_id, body)
        scope.session.flush()
        set_etag(response, asset)
        return public(scope, asset)


@router.put(BASE + "/{asset_id}/status", response_model=AssetPublic,
            summary="Draft, in review, approved (records who) or retired",
            description="With If-Match, only if the asset is still at that row_version (412 "
            "otherwise).", responses=STALE_RESPONSES)
def set_status(workspace: str, asset_id: int, body: AssetStatusChange, response: Response,
               version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> AssetPublic:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.get(scope, asset_id), version, "asset")
        asset = service.set_status(scope, asset_id, body)
        scope.session.flush()
        set_etag(response, asset)
        return public(scope, asset)
