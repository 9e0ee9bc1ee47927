"""Market sizing pages: the models, one model's figures, chart and formulas, and the form
that edits its inputs (low, base, high and a source for each) and its tier names."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.crud import require_version
from tandem.errors import Invalid, Stale
from tandem.market.chartkit import FORMATS
from tandem.market.product import products
from tandem.market.segment import segments
from tandem.market.sizing import calc, service
from tandem.market.sizing.schemas import SizingCreate, SizingUpdate
from tandem.schema import friendly_error
from tandem.scope import Scope
from tandem.web.actions import act
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.render import render
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_values, form_version, stale_removal

router = APIRouter()
EXPORTS = {"md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"}
TEXT_FIELDS = ("name", "currency", "horizon", "assumptions", "segment_id", "product_id")


def _method(raw: str) -> calc.Method:
    try:
        return calc.Method(raw)
    except ValueError:
        raise Invalid("Choose top-down or bottom-up.", "method") from None


@router.get("/w/{slug}/sizing")
def models_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        rows = []
        for model in service.list_models(scope):
            result = service.figures(model)
            rows.append((model, result.scenarios["base"], service.about(scope, model)))
        return render(request, "sizing/models.html", {
            "current": "sizing", "rows": rows, "labels": calc.METHOD_LABELS,
            "compact": calc.compact, "money": calc.Unit.money})


def _values_of(model: Any) -> dict[str, str]:
    values = {f: "" if getattr(model, f) is None else str(getattr(model, f))
              for f in TEXT_FIELDS}
    for tier in calc.TIERS:
        values[f"tier_{tier}"] = model.tier_names.get(tier, calc.DEFAULT_TIER_NAMES[tier])
    for key, estimate in model.inputs.items():
        for part in (*calc.SCENARIOS, "note"):
            value = estimate.get(part, "")
            values[f"{key}_{part}"] = (calc.editable(float(value))
                                       if isinstance(value, float | int) else value)
    return values


def _form_page(request: Request, slug: str, method: calc.Method, values: dict[str, str],
               errors: dict[str, str], model_id: int | None = None,
               status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        return render(request, "sizing/form.html", {
            "current": "sizing", "method": method, "label": calc.METHOD_LABELS[method],
            "inputs": calc.INPUTS[method], "values": values, "errors": errors,
            "model_id": model_id, "segments": segments.all(scope),
            "products": products.all(scope), "scenarios": calc.SCENARIOS,
            "tiers": calc.TIERS}, status=status)


@router.get("/w/{slug}/sizing/new")
def new_form(request: Request, slug: str, method: str = "top_down") -> Response:
    chosen = calc.Method(method) if method in set(calc.Method) else calc.Method.top_down
    values = {f"tier_{t}": calc.DEFAULT_TIER_NAMES[t] for t in calc.TIERS}
    return _form_page(request, slug, chosen, values, {})


def _body(form: FormData, method: calc.Method) -> tuple[dict[str, Any], dict[str, str]]:
    """The model the form describes, and an error per field that is not a number."""
    errors: dict[str, str] = {}
    data: dict[str, Any] = {f: form_text(form, f).strip() for f in
                            ("name", "currency", "horizon", "assumptions")}
    for ref in ("segment_id", "product_id"):
        raw = form_text(form, ref)
        data[ref] = int(raw) if raw.isdigit() else None
    data["tier_names"] = {t: form_text(form, f"tier_{t}").strip() or
                          calc.DEFAULT_TIER_NAMES[t] for t in calc.TIERS}
    inputs: dict[str, dict[str, Any]] = {}
    for item in calc.INPUTS[method]:
        estimate: dict[str, Any] = {"note": form_text(form, f"{item.key}_note")[:1000]}
        for scenario in calc.SCENARIOS:
            name = f"{item.key}_{scenario}"
            try:
                estimate[scenario] = calc.parse_amount(form_text(form, name))
            except ValueError as exc:
                errors[name] = f"{item.label} ({scenario}) {exc}."
        inputs[item.key] = estimate
    data["inputs"] = inputs
    return data, errors


def _field_of(error: Invalid | ValidationError) -> tuple[str, str]:
    if isinstance(error, Invalid):
        field = error.field or "name"
        if field in {i.key for m in calc.INPUTS.values() for i in m}:
            field = f"{field}_base"
        return field.replace(".", "_"), error.message
    first = error.errors()[0]
    loc = [str(p) for p in first["loc"]]
    field = "_".join(loc[1:] if loc[0] in ("inputs", "tier_names") else loc)
    if loc[0] == "tier_names":
        field = f"tier_{field}"
    return field, friendly_error(first, loc[-1])


@router.post("/w/{slug}/sizing")
def create(request: Request, slug: str, form: FormDep) -> Response:
    try:
        method = _method(form_text(form, "method"))
    except Invalid as exc:
        return redirect_with(request, ws_url(slug, "sizing"), exc.message, "error")
    data, errors = _body(form, method)
    values = {k: form_text(form, k) for k in form}
    if not errors:
        try:
            body = SizingCreate.model_validate({**data, "method": method})
            with workspace(request, slug) as scope:
                model_id = service.create(scope, body).id
            return redirect_with(request, ws_url(slug, "sizing", model_id), "Market sized.")
        except (Invalid, ValidationError) as exc:
            errors = dict([_field_of(exc)])
    return _form_page(request, slug, method, values, errors, status=422)


@router.get("/w/{slug}/sizing/{model_id:int}")
def model_page(request: Request, slug: str, model_id: int) -> Response:
    with workspace(request, slug) as scope:
        model = service.get(scope, model_id)
        method = calc.Method(model.method)
        return render(request, "sizing/model.html", {
            "current": "sizing", "model": model, "result": service.figures(model),
            "label": calc.METHOD_LABELS[method], "inputs": calc.INPUTS[method],
            "scenarios": calc.SCENARIOS, "about": service.about(scope, model),
            "compact": calc.compact, "money": calc.Unit.money})


@router.get("/w/{slug}/sizing/{model_id:int}/edit")
def edit_form(request: Request, slug: str, model_id: int) -> Response:
    with workspace(request, slug) as scope:
        model = service.get(scope, model_id)
        method, values = calc.Method(model.method), _values_of(model)
        values["_version"] = str(model.row_version)
    return _form_page(request, slug, method, values, {}, model_id)


@router.post("/w/{slug}/sizing/{model_id:int}/edit")
def update(request: Request, slug: str, model_id: int, form: FormDep) -> Response:
    with workspace(request, slug) as scope:
        method = calc.Method(service.get(scope, model_id).method)
    data, errors = _body(form, method)
    if not errors:
        try:
            body = SizingUpdate.model_validate(data)
            with workspace(request, slug) as scope:
                require_version(service.get(scope, model_id), form_version(form),
                                "sizing model")
                service.update(scope, model_id, body)
            return redirect_with(request, ws_url(slug, "sizing", model_id), "Saved.")
        except Stale:
            with workspace(request, slug) as scope:
                model = service.get(scope, model_id)
                theirs = _values_of(model)
                return stale_page(request, StaleForm(
                    "sizing model", model.name, ws_url(slug, "sizing", model_id),
                    ws_url(slug, "sizing", model_id, "edit"), model.row_version,
                    form_values(form), theirs,
                    {n: n.replace("_", " ").capitalize() for n in theirs}))
        except (Invalid, ValidationError) as exc:
            errors = dict([_field_of(exc)])
    values = {k: form_text(form, k) for k in form}
    return _form_page(request, slug, method, values, errors, model_id, status=422)


@router.post("/w/{slug}/sizing/{model_id:int}/delete")
def delete(request: Request, slug: str, model_id: int, form: FormDep) -> Response:
    """Delete a model as it was shown: the button carries its version (409, the model as
    it is now, when someone changed it since the page was loaded)."""
    seen = form_version(form)

    def run(scope: Scope) -> str:
        name = service.get(scope, model_id).name
        service.delete(scope, model_id, seen)
        return f"Deleted '{name}'."

    def conflict(scope: Scope) -> StaleForm:
        model = service.get(scope, model_id)
        return stale_removal("sizing model", model.name, ws_url(slug, "sizing", model_id),
                             ws_url(slug, "sizing", model_id, "delete"), model.row_version,
                             seen, {"Name": model.name, "Currency": model.currency,
                                    "Horizon": model.horizon,
                                    "Assumptions": model.assumptions})

    return act(request, slug, ws_url(slug, "sizing", model_id), run, str, conflict)


def _filename(scope: Scope, model_id: int, ext: str) -> str:
    name = service.get(scope, model_id).name[:60]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", f"{name}.{ext}")


@router.get("/w/{slug}/sizing/{model_id:int}/export.{fmt}")
def export(request: Request, slug: str, model_id: int, fmt: str) -> Response:
    with workspace(request, slug) as scope:
        text = service.export(scope, service.get(scope, model_id), fmt)
        name = _filename(scope, model_id, fmt)
    return Response(text, media_type=EXPORTS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/w/{slug}/sizing/{model_id:int}/chart.{fmt}")
def chart(request: Request, slug: str, model_id: int, fmt: str) -> Response:
    with workspace(request, slug) as scope:
        data = service.chart(service.get(scope, model_id), fmt)
        name = _filename(scope, model_id, fmt)
    headers = {"Cache-Control": "private, max-age=60",
               "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"}
    if request.query_params.get("download") == "1":
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(data, media_type=FORMATS[fmt], headers=headers)
