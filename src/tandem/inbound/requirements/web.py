"""Requirements on the web: the document page (status actions, hand-off, export), the
structured edit form (stories, citations and metrics as rows), the workspace's list, and a
panel on each opportunity's page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from sqlalchemy import select
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.crud import require_version
from tandem.errors import Conflict, Invalid, NotFound, Stale
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.opportunity import opportunities
from tandem.inbound.requirements import export, service
from tandem.inbound.requirements.engine import STATUS_LABELS, TRANSITIONS, Status
from tandem.inbound.requirements.schemas import HandoffBody, RequirementBody
from tandem.inbound.suggestions import service as suggestions
from tandem.loop.models import EvidenceOpportunity
from tandem.market.persona import Persona
from tandem.platform.feature import Panel
from tandem.registry import RESOURCES
from tandem.schema import MAX_ID, friendly_error, whole_number
from tandem.scope import Scope
from tandem.web.context import (
    FormDep,
    form_text,
    redirect_with,
    runtime_of,
    workspace,
    ws_url,
)
from tandem.web.render import render
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_pairs, form_version

router = APIRouter()
BLANK_STORIES = 2
BLANK_METRICS = 2
CITES_PER_STORY = 2
CITES_FOR_PROBLEM = 3
MAX_ROWS = 60
ACTIONS = {Status.in_review: "Submit for review", Status.approved: "Approve",
           Status.draft: "Back to draft"}


def requirements_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                       ) -> Panel | None:
    if kind != opportunities.name:
        return None
    return Panel("requirements/_panel.html", {"req_for": obj_id,
                                              "req": service.find(scope, obj_id),
                                              "status_labels": STATUS_LABELS})


def _url(slug: str, opportunity_id: int, tail: str = "") -> str:
    return ws_url(slug, "opportunities", opportunity_id, "requirements") + tail


@router.get("/w/{slug}/requirements")
def list_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        return render(request, "requirements/list.html", {
            "current": "requirements", "rows": service.all_requirements(scope),
            "status_labels": STATUS_LABELS})


@router.get("/w/{slug}/opportunities/{opportunity_id:int}/requirements")
def document_page(request: Request, slug: str, opportunity_id: int) -> Response:
    with workspace(request, slug) as scope:
        if service.find(scope, opportunity_id) is None:
            return redirect_with(request, _url(slug, opportunity_id, "/edit"),
                                 "No requirements yet: write the first draft.", "info")
        doc = service.document(scope, opportunity_id)
        status = doc.status
        return render(request, "requirements/document.html", {
            "current": "requirements", "doc": doc, "body": export.html_body(doc),
            "status_labels": STATUS_LABELS, "can_write": scope.can_write,
            "moves": [(s, ACTIONS[s]) for s in sorted(TRANSITIONS[status])
                      if s in ACTIONS],
            "can_hand_off": status is Status.approved,
            "members": service.members(scope),
            "row_version": _version_of(scope, opportunity_id)})


def _version_of(scope: Scope, opportunity_id: int) -> int:
    found = service.find(scope, opportunity_id)
    return found.row_version if found else 0


def _lines(raw: str) -> list[str]:
    return [line.strip() for line in raw.splitlines() if line.strip()][:MAX_ROWS]


def _cites(form: FormData, prefix: str, count: int) -> list[dict[str, Any]]:
    out = []
    for k in range(count):
        evidence_id = form_text(form, f"{prefix}_cite_evidence_{k}").strip()
        quote = form_text(form, f"{prefix}_cite_quote_{k}").strip()
        if evidence_id or quote:
            out.append({"evidence_id": evidence_id, "quote": quote})
    return out


def _count(form: FormData, name: str) -> int:
    raw = form_text(form, name)
    return min(int(raw), MAX_ROWS) if raw.isascii() and raw.isdigit() and len(raw) < 4 else 0


def parse_form(form: FormData) -> dict[str, Any]:
    """The submitted form as a document (rows left blank or marked removed dropped)."""
    stories = []
    for n in range(_count(form, "story_count")):
        p = f"story_{n}"
        if form_text(form, f"{p}_remove"):
            continue
        story = {"as_a": form_text(form, f"{p}_as_a"), "i_want": form_text(form, f"{p}_i_want"),
                 "so_that": form_text(form, f"{p}_so_that"),
                 "acceptance": _lines(form_text(form, f"{p}_acceptance")),
                 "citations": _cites(form, p, CITES_PER_STORY)}
        if any(str(v).strip() for k, v in story.items() if k in ("as_a", "i_want", "so_that")) \
                or story["acceptance"] or story["citations"]:
            stories.append(story)
    metrics = []
    for n in range(_count(form, "metric_count")):
        name, target = form_text(form, f"metric_{n}_name"), form_text(form, f"metric_{n}_target")
        if name.strip() or target.strip():
            metrics.append({"name": name, "target": target})
    return {"title": form_text(form, "title"), "problem": form_text(form, "problem"),
            "problem_citations": _cites(form, "problem", CITES_FOR_PROBLEM),
            "persona_ids": [v for v in form.getlist("persona_ids") if isinstance(v, str)
                            and v.isascii() and v.isdigit() and len(v) < 12][:20],
            "stories": stories, "non_goals": _lines(form_text(form, "non_goals")),
            "metrics": metrics, "owner_id": _owner(form_text(form, "owner_id").strip())}


def _owner(raw: str) -> int | None:
    """Blank is "no one named" (the development-phase driver for a new document); anything
    not a number reads as 0, which the schema refuses, naming the field."""
    return (whole_number(raw, 1, MAX_ID) or 0) if raw else None


_PLACES = {"as_a": "As a", "i_want": "I want", "so_that": "so that", "acceptance":
           "acceptance criteria", "quote": "quote", "evidence_id": "evidence",
           "name": "metric", "target": "target", "title": "Title", "problem": "Problem",
           "non_goals": "Non-goals", "persona_ids": "Personas", "owner_id": "Owner"}


def _place(loc: tuple[Any, ...] | list[Any]) -> str:
    """stories.1.citations.0.quote -> 'Story 2, citation 1, quote'."""
    words: list[str] = []
    parts = list(loc)
    while parts:
        key = parts.pop(0)
        if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
            continue
        number = parts[0] if parts and (isinstance(parts[0], int) or
                                        str(parts[0]).isdigit()) else None
        noun = {"stories": "Story", "citations": "citation", "metrics": "Metric",
                "problem_citations": "Problem citation"}.get(str(key))
        if noun and number is not None:
            words.append(f"{noun} {int(number) + 1}")
        else:
            words.append(_PLACES.get(str(key), str(key).replace("_", " ")))
    return ", ".join(words) or "The form"


def _form_context(scope: Scope, opportunity_id: int, data: dict[str, Any]) -> dict[str, Any]:
    opp = opportunities.get(scope, opportunity_id)
    linked = list(scope.session.scalars(select_linked(scope, opportunity_id)))
    cited = {int(c["evidence_id"]) for c in data["problem_citations"]
             if str(c.get("evidence_id", "")).isdigit()}
    for s in data["stories"]:
        cited |= {int(c["evidence_id"]) for c in s["citations"]
                  if str(c.get("evidence_id", "")).isdigit()}
    known = {e.id for e in linked}
    extra = [e for e in scope.session.scalars(select(Evidence).where(
        Evidence.workspace_id == scope.workspace_id,
        Evidence.id.in_(sorted(cited - known) or [0])))]
    stories = [*data["stories"], *({"as_a": "", "i_want": "", "so_that": "", "acceptance": [],
                                    "citations": []} for _ in range(BLANK_STORIES))]
    metrics = [*data["metrics"], *({"name": "", "target": ""} for _ in range(BLANK_METRICS))]
    personas = list(scope.session.scalars(select(Persona).where(
        Persona.workspace_id == scope.workspace_id).order_by(Persona.name)))
    return {"opp": opp, "data": data, "stories": stories, "metrics": metrics,
            "evidence": [*linked, *extra], "personas": personas,
            "chosen_personas": {str(p) for p in data["persona_ids"]},
            "owners": [(p.id, p.name) for p in RESOURCES["people"].all(scope)],
            "cites_per_story": CITES_PER_STORY, "cites_for_problem": CITES_FOR_PROBLEM,
            "current": "requirements", "problem": "", "problem_place": "",
            "row_version": found.row_version if (found := service.find(
                scope, opportunity_id)) else 0}


def select_linked(scope: Scope, opportunity_id: int) -> Any:
    return select(Evidence).join(
        EvidenceOpportunity, EvidenceOpportunity.evidence_id == Evidence.id).where(
        EvidenceOpportunity.workspace_id == scope.workspace_id,
        EvidenceOpportunity.opportunity_id == opportunity_id).order_by(Evidence.id)


def _data_of(scope: Scope, opportunity_id: int) -> dict[str, Any]:
    if service.find(scope, opportunity_id) is None:
        opp = opportunities.get(scope, opportunity_id)
        return {"title": opp.title, "problem": opp.problem, "problem_citations": [],
                "persona_ids": [], "stories": [], "non_goals": [], "metrics": [],
                "owner_id": None}
    doc = service.document(scope, opportunity_id)
    return {"title": doc.title, "problem": doc.problem,
            "problem_citations": [c.model_dump() for c in doc.problem_citations],
            "persona_ids": [p.id for p in doc.personas],
            "stories": [s.model_dump() for s in doc.stories], "non_goals": doc.non_goals,
            "metrics": [m.model_dump() for m in doc.metrics], "owner_id": doc.owner_id}


@router.get("/w/{slug}/opportunities/{opportunity_id:int}/requirements/edit")
def edit_page(request: Request, slug: str, opportunity_id: int) -> Response:
    with workspace(request, slug) as scope:
        data = _data_of(scope, opportunity_id)
        quotes = suggestions.quotes(scope, runtime_of(request).embedder, opportunity_id, 5)
        return render(request, "requirements/edit.html",
                      {**_form_context(scope, opportunity_id, data), "quotes": quotes})


@router.post("/w/{slug}/opportunities/{opportunity_id:int}/requirements/edit")
def save(request: Request, slug: str, opportunity_id: int, form: FormDep) -> Response:
    data = parse_form(form)
    problem, place = "", ""
    try:
        body = RequirementBody.model_validate(data)
        with workspace(request, slug) as scope:
            require_version(service.find(scope, opportunity_id), form_version(form),
                            "requirements document")
            service.save(scope, opportunity_id, body)
    except Stale:
        with workspace(request, slug) as scope:
            found = service.find(scope, opportunity_id)
            return stale_page(request, StaleForm(
                "requirements document", str(data["title"]), _url(slug, opportunity_id),
                _url(slug, opportunity_id) + "/edit", found.row_version if found else 0,
                _summary(data), _summary(_data_of(scope, opportunity_id)), SUMMARY_LABELS,
                form_pairs(form)))
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        problem = friendly_error(first, _place(first["loc"]))
    except (Invalid, Conflict) as exc:
        place = exc.field or ""
        problem = (_place(place.split(".")) + ": " if place else "") + exc.message
    if problem:
        with workspace(request, slug) as scope:
            return render(request, "requirements/edit.html", {
                **_form_context(scope, opportunity_id, data), "problem": problem,
                "quotes": suggestions.quotes(scope, runtime_of(request).embedder,
                                             opportunity_id, 5),
                "problem_place": place, **({"row_version": sent} if (
                    sent := form_version(form)) is not None else {})}, status=422)
    return redirect_with(request, _url(slug, opportunity_id), "Requirements saved.")


SUMMARY_LABELS = {"title": "Title", "problem": "Problem", "stories": "User stories",
                  "non_goals": "Non-goals", "metrics": "Success metrics"}


def _summary(data: Mapping[str, Any]) -> dict[str, str]:
    """A document's parts as text, to set two versions side by side."""
    return {"title": str(data["title"]), "problem": str(data["problem"]),
            "stories": "\n".join(f"As a {s['as_a']}, I want {s['i_want']} so that "
                                  f"{s['so_that']}" for s in data["stories"]),
            "non_goals": "\n".join(str(g) for g in data["non_goals"]),
            "metrics": "\n".join(f"{m['name']}: {m['target']}" for m in data["metrics"])}


@router.post("/w/{slug}/opportunities/{opportunity_id:int}/requirements/status")
def change_status(request: Request, slug: str, opportunity_id: int,
                  form: FormDep) -> Response:
    """Submit, approve or send back: the button carries the document's version, so an
    approval is never given to a text someone changed after the page was loaded (409, both
    versions, nothing written)."""
    raw = form_text(form, "status")
    back = _url(slug, opportunity_id)
    if raw not in {s.value for s in Status}:
        return redirect_with(request, back, "Pick a status.", "error")
    try:
        with workspace(request, slug) as scope:
            require_version(service.find(scope, opportunity_id), form_version(form),
                            "requirements document")
            service.set_status(scope, opportunity_id, Status(raw))
    except Stale:
        return _stale_flow(request, slug, opportunity_id, "status",
                           {"status": STATUS_LABELS[Status(raw)]}, form)
    except (Invalid, Conflict) as exc:
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, f"The requirements are now "
                         f"{STATUS_LABELS[Status(raw)].lower()}.")


def _stale_flow(request: Request, slug: str, opportunity_id: int, tail: str,
                mine: dict[str, str], form: FormData) -> Response:
    """The conflict page of a stale status change or hand-off: what this person asked
    against the document as it is now."""
    with workspace(request, slug) as scope:
        found = service.find(scope, opportunity_id)
        if found is None:
            raise NotFound("These requirements were deleted.")
        theirs = {"status": STATUS_LABELS[Status(found.status)], "what": found.handoff_what}
        return stale_page(request, StaleForm(
            "requirements document", found.title, _url(slug, opportunity_id),
            _url(slug, opportunity_id, "/" + tail), found.row_version, mine, theirs,
            {name: FLOW_LABELS[name] for name in mine}, form_pairs(form)))


FLOW_LABELS = {"status": "Status", "what": "What is handed over"}


@router.post("/w/{slug}/opportunities/{opportunity_id:int}/requirements/handoff")
def hand_off(request: Request, slug: str, opportunity_id: int, form: FormDep) -> Response:
    """Hand the approved document over; like a status change it carries the version, so
    what is handed over is what the person saw."""
    back = _url(slug, opportunity_id)
    user = form_text(form, "to_user_id")
    try:
        body = HandoffBody.model_validate({
            "what": form_text(form, "what"), "to_name": form_text(form, "to_name"),
            "to_user_id": whole_number(user, 1, MAX_ID),
            "tracker_url": form_text(form, "tracker_url")})
        with workspace(request, slug) as scope:
            require_version(service.find(scope, opportunity_id), form_version(form),
                            "requirements document")
            done = service.hand_off(scope, opportunity_id, body)
            who = done.handoff_to
    except Stale:
        return _stale_flow(request, slug, opportunity_id, "handoff",
                           {"status": STATUS_LABELS[Status.handed_off],
                            "what": form_text(form, "what")}, form)
    except ValidationError as exc:
        first = exc.errors()[0]
        label = {"what": "What was handed over", "tracker_url": "The tracker link",
                 "to_name": "To whom"}.get(str(first["loc"][0]) if first["loc"] else "")
        return redirect_with(request, back, friendly_error(first, label), "error")
    except (Invalid, Conflict, NotFound) as exc:
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, f"Handed to {who}.")


@router.get("/w/{slug}/opportunities/{opportunity_id:int}/requirements/export")
def export_file(request: Request, slug: str, opportunity_id: int) -> Response:
    """A sync route: FastAPI runs it in the threadpool, so the PDF renders off the loop."""
    fmt = request.query_params.get("format", "pdf")
    if fmt not in export.FORMATS:
        fmt = "pdf"
    with workspace(request, slug) as scope:
        doc = service.document(scope, opportunity_id)
    data = export.render(doc, fmt)
    return Response(data, media_type=export.FORMATS[fmt], headers={
        "Content-Disposition": f'attachment; filename="{export.filename(doc, fmt)}"'})
