"""Segment and persona profiles over REST: what every side knows about one of them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.loop.links import LinkedPublic
from tandem.market.persona import personas
from tandem.market.profile import service
from tandem.market.profile.schemas import (
    CompanyFitPublic,
    InboundPublic,
    MarketPublic,
    MatrixLinePublic,
    OutboundPublic,
    ProfilePublic,
    QuotePublic,
    RankedPublic,
    SizingFigurePublic,
    TitledPublic,
    WinLossPublic,
)
from tandem.market.segment import segments

router = APIRouter(tags=["Segments and personas"])


def public(kind: str, obj_id: int, name: str, known: service.Known) -> ProfilePublic:
    rate = known.winloss
    return ProfilePublic(
        kind=kind, id=obj_id, name=name,
        inbound=InboundPublic(
            evidence=known.evidence_count,
            latest=[QuotePublic(evidence_id=e.id, text=e.text, company=e.customer_company)
                    for e in known.latest],
            opportunities=[RankedPublic(**vars(o)) for o in known.opportunities],
            ranked_by=known.ranked_by,
            sizing=[SizingFigurePublic(id=m.id, name=m.name, base=dict(figures))
                    for m, figures in known.sizing]),
        outbound=OutboundPublic(
            matrix=[MatrixLinePublic(id=line.row.id, house=line.house, persona=line.persona,
                                     pain=line.row.pain, key_message=line.row.key_message,
                                     call_to_action=line.row.call_to_action)
                    for line in known.matrix],
            messages=[TitledPublic(id=m.id, title=m.title) for m in known.messages],
            launches=[TitledPublic(id=la.id, title=la.name) for la in known.launches],
            campaigns=[TitledPublic(id=c.id, title=c.name) for c in known.campaigns],
            assets=[TitledPublic(id=a.id, title=a.title) for a in known.assets]),
        market=MarketPublic(
            segment_id=known.segment.id if known.segment else None,
            criteria=known.criteria,
            companies=[CompanyFitPublic(id=f.company.id, name=f.company.name,
                                        arr=f.company.arr, assigned=f.assigned,
                                        meets_criteria=f.matched) for f in known.companies],
            companies_assigned=known.assigned, companies_meeting_criteria=known.matched,
            arr=known.arr, market_size=known.market_size,
            market_size_source=known.market_size_source, coverage=known.coverage,
            win_loss=WinLossPublic(won=rate.won, lost=rate.lost, no_decision=rate.no_decision,
                                   win_rate_excluding_no_decision=rate.excluding,
                                   win_rate_including_no_decision=rate.including),
            personas=[TitledPublic(id=p.id, title=p.name) for p in known.personas],
            pricing_surveys=[TitledPublic(id=s.id, title=s.name) for s in known.surveys]),
        linked={kind: [LinkedPublic.model_validate(item) for item in items]
                for kind, items in known.by_hand.items()})


@router.get("/workspaces/{workspace}/segments/{segment_id}/profile",
            response_model=ProfilePublic,
            summary="What every side knows about a segment: evidence, opportunities, "
            "messaging, companies and ARR, win/loss")
def segment_profile(workspace: str, segment_id: int, runtime: RuntimeDep,
                    actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        known = service.for_segment(scope, segment_id)
        return public("segments", segment_id, segments.get(scope, segment_id).name, known)


@router.get("/workspaces/{workspace}/personas/{persona_id}/profile",
            response_model=ProfilePublic,
            summary="What every side knows about a persona: its evidence, opportunities, "
            "messaging-matrix rows, messages and launches, and its segment's market")
def persona_profile(workspace: str, persona_id: int, runtime: RuntimeDep,
                    actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        known = service.for_persona(scope, persona_id)
        return public("personas", persona_id, personas.get(scope, persona_id).name, known)

