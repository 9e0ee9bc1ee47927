"""`POST /workspaces/{w}/evidence/bulk` and `/opportunities/bulk`: one action on up to 500
objects in one transaction, answering with counts and the message the web shows."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.inbound.bulk import service
from tandem.inbound.bulk.schemas import MAX_IDS, BulkResult, EvidenceBulk, OpportunityBulk

router = APIRouter()
RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"description": "The caller may not take this action here."},
    422: {"description": "An id not in the workspace, a missing target or a refused change; "
                         "nothing was changed."}}
ALL_OR_NOTHING = (f"At most {MAX_IDS} ids. All or nothing: one refused object (an id not in "
                  "the workspace, a change a rule refuses) changes none. Objects already as "
                  "asked are counted as `unchanged`.")


@router.post("/workspaces/{workspace}/evidence/bulk", response_model=BulkResult,
             tags=["Evidence"], responses=RESPONSES,
             summary="Link, tag, move (to a segment) or delete many pieces of evidence",
             description=ALL_OR_NOTHING)
def evidence_bulk(workspace: str, body: EvidenceBulk, runtime: RuntimeDep,
                  actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return service.evidence_bulk(scope, body)


@router.post("/workspaces/{workspace}/opportunities/bulk", response_model=BulkResult,
             tags=["Opportunities"], responses=RESPONSES,
             summary="Link to a release, move (to a status) or delete many opportunities",
             description=ALL_OR_NOTHING)
def opportunity_bulk(workspace: str, body: OpportunityBulk, runtime: RuntimeDep,
                     actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return service.opportunity_bulk(scope, body)
