"""Packaging over REST: a product's plans, prices and features, read and replaced as one
piece, and the plan comparison as Markdown."""

from __future__ import annotations

from fastapi import APIRouter, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.crud import require_version
from tandem.market.packaging import calc, service
from tandem.market.packaging.schemas import (
    CellPublic,
    FeaturePublic,
    PackagingIn,
    PackagingPublic,
    PlanPublic,
    PricePublic,
)
from tandem.market.product import products

router = APIRouter(tags=["Packaging"])
ONE = "/workspaces/{workspace}/products/{product_id}/packaging"


def public(found: service.Packaging) -> PackagingPublic:
    plans = []
    for view in found.plans:
        facts = [service.price_facts(p) for p in view.prices]
        prices = [PricePublic(amount=p.amount, currency=p.currency, period=f.period,
                              unit=f.unit, label=calc.price_label(f), monthly=calc.monthly(f))
                  for p, f in zip(view.prices, facts, strict=True)]
        plans.append(PlanPublic(id=view.plan.id, name=view.plan.name,
                                description=view.plan.description,
                                position=view.plan.position, prices=prices))
    return PackagingPublic(
        product_id=found.product.id, product=found.product.name, plans=plans,
        features=[FeaturePublic(id=f.feature.id, name=f.feature.name,
                                position=f.feature.position,
                                cells={name: CellPublic(state=c.state, limit=c.limit)
                                       for name, c in f.cells.items()})
                  for f in found.features],
        row_version=found.product.row_version)


@router.get(ONE, response_model=PackagingPublic,
            summary="A product's plans (with price points) and features per plan")
def get_packaging(workspace: str, product_id: int, response: Response, runtime: RuntimeDep,
                  actor: ActorDep) -> PackagingPublic:
    with runtime.scope(actor, workspace) as scope:
        found = service.get(scope, product_id)
        set_etag(response, found.product)
        return public(found)


@router.put(ONE, response_model=PackagingPublic,
            summary="Replace a product's plans and features (in the order given)",
            description="Plan names differ; each feature's `cells` say, by plan name, "
            "`included`, `limit` (with `limit` text) or `not_included` (the default for a "
            "plan left out). With If-Match, only if the product is still at that row_version "
            "(412 otherwise).", responses=STALE_RESPONSES)
def put_packaging(workspace: str, product_id: int, body: PackagingIn, response: Response,
                  version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> PackagingPublic:
    with runtime.scope(actor, workspace) as scope:
        require_version(products.get(scope, product_id), version, "packaging")
        found = service.replace(scope, product_id, body)
        scope.session.flush()
        set_etag(response, found.product)
        return public(found)


@router.get(ONE + ".md", summary="The plan comparison table as Markdown",
            responses={200: {"content": {"text/markdown": {}}}})
def packaging_markdown(workspace: str, product_id: int, runtime: RuntimeDep,
                       actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        text = service.get(scope, product_id).markdown()
    return Response(text, media_type="text/markdown; charset=utf-8")
