"""Market sizing over REST: models with named inputs, their figures, exports and chart."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.crud import require_version
from tandem.market.chartkit import FORMATS
from tandem.market.sizing import calc, service
from tandem.market.sizing.models import SizingModel
from tandem.market.sizing.schemas import (
    FigureOut,
    InputOut,
    SizingCreate,
    SizingPublic,
    SizingUpdate,
    SizingWithFigures,
)
from tandem.schema import MAX_ID

router = APIRouter(tags=["Market sizing"])
BASE = "/workspaces/{workspace}/sizing"
EXPORTS = {"md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def full(model: SizingModel) -> SizingWithFigures:
    result = service.figures(model)
    method = calc.Method(model.method)
    inputs = [InputOut(key=s.key, label=s.label, unit=s.unit.value, help=s.help,
                       **model.inputs[s.key] | {"note": model.inputs[s.key].get("note", "")})
              for s in calc.INPUTS[method]]
    scenarios = {name: [FigureOut(tier=f.tier, name=f.name, value=round(f.value, 2),
                                  formula=f.formula) for f in figures]
                 for name, figures in result.scenarios.items()}
    return SizingWithFigures(**SizingPublic.model_validate(model).model_dump(),
                             inputs=inputs, scenarios=scenarios)


@router.get(BASE, response_model=list[SizingPublic], summary="Sizing models, by name")
def list_models(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                segment_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [SizingPublic.model_validate(m) for m in service.list_models(scope, segment_id)]


@router.post(BASE, response_model=SizingWithFigures, status_code=201,
             summary="Size a market: top-down or bottom-up, low / base / high",
             description="Top-down inputs: industry_total, relevant_share, geography_share, "
             "icp_share, achievable_share. Bottom-up: accounts, seats, price, "
             "serviceable_share, adoption. Shares are percentages (0-100).")
def create_model(workspace: str, body: SizingCreate, runtime: RuntimeDep,
                 actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return full(service.create(scope, body))


@router.get(BASE + "/{model_id}", response_model=SizingWithFigures,
            summary="A sizing model with every figure and the formula behind it")
def get_model(workspace: str, model_id: int, response: Response, runtime: RuntimeDep,
              actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        model = service.get(scope, model_id)
        set_etag(response, model)
        return full(model)


@router.patch(BASE + "/{model_id}", response_model=SizingWithFigures,
              summary="Change inputs, tier names or anything else of a model",
              description="Changes only the fields sent; with If-Match, only if the model "
              "is still at that version (412 otherwise).", responses=STALE_RESPONSES)
def update_model(workspace: str, model_id: int, body: SizingUpdate, response: Response,
                 version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.get(scope, model_id), version, "sizing model")
        model = service.update(scope, model_id, body)
        scope.session.flush()
        set_etag(response, model)
        return full(model)


@router.delete(BASE + "/{model_id}", status_code=204, summary="Delete a sizing model",
               responses=STALE_RESPONSES)
def delete_model(workspace: str, model_id: int, version: IfMatch, runtime: RuntimeDep,
                 actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.get(scope, model_id), version, "sizing model")
        service.delete(scope, model_id)
    return Response(status_code=204)


@router.get(BASE + "/{model_id}/export.{fmt}", summary="The model as Markdown or CSV",
            responses={200: {"content": {"text/markdown": {}, "text/csv": {}}}})
def export_model(workspace: str, model_id: int, fmt: Literal["md", "csv"], runtime: RuntimeDep,
                 actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        text = service.export(scope, service.get(scope, model_id), fmt)
    return Response(text, media_type=EXPORTS[fmt])


@router.get(BASE + "/{model_id}/chart.{fmt}", summary="The model's chart as SVG or PNG",
            responses={200: {"content": {"image/svg+xml": {}, "image/png": {}}}})
def model_chart(workspace: str, model_id: int, fmt: Literal["svg", "png"], runtime: RuntimeDep,
                actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        data = service.chart(service.get(scope, model_id), fmt)
    return Response(data, media_type=FORMATS[fmt])
