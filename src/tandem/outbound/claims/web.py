"""The claims audit page: every claim with its proof and flags, the share supported per
asset and per release, and the one setting (how old evidence may be)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import Response

from tandem.crud import content_version, require_content
from tandem.errors import Stale
from tandem.outbound.claims import service
from tandem.outbound.claims.schemas import SettingsPublic, SettingsUpdate
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.render import render
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_version

router = APIRouter()


def _state(days: int) -> dict[str, int]:
    """The setting as the API shows it: its checksum is the form's `_version` and the
    API's ETag (`crud.content_version`)."""
    return SettingsPublic(evidence_max_age_days=days).model_dump()


@router.get("/w/{slug}/claims")
def audit_page(request: Request, slug: str) -> Response:
    only_gaps = request.query_params.get("show") == "gaps"
    with workspace(request, slug) as scope:
        report = service.audit(scope)
        return render(request, "claims/audit.html", {
            "current": "claims", "report": report, "only_gaps": only_gaps,
            "settings_version": content_version(_state(report.max_age_days))})


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
    try:
        with workspace(request, slug) as scope:
            require_content(scope, lambda: _state(service.max_age_days(scope)),
                            form_version(form), "claims audit settings")
            days = service.update_settings(scope, body)
    except Stale:
        with workspace(request, slug) as scope:
            now = service.max_age_days(scope)
        name = "evidence_max_age_days"
        return stale_page(request, StaleForm(
            "setting", "Claims audit", back, ws_url(slug, "claims", "settings"),
            content_version(_state(now)), {name: raw}, {name: str(now)},
            {name: "Evidence proves a claim for (days)"}, checksum=True))
    return redirect_with(request, back, f"Evidence now proves a claim for {days} days.")
