"""The claims audit page: every claim with its proof and flags, the share supported per
asset and per release, and the one setting (how old evidence may be)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import Response

from tandem.outbound.claims import service
from tandem.outbound.claims.schemas import SettingsUpdate
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.render import render

router = APIRouter()


@router.get("/w/{slug}/claims")
def audit_page(request: Request, slug: str) -> Response:
    only_gaps = request.query_params.get("show") == "gaps"
    with workspace(request, slug) as scope:
        return render(request, "claims/audit.html", {
            "current": "claims", "report": service.audit(scope), "only_gaps": only_gaps})


@router.post("/w/{slug}/claims/settings")
def save_settings(request: Request, slug: str, form: FormDep) -> Response:
    back = ws_url(slug, "claims")
    raw = form_text(form, "evidence_max_age_days").strip()
    try:
        body = SettingsUpdate(evidence_max_age_days=int(raw) if raw.isdecimal() and
                              len(raw) < 6 else 0)
    except ValidationError:
        return redirect_with(request, back, "The age limit is a number of days from 1 to "
                             "3650.", "error")
    with workspace(request, slug) as scope:
        days = service.update_settings(scope, body)
    return redirect_with(request, back, f"Evidence now proves a claim for {days} days.")
