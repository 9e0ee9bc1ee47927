"""The packaging pages: every product's plans at a glance, and one product's plan
comparison with its editable grid (plans across, features down)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.crud import require_version
from tandem.errors import Invalid, Stale
from tandem.market.packaging import calc, service
from tandem.market.packaging.models import BillingPeriod, FeatureState, PriceUnit
from tandem.market.packaging.schemas import MAX_FEATURES, MAX_PLANS, PackagingIn
from tandem.market.product import products
from tandem.outbound.assets import service as assets
from tandem.outbound.assets.models import AssetKind
from tandem.platform.feature import Panel
from tandem.platform.policy import Action
from tandem.schema import friendly_error, whole_number
from tandem.scope import Scope
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.render import humanize, render

router = APIRouter()
PERIOD_WORDS = {"monthly": "month", "annual": "year", "one_off": "one-off"}
UNIT_WORDS = {"per_seat": "per seat", "flat": "flat"}
PRICE_SLOTS = 2  # price points per plan in the form (the API takes up to 4)
BLANK_FEATURES = 3


def _grid(packaging: service.Packaging) -> dict[str, Any]:
    """The form's values from what is stored."""
    plans = [{"name": v.plan.name, "description": v.plan.description,
              "prices": [{"amount": calc.amount_text(p.amount).replace(",", ""),
                          "currency": p.currency, "period": p.period, "unit": p.unit}
                         for p in v.prices]} for v in packaging.plans]
    features = [{"name": f.feature.name, "cells": [
        {"state": f.cells[v.plan.name].state.value if v.plan.name in f.cells
         else FeatureState.not_included.value,
         "limit": f.cells[v.plan.name].limit if v.plan.name in f.cells else ""}
        for v in packaging.plans]} for f in packaging.features]
    return {"plans": plans, "features": features}


def _padded(grid: dict[str, Any]) -> dict[str, Any]:
    """Room to add: one more plan column (up to the maximum), price slots, feature rows."""
    plans = [dict(p) for p in grid["plans"]]
    if len(plans) < MAX_PLANS:
        plans.append({"name": "", "description": "", "prices": []})
    for plan in plans:
        prices = list(plan["prices"])[:PRICE_SLOTS]
        prices += [{"amount": "", "currency": "", "period": "monthly", "unit": "flat"}] * (
            PRICE_SLOTS - len(prices))
        plan["prices"] = prices
    blank_cell = {"state": FeatureState.included.value, "limit": ""}
    features = []
    for feature in grid["features"]:
        cells = list(feature["cells"])[:len(plans)]
        cells += [blank_cell] * (len(plans) - len(cells))
        features.append({"name": feature["name"], "cells": cells})
    room = min(BLANK_FEATURES, MAX_FEATURES - len(features))
    features += [{"name": "", "cells": [blank_cell] * len(plans)}] * max(room, 0)
    return {"plans": plans, "features": features}


def _from_form(form: FormData) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the grid as typed, for showing again; the request body it makes). Blank plans,
    prices and features are left out; order follows the "order" boxes, then the columns."""
    plans: list[tuple[int, int, dict[str, Any]]] = []
    for i in range(MAX_PLANS + 1):
        name = form_text(form, f"p{i}_name").strip()
        prices = [{"amount": form_text(form, f"p{i}_a{j}").strip(),
                   "currency": form_text(form, f"p{i}_c{j}").strip(),
                   "period": form_text(form, f"p{i}_per{j}") or "monthly",
                   "unit": form_text(form, f"p{i}_u{j}") or "flat"}
                  for j in range(PRICE_SLOTS)]
        order = whole_number(form_text(form, f"p{i}_order").strip(), 0, 999)
        plans.append((order if order is not None else i + 1, i, {
            "name": name, "description": form_text(form, f"p{i}_desc").strip(),
            "prices": prices}))
    features: list[tuple[int, int, dict[str, Any]]] = []
    for r in range(MAX_FEATURES + BLANK_FEATURES):
        name = form_text(form, f"f{r}_name").strip()
        if not name and not form_text(form, f"f{r}_order"):
            continue
        cells = [{"state": form_text(form, f"f{r}_s{i}") or "not_included",
                  "limit": form_text(form, f"f{r}_l{i}").strip()}
                 for i in range(MAX_PLANS + 1)]
        order = whole_number(form_text(form, f"f{r}_order").strip(), 0, 999)
        features.append((order if order is not None else r + 1, r,
                         {"name": name, "cells": cells}))
    plans.sort(key=lambda t: (t[0], t[1]))
    features.sort(key=lambda t: (t[0], t[1]))
    kept = [(i, p) for _, i, p in plans if p["name"]]
    body = {
        "plans": [{"name": p["name"], "description": p["description"], "prices": [
            {"amount": x["amount"].replace(",", ""), "currency": x["currency"],
             "period": x["period"], "unit": x["unit"]}
            for x in p["prices"] if x["amount"]]} for _, p in kept],
        "features": [{"name": f["name"], "cells": {
            p["name"]: {"state": f["cells"][i]["state"], "limit": f["cells"][i]["limit"]}
            for i, p in kept if f["cells"][i]["state"] != "not_included"}}
            for _, _, f in features if f["name"]]}
    shown = {"plans": [p for _, p in kept], "features": [
        {"name": f["name"], "cells": [f["cells"][i] for i, _ in kept]}
        for _, _, f in features if f["name"]]}
    return shown, body


def _page(request: Request, slug: str, product_id: int, grid: dict[str, Any] | None = None,
          error: str = "", status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        packaging = service.get(scope, product_id)
        plans, features = packaging.facts()
        found = [a for a in assets.all_assets(scope)
                 if a.kind == AssetKind.plan_comparison.value and a.product_id == product_id]
        return render(request, "packaging/packaging.html", {
            "current": "packaging", "packaging": packaging, "plans": plans,
            "rows": calc.rows(plans, features), "price_label": calc.price_label,
            "discount": calc.annual_discount,
            "grid": _padded(grid if grid is not None else _grid(packaging)),
            "error": error, "version": packaging.product.row_version, "assets": found,
            "can_edit": scope.can(Action.update, products),
            "periods": [(p.value, PERIOD_WORDS[p.value]) for p in BillingPeriod],
            "units": [(u.value, UNIT_WORDS[u.value]) for u in PriceUnit],
            "states": [(s.value, humanize(s.value)) for s in FeatureState],
            "max_plans": MAX_PLANS}, status=status)


@router.get("/w/{slug}/packaging")
def index(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        found = service.all_products(scope)
        return render(request, "packaging/index.html", {
            "current": "packaging", "found": found, "price_label": calc.price_label})


@router.get("/w/{slug}/products/{product_id:int}/packaging")
def packaging_page(request: Request, slug: str, product_id: int) -> Response:
    return _page(request, slug, product_id)


@router.post("/w/{slug}/products/{product_id:int}/packaging")
def save(request: Request, slug: str, product_id: int, form: FormDep) -> Response:
    shown, body = _from_form(form)
    version = whole_number(form_text(form, "_version"), 1)
    try:
        checked = PackagingIn.model_validate(body)
        with workspace(request, slug) as scope:
            require_version(products.get(scope, product_id), version, "packaging")
            service.replace(scope, product_id, checked)
    except ValidationError as exc:
        first = exc.errors()[0]
        return _page(request, slug, product_id, shown, _where(first["loc"], body) + ": " +
                     friendly_error(first, "it"), 422)
    except (Invalid, Stale) as exc:
        return _page(request, slug, product_id, shown, exc.message, 422 if isinstance(
            exc, Invalid) else 409)
    return redirect_with(request, ws_url(slug, "products", product_id, "packaging"),
                         "Saved the packaging.")


def _where(loc: tuple[Any, ...] | list[Any], body: Mapping[str, Any]) -> str:
    """A validation error's place in words: plans.1.prices.0.currency -> "Plan 'Pro',
    price 1, currency"."""
    parts = [str(p) for p in loc]
    if len(parts) >= 2 and parts[0] in ("plans", "features") and parts[1].isdigit():
        item = body[parts[0]][int(parts[1])]
        words = [f"{'Plan' if parts[0] == 'plans' else 'Feature'} '{item['name'][:60]}'"]
        if len(parts) >= 4 and parts[2] == "prices" and parts[3].isdigit():
            words.append(f"price {int(parts[3]) + 1}")
            parts = parts[4:]
        else:
            parts = parts[2:]
        words += [humanize(p) for p in parts if not p.isdigit()][:1]
        return ", ".join(words)
    return humanize(parts[0]) if parts else "Packaging"


def packaging_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                    ) -> Panel | None:
    """On a product's page: its plans and prices, and the way to the packaging page."""
    if kind != "products":
        return None
    packaging = service.get(scope, obj_id)
    return Panel("packaging/_panel.html", {"pack": {
        "plans": [p.facts() for p in packaging.plans], "features": len(packaging.features),
        "price_label": calc.price_label, "product_id": obj_id}})


@router.get("/w/{slug}/products/{product_id:int}/packaging.md")
def download(request: Request, slug: str, product_id: int) -> Response:
    with workspace(request, slug) as scope:
        scope.require(Action.export)
        text = service.get(scope, product_id).markdown()
    return Response(text, media_type="text/markdown; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="plans-{product_id}.md"'})
