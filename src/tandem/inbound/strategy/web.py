"""The strategy page: each product's vision and lifecycle stage, objectives with their key
results' progress, and the initiatives grouping opportunities and releases under them; and a
"Serves" panel on opportunity and release pages tracing them up to their objective."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.errors import Invalid
from tandem.inbound.opportunity import opportunities
from tandem.inbound.release import releases
from tandem.inbound.strategy import service
from tandem.inbound.strategy.calc import LifecycleStage
from tandem.platform.feature import Panel
from tandem.scope import Scope
from tandem.web.actions import act
from tandem.web.context import FormDep, form_text, workspace, ws_url
from tandem.web.render import render
from tandem.web.versions import StaleForm, form_version, values_of

router = APIRouter()
KINDS = {"opportunities", "releases"}


@router.get("/w/{slug}/strategy")
def strategy_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        return render(request, "strategy/strategy.html", {
            "current": "strategy", "strategy": service.strategy(scope),
            "stages": [s.value for s in LifecycleStage],
            "all_opportunities": opportunities.all(scope), "all_releases": releases.all(scope)})


@router.post("/w/{slug}/strategy/products/{product_id:int}/vision")
def set_vision(request: Request, slug: str, product_id: int, form: FormDep) -> Response:
    vision, stage = form_text(form, "vision"), form_text(form, "lifecycle_stage")

    def write(scope: Scope) -> None:
        if stage not in {s.value for s in LifecycleStage}:
            raise Invalid("Choose a lifecycle stage: introduction, growth, maturity or "
                          "decline.", "lifecycle_stage")
        service.set_vision(scope, product_id, vision, LifecycleStage(stage),
                           form_version(form))

    def conflict(scope: Scope) -> StaleForm:
        saved = next(p for p in service.strategy(scope).products if p.product.id == product_id)
        labels = {"vision": "Vision", "lifecycle_stage": "Lifecycle stage"}
        return StaleForm("product vision", saved.product.name, ws_url(slug, "strategy"),
                         ws_url(slug, "strategy", "products", product_id, "vision"),
                         saved.row_version, {"vision": vision, "lifecycle_stage": stage},
                         values_of(saved, list(labels)), labels)

    return act(request, slug, ws_url(slug, "strategy"), write, "Vision saved.", conflict)


def _item(raw: str) -> tuple[Any, int]:
    kind, _, number = raw.partition(":")
    if kind not in KINDS or not number.isascii() or not number.isdigit() or len(number) > 10:
        raise Invalid("Choose an opportunity or a release to add.", "item")
    return kind, int(number)


@router.post("/w/{slug}/strategy/initiatives/{initiative_id:int}/items")
def add_item(request: Request, slug: str, initiative_id: int, form: FormDep) -> Response:
    raw = form_text(form, "item")

    def add(scope: Scope) -> None:
        kind, number = _item(raw)
        service.add_item(scope, initiative_id, kind, number)

    return act(request, slug, ws_url(slug, "strategy") + f"#initiative-{initiative_id}", add,
               "Added to the initiative.")


@router.post("/w/{slug}/strategy/initiatives/{initiative_id:int}/items/remove")
def remove_item(request: Request, slug: str, initiative_id: int, form: FormDep) -> Response:
    raw = form_text(form, "item")

    def remove(scope: Scope) -> None:
        kind, number = _item(raw)
        service.remove_item(scope, initiative_id, kind, number)

    return act(request, slug, ws_url(slug, "strategy") + f"#initiative-{initiative_id}",
               remove, "Taken out of the initiative.")


def serves_panel(scope: Scope, kind: str, obj_id: int, params: Any) -> Panel | None:
    """On an opportunity's or release's page: the initiatives and objectives it serves."""
    if kind == "opportunities":
        serves = service.trace(scope, "opportunities", obj_id)
    elif kind == "releases":
        serves = service.trace(scope, "releases", obj_id)
    else:
        return None
    return Panel("strategy/_serves.html", {"serves": serves})
