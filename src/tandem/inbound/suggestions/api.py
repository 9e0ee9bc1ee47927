"""Suggested evidence over the API: list, accept (link), reject (remembered), restore; and
the opportunity's customer quotes ranked for writing. Sync routes: embedding the
opportunity's words runs in the threadpool."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.inbound.suggestions import service
from tandem.inbound.suggestions.schemas import (
    AcceptBody,
    QuotePublic,
    RejectBody,
    SuggestedItem,
    SuggestionsPublic,
)
from tandem.schema import Id

router = APIRouter(tags=["suggestions"])
PATH = "/workspaces/{workspace}/opportunities/{opportunity_id}"


def public(found: service.Suggestions) -> SuggestionsPublic:
    return SuggestionsPublic(
        opportunity_id=found.opportunity.id, available=found.available,
        rejected=found.rejected, note=found.note,
        items=[SuggestedItem(id=s.evidence.id, text=s.evidence.text,
                             customer_company=s.evidence.customer_company,
                             customer_contact=s.evidence.customer_contact,
                             source=s.evidence.source, received_on=s.evidence.received_on,
                             similarity=round(s.similarity, 4)) for s in found.items])


@router.get(PATH + "/suggestions", response_model=SuggestionsPublic,
            summary="Unlinked evidence nearest in meaning to the opportunity")
def get_suggestions(workspace: str, opportunity_id: Id, runtime: RuntimeDep, actor: ActorDep,
                    limit: Annotated[int, Query(ge=1, le=service.MAX_LIMIT)] = 10) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return public(service.suggest(scope, runtime.embedder, opportunity_id, limit))


@router.post(PATH + "/suggestions/accept", response_model=dict[str, Any],
             summary="Accept a suggestion: link the evidence to the opportunity")
def accept(workspace: str, opportunity_id: Id, body: AcceptBody, runtime: RuntimeDep,
           actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        service.accept(scope, opportunity_id, body.evidence_id, body.importance)
        return {"linked": body.evidence_id, "opportunity_id": opportunity_id}


@router.post(PATH + "/suggestions/reject", response_model=dict[str, Any],
             summary="Reject a suggestion: it is never suggested for this opportunity again")
def reject(workspace: str, opportunity_id: Id, body: RejectBody, runtime: RuntimeDep,
           actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        new = service.reject(scope, opportunity_id, body.evidence_id)
        return {"rejected": body.evidence_id, "new": new}


@router.post(PATH + "/suggestions/restore", response_model=dict[str, Any],
             summary="Offer a rejected item again")
def restore(workspace: str, opportunity_id: Id, body: RejectBody, runtime: RuntimeDep,
            actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return {"restored": service.restore(scope, opportunity_id, body.evidence_id)}


@router.get(PATH + "/quotes", response_model=list[QuotePublic],
            summary="The opportunity's customer quotes, best for requirements first",
            description="Ranked by similarity to the opportunity, the importance the "
            "customer gave it and the customer's ARR.")
def get_quotes(workspace: str, opportunity_id: Id, runtime: RuntimeDep, actor: ActorDep,
               limit: Annotated[int, Query(ge=1, le=service.MAX_QUOTES)] = 10) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [QuotePublic(evidence_id=q.evidence.id, text=q.evidence.text,
                            company=q.company, importance=q.importance, arr=q.arr,
                            similarity=None if q.similarity is None
                            else round(q.similarity, 4), score=round(q.score, 4))
                for q in service.quotes(scope, runtime.embedder, opportunity_id, limit)]
