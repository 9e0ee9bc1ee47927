"""Duplicate routes: the review queue, a scan (202 and a job), merge, dismiss, merge records."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import JSONResponse

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.jobs import accepted
from tandem.inbound.duplicates import service
from tandem.inbound.duplicates.jobs import SCAN
from tandem.inbound.duplicates.schemas import (
    DismissRequest,
    DuplicateGroupPublic,
    DuplicateItemPublic,
    DuplicatePairPublic,
    DuplicateQueuePublic,
    MergeRecordPublic,
    MergeRequest,
    ScanRequest,
)
from tandem.inbound.evidence.service import evidence
from tandem.platform.jobs import service as jobs
from tandem.platform.jobs.service import JobPublic

router = APIRouter()
TAGS: list[str | Any] = ["Duplicates"]


def group_public(group: service.Group) -> DuplicateGroupPublic:
    return DuplicateGroupPublic(
        items=[DuplicateItemPublic(id=e.id, text=e.text, source=e.source,
                                   customer_company=e.customer_company,
                                   customer_contact=e.customer_contact,
                                   received_on=e.received_on, tags=e.tags)
               for e in group.items],
        pairs=[DuplicatePairPublic(first_id=p.first_id, second_id=p.second_id, score=p.score)
               for p in group.pairs],
        best=group.best)


@router.get("/workspaces/{workspace}/evidence/duplicates", response_model=DuplicateQueuePublic,
            tags=TAGS, summary="Groups of near-duplicate evidence waiting for review")
def duplicate_queue(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                    limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    with runtime.scope(actor, workspace) as scope:
        groups, total = service.queue(scope, limit)
        return DuplicateQueuePublic(total=total, groups=[group_public(g) for g in groups])


@router.post("/workspaces/{workspace}/evidence/duplicates/scan", status_code=202, tags=TAGS,
             response_model=JobPublic, summary="Look for near-duplicates (a background job)",
             description="Compares every evidence item with vectors of the workspace's "
             "embedder against all others. Answers 202 with the job.")
def scan(workspace: str, runtime: RuntimeDep, actor: ActorDep,
         body: Annotated[ScanRequest, Body(default_factory=ScanRequest)]) -> JSONResponse:
    threshold = body.threshold
    model = runtime.embedder.name
    with runtime.scope(actor, workspace) as scope:
        job = jobs.enqueue(scope, SCAN, {"model": model, "threshold": threshold})
        return accepted(jobs.public(job, scope.workspace.slug))


@router.post("/workspaces/{workspace}/evidence/duplicates/merge", tags=TAGS,
             summary="Merge evidence into one item, keeping every customer, link and tag")
def merge(workspace: str, body: MergeRequest, runtime: RuntimeDep,
          actor: ActorDep) -> dict[str, Any]:
    with runtime.scope(actor, workspace) as scope:
        kept = service.merge(scope, body.keep, body.merge)
        return {"kept": kept.id, "merged": sorted(set(body.merge) - {kept.id})}


@router.post("/workspaces/{workspace}/evidence/duplicates/dismiss", tags=TAGS,
             summary="These items are not duplicates: never propose them again")
def dismiss(workspace: str, body: DismissRequest, runtime: RuntimeDep,
            actor: ActorDep) -> dict[str, Any]:
    with runtime.scope(actor, workspace) as scope:
        return {"dismissed": service.dismiss(scope, body.ids)}


@router.get("/workspaces/{workspace}/evidence/{item_id}/merges", tags=TAGS,
            response_model=list[MergeRecordPublic],
            summary="The evidence merged into this item, with their customers and links")
def merges(workspace: str, item_id: int, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        evidence.get(scope, item_id)
        return [MergeRecordPublic(merged_id=m.merged_id, merged_by=m.merged_by,
                                  snapshot=m.snapshot)
                for m in service.merges_into(scope, item_id)]
