"""The loop-health page, one alarm's items, and the warning window setting."""

from __future__ import annotations

from fastapi import APIRouter, Request
from markupsafe import Markup
from starlette.responses import Response

from tandem.crud import content_version, require_content
from tandem.errors import NotFound, Stale, TandemError
from tandem.roles.health import engine, service
from tandem.roles.health.chart import trend_svg
from tandem.roles.health.present import public
from tandem.roles.health.schemas import HealthSettingsBody
from tandem.roles.service import preset_of
from tandem.schema import whole_number
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.render import render
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_version

router = APIRouter()


@router.get("/w/{slug}/health")
def health_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        report = service.report(scope)
        data = public(report, slug, scope.can_write, service.due_weeks(scope),
                      preset_of(scope))
        return render(request, "health/health.html", {
            "current": "health", "h": data, "groups": engine.GROUP_LABELS,
            "settings_version": content_version(_state(data.due_weeks)),
            "chart": Markup(trend_svg(report.parallelism.trend))})


@router.get("/w/{slug}/health/{code}")
def alarm_page(request: Request, slug: str, code: str) -> Response:
    """The items behind one alarm; an alarm that no longer fires says it is clear."""
    code = code[:60]
    known = {"no_outbound_owner", "outbound_no_accountable", "due_no_launch",
             "due_no_positioning", "due_no_messaging", "shipped_no_notes",
             "launch_critical_late",
             "opportunity_no_evidence", "release_no_evidence", "message_no_evidence",
             "proof_cites_nothing", "outbound_starts_late", "balance_outbound_light",
             "balance_inbound_light", "roles_reassess_due"}
    if code not in known:
        raise NotFound(f"There is no loop-health alarm '{code}'.")
    with workspace(request, slug) as scope:
        data = public(service.report(scope), slug, scope.can_write,
                      service.due_weeks(scope), preset_of(scope))
        found = next((a for a in data.alarms if a.code == code), None)
        return render(request, "health/alarm.html", {
            "current": "health", "alarm": found, "code": code})


def _state(weeks: int) -> dict[str, int]:
    """The setting as the API shows it: its checksum is the form's `_version` and the
    API's ETag (`crud.content_version`)."""
    return HealthSettingsBody(due_weeks=weeks).model_dump()


@router.post("/w/{slug}/health/settings")
def save_settings(request: Request, slug: str, form: FormDep) -> Response:
    back = ws_url(slug, "health")
    typed = form_text(form, "due_weeks").strip()
    weeks = whole_number(typed, 1, service.MAX_DUE_WEEKS)
    if weeks is None:
        return redirect_with(request, back, "The warning window is a whole number of weeks, "
                             f"1 to {service.MAX_DUE_WEEKS}.", "error")
    try:
        with workspace(request, slug) as scope:
            require_content(scope, lambda: _state(service.due_weeks(scope)),
                            form_version(form), "loop health settings")
            service.set_due_weeks(scope, weeks)
    except Stale:
        with workspace(request, slug) as scope:
            now = service.due_weeks(scope)
        return stale_page(request, StaleForm(
            "setting", "Loop health", back, ws_url(slug, "health", "settings"),
            content_version(_state(now)), {"due_weeks": typed}, {"due_weeks": str(now)},
            {"due_weeks": "Check releases due within (weeks)"}, checksum=True))
    except TandemError as exc:
        if exc.status in (403, 404):
            raise
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, f"Releases due within {weeks} weeks are now checked.")
