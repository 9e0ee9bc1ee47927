"""The prioritisation page: opportunities ranked by a scoring model, with the
value-versus-effort chart, the default model and the importance weights."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import Response

from tandem.crud import content_version, require_content
from tandem.errors import Stale, TandemError
from tandem.inbound.opportunity import OpportunityStatus
from tandem.inbound.scoring import service
from tandem.inbound.scoring.chart import Point, value_effort_svg
from tandem.inbound.scoring.schemas import METHOD_LABELS, WeightsBody, weights_public
from tandem.registry import RESOURCES
from tandem.schema import MAX_ID, whole_number
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.pager import query_int
from tandem.web.render import render
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_version

router = APIRouter()

_AXES = {"rice": ("Value (reach x impact x confidence)", "Effort (person-months)"),
         "wsjf": ("Cost of delay", "Job size")}
_HEADINGS = (("rank", "#"), ("title", "Opportunity"), ("status", "Status"),
             ("evidence", "Evidence"), ("customers", "Customers"), ("arr", "ARR"),
             ("importance", "Importance"), ("demand", "Demand"), ("effort", "Effort"),
             ("owner", "Owner"), ("score", "Score"))


def _chart(rows: list[service.Row], method: str, slug: str) -> str:
    value_label, effort_label = _AXES.get(method, ("Score", "Effort (person-months)"))
    points = [Point(r.opportunity.title, r.effort, r.value,
                    ws_url(slug, "opportunities", r.opportunity.id))
              for r in rows if r.value is not None and r.effort is not None]
    return value_effort_svg(points, value_label, effort_label)


@router.get("/w/{slug}/prioritise")
def prioritise_page(request: Request, slug: str) -> Response:
    sort = request.query_params.get("sort", "score")
    status = request.query_params.get("status") or None
    raw_model = request.query_params.get("model")
    model_id = query_int(raw_model, 0, 0, MAX_ID) or None
    owner = whole_number((request.query_params.get("owner") or "")[:20], 0, MAX_ID)
    with workspace(request, slug) as scope:
        models = service.scoring_models.all(scope)
        weights = service.weights(scope)
        context: dict[str, Any] = {
            "current": "prioritise", "models": models, "fields": service.FIELDS,
            "method_labels": METHOD_LABELS, "weights": weights,
            "weights_version": _weights_version(weights),
            "statuses": [s.value for s in OpportunityStatus], "status": status or "",
            "sort": sort if sort in service.SORTS else "score", "headings": _HEADINGS,
            "owner": owner, "owners": [(p.id, p.name) for p in RESOURCES["people"].all(scope)],
        }
        if models:
            try:
                chosen = service.chosen_model(scope, model_id)
                rows = service.rank(scope, chosen, context["sort"], status, owner)
            except TandemError as exc:
                if exc.status == 404:
                    raise
                return redirect_with(request, ws_url(slug, "prioritise"), exc.message, "error")
            context.update(model=chosen, rows=rows, chart=_chart(rows, chosen.method, slug),
                           unscored=[r for r in rows if r.score is None])
        return render(request, "scoring/prioritise.html", context)


@router.post("/w/{slug}/prioritise/standard")
def add_standard(request: Request, slug: str) -> Response:
    """No version: it only creates the built-in models the workspace lacks (by name)."""
    with workspace(request, slug) as scope:
        made = service.add_standard_models(scope)
    names = ", ".join(m.name for m in made) or "nothing new"
    return redirect_with(request, ws_url(slug, "prioritise"), f"Added {names}.")


@router.post("/w/{slug}/prioritise/default")
def set_default(request: Request, slug: str, form: FormDep) -> Response:
    """Make a model the default: the button carries the model's version (409 when someone
    changed the model since the page was loaded)."""
    raw = form_text(form, "model")
    back = ws_url(slug, "prioritise")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        return redirect_with(request, back, "Pick a scoring model.", "error")
    try:
        with workspace(request, slug) as scope:
            chosen = service.make_default(scope, int(raw), form_version(form))
            name, model_id = chosen.name, chosen.id
    except Stale:
        with workspace(request, slug) as scope:
            now = service.scoring_models.get(scope, int(raw))
            return stale_page(request, StaleForm(
                "scoring model", now.name, f"{back}?model={now.id}",
                ws_url(slug, "prioritise", "default"), now.row_version,
                {"is_default": "Default"},
                {"is_default": "Default" if now.is_default else "Not the default"},
                {"is_default": "Default"},
                [("model", raw)]))
    return redirect_with(request, f"{back}?model={model_id}", f"'{name}' is now the default.")


def _weights_version(points: dict[int, float]) -> int:
    """The weights' checksum, as the API's ETag (`crud.content_version`)."""
    return content_version(weights_public(points).model_dump())


WEIGHT_LABELS = {"critical": "Critical", "important": "Important",
                 "nice_to_have": "Nice to have", "not_important": "Not important"}


@router.post("/w/{slug}/prioritise/weights")
def save_weights(request: Request, slug: str, form: FormDep) -> Response:
    back = ws_url(slug, "prioritise")
    raw = {name: form_text(form, name).strip() for name in WeightsBody.model_fields}
    try:
        body = WeightsBody.model_validate({k: v for k, v in raw.items() if v})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]).replace("_", " ") if first["loc"] else "weight"
        return redirect_with(request, back, f"The weight for {field}: a number from 0 to "
                             "1000.", "error")
    try:
        with workspace(request, slug) as scope:
            require_content(scope, lambda: weights_public(service.weights(scope)).model_dump(),
                            form_version(form), "importance weights")
            service.set_weights(scope, body)
    except Stale:
        with workspace(request, slug) as scope:
            now = service.weights(scope)
        theirs = {k: f"{v:g}" for k, v in weights_public(now).model_dump().items()}
        return stale_page(request, StaleForm(
            "setting", "Importance weights", back, ws_url(slug, "prioritise", "weights"),
            _weights_version(now), raw, theirs, WEIGHT_LABELS, checksum=True))
    return redirect_with(request, back, "Importance weights saved.")
