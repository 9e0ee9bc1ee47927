"""The positioning canvas on the web: a guided flow, one step a page, in Dunford's order,
then a review that generates the statements and saves a version; versions compare side by
side and any saved one can be made current again."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.crud import require_version
from tandem.errors import Invalid, Stale, TandemError
from tandem.inbound.evidence.models import Evidence
from tandem.market.product import products
from tandem.market.segment import segments
from tandem.outbound.claims import service as claims
from tandem.outbound.positioning import engine, service
from tandem.outbound.positioning.schemas import CanvasCreate, DraftUpdate, VersionCreate
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.schema import MAX_ID, friendly_error
from tandem.scope import Scope
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.pager import query_int
from tandem.web.render import render
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_pairs, form_values, form_version

router = APIRouter()
BLANK_ATTRIBUTE_ROWS = 2
HISTORY_SIZE = 10


def _history(scope: Scope, canvas_id: int) -> dict[str, Any]:
    if not scope.can(Action.read_audit):
        return {"history": [], "history_total": 0, "history_href": ""}
    page = events.history(scope, kind=service.KIND, object_id=canvas_id, limit=HISTORY_SIZE)
    return {"history": page.items, "history_total": page.total,
            "history_href": f"/w/{scope.workspace.slug}/audit?kind={service.KIND}"
                            f"&object_id={canvas_id}"}


@router.get("/w/{slug}/positioning")
def canvases_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        return render(request, "positioning/list.html", {
            "current": "positioning", "canvases": service.all_views(scope),
            "products": products.all(scope), "segments": segments.all(scope)})


@router.post("/w/{slug}/positioning")
def create_canvas(request: Request, slug: str, form: FormDep) -> Response:
    back = ws_url(slug, "positioning")
    raw_segment = form_text(form, "segment_id")
    try:
        body = CanvasCreate(product_id=int(form_text(form, "product_id") or 0),
                            segment_id=int(raw_segment) if raw_segment else None)
        with workspace(request, slug) as scope:
            canvas_id = service.create(scope, body).id
    except (ValueError, ValidationError):
        return redirect_with(request, back, "Choose a product for the canvas.", "error")
    except TandemError as exc:
        if exc.status == 403:
            raise
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, ws_url(slug, "positioning", canvas_id, "step",
                                         engine.STEPS[0].key),
                         "Canvas started: work through the steps in order.")


def _step_context(scope: Scope, view: service.CanvasView, key: str) -> dict[str, Any]:
    index = engine.STEP_KEYS.index(key)
    draft = engine.normalised(view.canvas.draft)
    cited = {i for a in draft["attributes"] for i in a["evidence_ids"]}
    quotes = {e.id: e for e in scope.session.query(Evidence).filter(
        Evidence.workspace_id == scope.workspace_id, Evidence.id.in_(cited))} if cited else {}
    rows = draft["attributes"] + [{"attribute": "", "value": "", "evidence_ids": []}] * max(
        0, min(BLANK_ATTRIBUTE_ROWS, engine.MAX_ATTRIBUTES - len(draft["attributes"])))
    return {"current": "positioning", "view": view, "draft": draft, "step": engine.STEPS[index],
            "steps": engine.STEPS, "index": index,
            "next_key": engine.STEP_KEYS[index + 1] if index + 1 < len(engine.STEPS) else None,
            "prev_key": engine.STEP_KEYS[index - 1] if index else None,
            "rows": rows, "quotes": quotes, "error": None, "field": None,
            "done": _done(draft), "submitted": {}}


def _done(draft: dict[str, Any]) -> dict[str, bool]:
    return {"alternatives": bool(draft["alternatives"]),
            "attributes": bool(draft["attributes"]),
            "target": bool(str(draft["target"]).strip() and str(draft["need"]).strip()),
            "category": bool(str(draft["category"]).strip()),
            "trends": bool(str(draft["trends"]).strip())}


@router.get("/w/{slug}/positioning/{canvas_id:int}/step/{key}")
def step_page(request: Request, slug: str, canvas_id: int, key: str) -> Response:
    engine.step(key)
    with workspace(request, slug) as scope:
        scope.require(Action.update)
        view = service.view(scope, canvas_id)
        return render(request, "positioning/step.html", _step_context(scope, view, key))


def _ids(raw: str, row: int) -> list[int]:
    parts = [p.strip().lstrip("#") for p in raw.replace(";", ",").split(",") if p.strip()]
    if not all(p.isdecimal() and len(p) < 19 for p in parts):
        raise Invalid(f"Attribute {row}: evidence is a list of evidence numbers like "
                      "'12, 40'.", f"attributes.{row - 1}.evidence_ids")
    return [int(p) for p in parts if 1 <= int(p) <= MAX_ID]


def _step_body(key: str, form: FormData) -> dict[str, Any]:
    """The step's fields as the API would receive them."""
    if key == "alternatives":
        lines = [line.strip() for line in form_text(form, "alternatives").splitlines()]
        return {"alternatives": [line for line in lines if line]}
    if key == "attributes":
        rows = []
        for n in range(1, engine.MAX_ATTRIBUTES + 1):
            attribute = form_text(form, f"attribute_{n}").strip()
            value = form_text(form, f"value_{n}").strip()
            proof = form_text(form, f"evidence_{n}")
            if not (attribute or value or proof.strip()):
                continue
            if not attribute or not value:
                raise Invalid(f"Attribute {n}: give both the attribute and the value it "
                              "enables (or clear the row).", f"attributes.{n - 1}")
            rows.append({"attribute": attribute, "value": value,
                         "evidence_ids": _ids(proof, n)})
        return {"attributes": rows}
    if key == "target":
        return {"target": form_text(form, "target"), "need": form_text(form, "need")}
    return {key: form_text(form, key)}


@router.post("/w/{slug}/positioning/{canvas_id:int}/step/{key}")
def save_step(request: Request, slug: str, canvas_id: int, key: str,
              form: FormDep) -> Response:
    engine.step(key)
    problem: tuple[str, str | None] | None = None
    try:
        body = DraftUpdate.model_validate(_step_body(key, form))
        with workspace(request, slug) as scope:
            require_version(service.view(scope, canvas_id).canvas, form_version(form),
                            "positioning canvas")
            service.update_draft(scope, canvas_id, body)
    except Stale:
        return _stale(request, slug, canvas_id, key, form)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        problem = (friendly_error(first, _field_label(where)), where)
    except Invalid as exc:
        problem = (exc.message, exc.field)
    if problem is not None:
        with workspace(request, slug) as scope:
            view = service.view(scope, canvas_id)
            context = _step_context(scope, view, key)
            context.update(error=problem[0], field=problem[1], submitted=dict(form))
            return render(request, "positioning/step.html", context, status=422)
    index = engine.STEP_KEYS.index(key)
    if form_text(form, "go") == "back" and index:
        target = ws_url(slug, "positioning", canvas_id, "step", engine.STEP_KEYS[index - 1])
    elif index + 1 < len(engine.STEPS):
        target = ws_url(slug, "positioning", canvas_id, "step", engine.STEP_KEYS[index + 1])
    else:
        target = ws_url(slug, "positioning", canvas_id, "review")
    return redirect_with(request, target, f"Saved: {engine.step(key).title}.")


def _stale(request: Request, slug: str, canvas_id: int, key: str, form: FormData) -> Response:
    """The step was saved by someone else since this form was rendered: show both."""
    with workspace(request, slug) as scope:
        view = service.view(scope, canvas_id)
        theirs = _step_values(key, engine.normalised(view.canvas.draft))
        mine = form_values(form)
        labels = {n: _form_label(n) for n in dict.fromkeys([*theirs, *mine])
                  if theirs.get(n) or mine.get(n)}
        return stale_page(request, StaleForm(
            "positioning canvas", f"{view.title}: {engine.step(key).title}",
            ws_url(slug, "positioning", canvas_id, "step", key),
            ws_url(slug, "positioning", canvas_id, "step", key), view.canvas.row_version,
            mine, theirs, labels))


def _step_values(key: str, draft: dict[str, Any]) -> dict[str, str]:
    """A step's saved values under its form's field names."""
    if key == "alternatives":
        return {"alternatives": "\n".join(draft["alternatives"])}
    if key == "attributes":
        values = {}
        for n, row in enumerate(draft["attributes"], start=1):
            values.update({f"attribute_{n}": row["attribute"], f"value_{n}": row["value"],
                           f"evidence_{n}": ", ".join(str(i) for i in row["evidence_ids"])})
        return values
    if key == "target":
        return {"target": str(draft["target"]), "need": str(draft["need"])}
    return {key: str(draft[key])}


def _form_label(name: str) -> str:
    base, _, n = name.rpartition("_")
    if n.isdigit():
        word = {"attribute": "Attribute", "value": "Value", "evidence": "Evidence"}.get(base)
        return f"{word} {n}" if word else name
    return engine.FIELD_LABELS.get(name, name)


def _field_label(where: str) -> str:
    parts = where.split(".")
    if parts[0] == "attributes" and len(parts) > 1 and parts[1].isdigit():
        return f"Attribute {int(parts[1]) + 1}"
    return engine.FIELD_LABELS.get(parts[0], parts[0])


@router.get("/w/{slug}/positioning/{canvas_id:int}/review")
def review_page(request: Request, slug: str, canvas_id: int) -> Response:
    with workspace(request, slug) as scope:
        view = service.view(scope, canvas_id)
        statements, problem = view.draft_statements()
        changes = engine.diff(view.current.content if view.current else None,
                              view.canvas.draft)
        return render(request, "positioning/review.html", {
            "current": "positioning", "view": view, "statements": statements,
            "problem": problem, "problem_step": _problem_step(problem, view),
            "changes": [r for r in changes if r.changed], "steps": engine.STEPS,
            "done": _done(engine.normalised(view.canvas.draft))})


def _problem_step(problem: str | None, view: service.CanvasView) -> str | None:
    if problem is None:
        return None
    try:
        engine.statements(view.canvas.draft, view.product)
    except Invalid as exc:
        return "target" if exc.field == "need" else exc.field
    return None


@router.post("/w/{slug}/positioning/{canvas_id:int}/versions")
def save_version(request: Request, slug: str, canvas_id: int, form: FormDep) -> Response:
    """Freeze the draft as reviewed: the form carries the canvas's version, so a draft
    someone changed after the review page was loaded is not frozen unseen (409)."""
    back = ws_url(slug, "positioning", canvas_id)
    try:
        body = VersionCreate(note=form_text(form, "note")[:200])
        with workspace(request, slug) as scope:
            _require_canvas(scope, canvas_id, form)
            number = service.save_version(scope, canvas_id, body).number
    except Stale:
        return _stale_version(request, slug, canvas_id, "versions",
                              {"draft": "The draft as you reviewed it, saved as a version"},
                              form)
    except Invalid as exc:
        return redirect_with(request, back + "/review", exc.message, "error")
    return redirect_with(request, back, f"Saved version {number}; it is now current.")


@router.post("/w/{slug}/positioning/{canvas_id:int}/versions/{number:int}/current")
def make_current(request: Request, slug: str, canvas_id: int, number: int,
                 form: FormDep) -> Response:
    """Roll back or forward: the button carries the canvas's version (409 when someone
    changed the canvas since the page was loaded)."""
    back = ws_url(slug, "positioning", canvas_id)
    try:
        with workspace(request, slug) as scope:
            _require_canvas(scope, canvas_id, form)
            service.make_current(scope, canvas_id, number)
    except Stale:
        return _stale_version(request, slug, canvas_id, f"versions/{number}/current",
                              {"current_version": f"Version {number}"}, form)
    except Invalid as exc:
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, f"Version {number} is now current.")


@router.post("/w/{slug}/positioning/{canvas_id:int}/versions/{number:int}/restore")
def restore(request: Request, slug: str, canvas_id: int, number: int,
            form: FormDep) -> Response:
    """Start the draft again from a version: it replaces the whole draft, so the button
    carries the canvas's version and a draft changed since is not thrown away (409)."""
    back = ws_url(slug, "positioning", canvas_id)
    try:
        with workspace(request, slug) as scope:
            _require_canvas(scope, canvas_id, form)
            service.restore_draft(scope, canvas_id, number)
    except Stale:
        return _stale_version(request, slug, canvas_id, f"versions/{number}/restore",
                              {"draft": f"Version {number}, to edit from"}, form)
    except Invalid as exc:
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back + "/review",
                         f"The draft now starts from version {number}: edit any step.")


def _require_canvas(scope: Scope, canvas_id: int, form: FormData) -> None:
    require_version(service.view(scope, canvas_id).canvas, form_version(form),
                    "positioning canvas")


def _stale_version(request: Request, slug: str, canvas_id: int, tail: str,
                   mine: dict[str, str], form: FormData) -> Response:
    """The canvas changed since the page was loaded: what was asked against the current
    version and the draft as they are now."""
    with workspace(request, slug) as scope:
        view = service.view(scope, canvas_id)
        canvas = view.canvas
        theirs = {"current_version": f"Version {canvas.current_version}"
                  if canvas.current_version else "none",
                  "draft": "\n".join(f"{k}: {v}" for k, v in canvas.draft.items()
                                     if isinstance(v, str) and v)}
        return stale_page(request, StaleForm(
            "positioning canvas", view.product, ws_url(slug, "positioning", canvas_id),
            ws_url(slug, "positioning", canvas_id) + "/" + tail, canvas.row_version, mine,
            theirs, {k: VERSION_LABELS[k] for k in mine}, form_pairs(form)))


VERSION_LABELS = {"current_version": "Current version", "draft": "Draft"}


@router.get("/w/{slug}/positioning/{canvas_id:int}")
def canvas_page(request: Request, slug: str, canvas_id: int) -> Response:
    query = request.query_params
    with workspace(request, slug) as scope:
        view = service.view(scope, canvas_id)
        numbers = [v.number for v in view.versions]
        newest = numbers[0] if numbers else None
        right = query_int(query.get("right"), newest or 0, 0, 10**6) or None
        left_default = (numbers[1] if len(numbers) > 1 else 0)
        left = query_int(query.get("left"), left_default, 0, 10**6) or None
        if left not in numbers:
            left = None
        if right not in numbers:
            right = newest
        rows = service.compare(scope, canvas_id, left, right) if right else []
        statements, problem = view.draft_statements()
        current = view.current
        return render(request, "positioning/canvas.html", {
            "current": "positioning", "view": view, "version": current,
            "version_statements": view.statements_of(current) if current else None,
            "draft_problem": problem, "draft_statements": statements,
            "left": left, "right": right, "rows": rows, "steps": engine.STEPS,
            "done": _done(engine.normalised(view.canvas.draft)),
            "audit": claims.audit(scope).of(f"canvas:{canvas_id}") if current else None,
            "draft_changed": bool(current is None or any(
                r.changed for r in engine.diff(current.content, view.canvas.draft))),
            **_history(scope, canvas_id)})
