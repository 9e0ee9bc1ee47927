"""The win/loss page: the report (no decision shown both ways), the deals, and a form."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import Response

from tandem.errors import Invalid
from tandem.market.competitor import competitors
from tandem.market.segment import segments
from tandem.market.winloss import calc, service
from tandem.market.winloss.schemas import DealCreate
from tandem.platform.policy import Action
from tandem.schema import friendly_error
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.render import plural, render

router = APIRouter()


def _page(request: Request, slug: str, error: str | None = None,
          values: dict[str, str] | None = None, status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        found = service.report(scope)
        deals = service.deals(scope)[:50]
        return render(request, "winloss/winloss.html", {
            "current": "winloss", "report": found, "deals": deals,
            "evidence": service.evidence_of(scope, [d.id for d in deals]),
            "competitors": competitors.all(scope), "segments": segments.all(scope),
            "outcomes": [o.value for o in calc.Outcome], "percent": calc.percent,
            "error": error, "values": values or {}}, status=status)


@router.get("/w/{slug}/winloss")
def winloss_page(request: Request, slug: str) -> Response:
    return _page(request, slug)


@router.post("/w/{slug}/winloss")
def add_deal(request: Request, slug: str, form: FormDep) -> Response:
    values = {k: form_text(form, k) for k in ("name", "outcome", "company", "competitor_id",
                                              "segment_id", "amount", "closed_on", "reasons",
                                              "quote", "interviewee_role")}
    data: dict[str, object] = {k: v.strip() for k, v in values.items()
                               if v.strip() and k != "reasons"}
    data["reasons"] = [r for r in values["reasons"].splitlines() if r.strip()]
    try:
        body = DealCreate.model_validate(data)
        with workspace(request, slug) as scope:
            deal = service.record(scope, body)
            made = len(service.evidence_of(scope, [deal.id])[deal.id])
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "deal"
        return _page(request, slug, friendly_error(first, field.replace("_", " ")), values,
                     422)
    except Invalid as exc:
        return _page(request, slug, exc.message, values, 422)
    return redirect_with(request, ws_url(slug, "winloss"),
                         f"Recorded the deal; {plural(made, 'piece')} of evidence added.")


@router.get("/w/{slug}/winloss/report.md")
def report_markdown(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        text = service.markdown(scope.workspace.name, service.report(scope))
    return Response(text, media_type="text/markdown; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="win-loss.md"'})


@router.get("/w/{slug}/winloss/report.pdf")
def report_pdf(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        scope.require(Action.export)
        name, found = scope.workspace.name, service.report(scope)
    content = service.pdf(name, found, f"Generated {date.today().isoformat()}")
    return Response(content, media_type="application/pdf",
                    headers={"Content-Disposition": 'attachment; filename="win-loss.pdf"'})
