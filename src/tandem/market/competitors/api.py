"""Competitor intelligence over REST: aliases, mentions to review, the timeline, the scan."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.jobs import accepted
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch
from tandem.market.competitor import competitors
from tandem.market.competitors import prices, service
from tandem.market.competitors.jobs import SCAN
from tandem.market.competitors.models import MentionStatus
from tandem.market.competitors.schemas import (
    AliasCreate,
    ChangeCreate,
    ChangePublic,
    MentionPublic,
    PriceObserved,
    PricePublic,
    ProfilePublic,
)
from tandem.platform.jobs import service as jobs
from tandem.platform.jobs.service import JobPublic
from tandem.schema import MAX_ID

router = APIRouter(tags=["Competitors"])
ONE = "/workspaces/{workspace}/competitors/{competitor_id}"


def _mention(m: service.Mention) -> MentionPublic:
    return MentionPublic(id=m.row.id, competitor_id=m.row.competitor_id,
                         evidence_id=m.row.evidence_id, matched=m.row.matched,
                         status=MentionStatus(m.row.status), text=m.evidence.text,
                         customer_company=m.evidence.customer_company,
                         received_on=m.evidence.received_on, created_at=m.row.created_at)


@router.get(ONE + "/profile", response_model=ProfilePublic,
            summary="Aliases, mention counts and the timeline of changes")
def profile(workspace: str, competitor_id: int, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        competitor = competitors.get(scope, competitor_id)
        found = service.counts(scope, competitor_id)
        return ProfilePublic(
            competitor_id=competitor.id, name=competitor.name,
            aliases=service.aliases(scope, competitor_id), linked=found["linked"],
            rejected=found["rejected"],
            timeline=[ChangePublic.model_validate(c)
                      for c in service.timeline(scope, competitor_id)])


@router.post(ONE + "/aliases", response_model=list[str], status_code=201,
             summary="Add an alias (another name the competitor goes by)")
def add_alias(workspace: str, competitor_id: int, body: AliasCreate, runtime: RuntimeDep,
              actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return service.add_alias(scope, competitor_id, body)


@router.delete(ONE + "/aliases", response_model=list[str], summary="Remove an alias")
def remove_alias(workspace: str, competitor_id: int, runtime: RuntimeDep, actor: ActorDep,
                 alias: Annotated[str, Query(min_length=1, max_length=100)]) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return service.remove_alias(scope, competitor_id, alias)


@router.get(ONE + "/mentions", response_model=list[MentionPublic],
            summary="Evidence that mentions the competitor, newest first")
def mentions(workspace: str, competitor_id: int, runtime: RuntimeDep, actor: ActorDep,
             status: Annotated[MentionStatus | None, Query()] = None,
             limit: Annotated[int, Query(ge=1, le=500)] = 100) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [_mention(m) for m in service.mentions(scope, competitor_id, status, limit)]


@router.post("/workspaces/{workspace}/competitor-mentions/{mention_id}/{status}",
             response_model=dict[str, Any],
             summary="Reject a false match (status rejected) or restore it (linked)")
def review(workspace: str, mention_id: int, status: Literal["linked", "rejected"],
           runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        row = service.review(scope, mention_id, service.check_status(status))
        return {"id": row.id, "status": row.status}


@router.post("/workspaces/{workspace}/competitors/scan", status_code=202,
             response_model=JobPublic,
             summary="Link all evidence that names a competitor (a background job)",
             description="Whole words, any case, names and aliases. Rejected links stay "
             "rejected. Answers 202 with the job; poll its `url`.")
def scan(workspace: str, runtime: RuntimeDep, actor: ActorDep,
         competitor_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None) -> JSONResponse:
    with runtime.scope(actor, workspace) as scope:
        if competitor_id is not None:
            competitors.get(scope, competitor_id)
        args = {"competitor_id": competitor_id} if competitor_id is not None else {}
        return accepted(jobs.public(jobs.enqueue(scope, SCAN, args), scope.workspace.slug))


@router.get(ONE + "/changes", response_model=list[ChangePublic],
            summary="The competitor's timeline of changes, newest first")
def changes(workspace: str, competitor_id: int, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [ChangePublic.model_validate(c) for c in service.timeline(scope, competitor_id)]


@router.post(ONE + "/changes", response_model=ChangePublic, status_code=201,
             summary="Record a change: new pricing, a launch, a repositioning")
def add_change(workspace: str, competitor_id: int, body: ChangeCreate, runtime: RuntimeDep,
               actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return ChangePublic.model_validate(service.add_change(scope, competitor_id, body))


@router.delete(ONE + "/changes/{change_id}", status_code=204, summary="Remove a change")
def delete_change(workspace: str, competitor_id: int, change_id: int, runtime: RuntimeDep,
                  actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        service.delete_change(scope, competitor_id, change_id)
    return Response(status_code=204)


def _price(row: Any) -> PricePublic:
    found = PricePublic.model_validate(row)
    found.label = prices.label(row)
    return found


@router.get(ONE + "/prices", response_model=list[PricePublic],
            summary="The competitor's plans and prices, cheapest first")
def list_prices(workspace: str, competitor_id: int, runtime: RuntimeDep,
                actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [_price(p) for p in prices.prices(scope, competitor_id)]


@router.post(ONE + "/prices", response_model=PricePublic, status_code=201,
             summary="Record a plan's price as seen (the same plan, period and unit is "
             "updated); new and changed prices go into the timeline")
def observe_price(workspace: str, competitor_id: int, body: PriceObserved,
                  runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return _price(prices.observe(scope, competitor_id, body))


@router.delete(ONE + "/prices/{price_id}", status_code=204, summary="Remove a price point",
               responses=STALE_RESPONSES)
def remove_price(workspace: str, competitor_id: int, price_id: int, version: IfMatch,
                 runtime: RuntimeDep, actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        prices.remove(scope, competitor_id, price_id, expected=version)
    return Response(status_code=204)
