"""Win/loss over REST: record deals (one or a CSV), read the report (JSON or Markdown)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.errors import Invalid
from tandem.market.winloss import calc, service
from tandem.market.winloss.models import Deal
from tandem.market.winloss.schemas import (
    DealCreate,
    DealPublic,
    ImportReport,
    RateOut,
    ReasonOut,
    ReportOut,
)
from tandem.scope import Scope

router = APIRouter(tags=["Win/loss"])
BASE = "/workspaces/{workspace}/deals"
MAX_UPLOAD = 5 * 1024 * 1024


def _public(scope: Scope, found: list[Deal]) -> list[DealPublic]:
    links = service.evidence_of(scope, [d.id for d in found])
    return [DealPublic(id=d.id, name=d.name, outcome=calc.Outcome(d.outcome), company=d.company,
                       competitor_id=d.competitor_id, segment_id=d.segment_id,
                       amount=d.amount, closed_on=d.closed_on,
                       reasons=d.reasons.splitlines(), quote=d.quote,
                       interviewee_role=d.interviewee_role, evidence_ids=links[d.id],
                       created_at=d.created_at) for d in found]


def _rate(label: str, rate: calc.WinRate) -> RateOut:
    return RateOut(label=label, won=rate.won, lost=rate.lost, no_decision=rate.no_decision,
                   win_rate_excluding_no_decision=rate.excluding,
                   win_rate_including_no_decision=rate.including)


def _reasons(found: list[calc.Reason]) -> list[ReasonOut]:
    return [ReasonOut(reason=r.text, count=r.count, quotes=[q for q, _ in r.quotes])
            for r in found]


@router.get(BASE, response_model=list[DealPublic], summary="Deals, latest first")
def list_deals(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return _public(scope, service.deals(scope))


@router.post(BASE, response_model=DealPublic, status_code=201,
             summary="Record a deal; its reasons and quote become evidence")
def record_deal(workspace: str, body: DealCreate, runtime: RuntimeDep,
                actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return _public(scope, [service.record(scope, body)])[0]


@router.post(BASE + "/import", response_model=ImportReport, status_code=201,
             summary="Record deals from CSV (text/csv body), all rows or none",
             description="Columns: name, outcome (won, lost, no_decision), company, "
             "competitor and segment (names), amount, closed_on, reasons (separated by ;), "
             "quote, interviewee_role.",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "text/csv": {"schema": {"type": "string"}}}}})
async def import_deals(workspace: str, request: Request, runtime: RuntimeDep,
                       actor: ActorDep) -> ImportReport:
    raw = await request.body()
    if len(raw) > MAX_UPLOAD:
        raise Invalid("The CSV is larger than 5 MB.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid("The CSV must be UTF-8 text.") from None
    return await run_in_threadpool(_import, runtime, actor, workspace, text)


def _import(runtime: Any, actor: Any, workspace: str, text: str) -> ImportReport:
    with runtime.scope(actor, workspace) as scope:
        return ImportReport(created=len(service.import_csv(scope, text)))


@router.get("/workspaces/{workspace}/winloss/report", response_model=ReportOut,
            summary="Win rates (no decision shown both ways), breakdowns, top reasons")
def report(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        found = service.report(scope)
    return ReportOut(
        overall=_rate("all deals", found.overall),
        by_competitor=[_rate(k, r) for k, r in found.by_competitor],
        by_segment=[_rate(k, r) for k, r in found.by_segment],
        by_size=[_rate(k, r) for k, r in found.by_size],
        by_quarter=[_rate(k, r) for k, r in found.by_quarter],
        why_we_win=_reasons(found.why_we_win), why_we_lose=_reasons(found.why_we_lose))


@router.get("/workspaces/{workspace}/winloss/report.md", summary="The report as Markdown",
            responses={200: {"content": {"text/markdown": {}}}})
def report_markdown(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        text = service.markdown(scope.workspace.name, service.report(scope))
    return Response(text, media_type="text/markdown; charset=utf-8")


@router.get("/workspaces/{workspace}/winloss/report.pdf", summary="The report as PDF",
            response_class=Response, responses={200: {"content": {"application/pdf": {}}}})
def report_pdf(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        name, found = scope.workspace.name, service.report(scope)
    content = service.pdf(name, found, f"Generated {date.today().isoformat()}")
    return Response(content, media_type="application/pdf")
