"""Suggested evidence on the opportunity page: a panel that loads the suggestions (htmx,
so the page itself never waits for the embedder), accept or reject in one click, and the
opportunity's ranked customer quotes."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.errors import Conflict, Invalid
from tandem.inbound.opportunity import opportunities
from tandem.inbound.suggestions import service
from tandem.platform.feature import Panel
from tandem.schema import MAX_ID, whole_number
from tandem.scope import Scope
from tandem.web.context import FormDep, form_text, redirect_with, runtime_of, workspace, ws_url
from tandem.web.render import render

router = APIRouter()
SHOWN = 8


def suggestions_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                      ) -> Panel | None:
    """On an opportunity's page: a placeholder the suggestions load into."""
    if kind != opportunities.name:
        return None
    return Panel("suggestions/_panel.html", {"suggest_for": obj_id}, wide=True)


def _context(request: Request, scope: Scope, opportunity_id: int,
             error: str = "") -> dict[str, object]:
    embedder = runtime_of(request).embedder
    return {"found": service.suggest(scope, embedder, opportunity_id, SHOWN),
            "quotes": service.quotes(scope, embedder, opportunity_id, 5),
            "can_link": scope.can_write, "error": error, "opp_id": opportunity_id}


def _fragment(request: Request, slug: str, opportunity_id: int, error: str = "",
              status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        return render(request, "suggestions/_suggestions.html",
                      _context(request, scope, opportunity_id, error), status=status)


@router.get("/w/{slug}/opportunities/{opportunity_id:int}/suggestions")
def suggestions_page(request: Request, slug: str, opportunity_id: int) -> Response:
    if request.headers.get("hx-request"):
        return _fragment(request, slug, opportunity_id)
    with workspace(request, slug) as scope:
        opp = opportunities.get(scope, opportunity_id)
        return render(request, "suggestions/page.html", {
            **_context(request, scope, opportunity_id), "opp": opp,
            "current": "opportunities",
            "rejected": service.rejected(scope, opportunity_id)})


def _evidence_id(form: FormDep) -> int:
    found = whole_number(form_text(form, "evidence_id"), 1, MAX_ID)
    if found is None:
        raise Invalid("Pick an evidence item.", "evidence_id")
    return found


def _answer(request: Request, slug: str, opportunity_id: int, done: str,
            error: str) -> Response:
    if request.headers.get("hx-request"):
        return _fragment(request, slug, opportunity_id, error)
    back = ws_url(slug, "opportunities", opportunity_id, "suggestions")
    return redirect_with(request, back, error or done, "error" if error else "success")


@router.post("/w/{slug}/opportunities/{opportunity_id:int}/suggestions/accept")
def accept(request: Request, slug: str, opportunity_id: int, form: FormDep) -> Response:
    """No version, like reject and restore: they add or remove the link or the rejection of
    one (opportunity, evidence) pair, a row with nothing else to lose, and each is harmless
    twice (reject refuses a linked pair). Accepting an item someone rejected meanwhile
    links it, which is what this person asked for and shows on the page."""
    error, evidence_id = "", 0
    try:
        evidence_id = _evidence_id(form)
        with workspace(request, slug) as scope:
            service.accept(scope, opportunity_id, evidence_id)
    except (Invalid, Conflict) as exc:
        error = exc.message
    return _answer(request, slug, opportunity_id, f"Linked evidence {evidence_id}.", error)


@router.post("/w/{slug}/opportunities/{opportunity_id:int}/suggestions/reject")
def reject(request: Request, slug: str, opportunity_id: int, form: FormDep) -> Response:
    error, evidence_id = "", 0
    try:
        evidence_id = _evidence_id(form)
        with workspace(request, slug) as scope:
            service.reject(scope, opportunity_id, evidence_id)
    except (Invalid, Conflict) as exc:
        error = exc.message
    return _answer(request, slug, opportunity_id,
                   f"Evidence {evidence_id} will not be suggested here again.", error)


@router.post("/w/{slug}/opportunities/{opportunity_id:int}/suggestions/restore")
def restore(request: Request, slug: str, opportunity_id: int, form: FormDep) -> Response:
    error, evidence_id = "", 0
    try:
        evidence_id = _evidence_id(form)
        with workspace(request, slug) as scope:
            service.restore(scope, opportunity_id, evidence_id)
    except Invalid as exc:
        error = exc.message
    return _answer(request, slug, opportunity_id,
                   f"Evidence {evidence_id} may be suggested again.", error)
