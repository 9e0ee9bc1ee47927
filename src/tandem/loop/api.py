"""The loop's routes: overview, search, trace, links, and whole-workspace export/import."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response
from fastapi.responses import JSONResponse

from tandem.api.deps import ActorDep, RuntimeDep, SearchTerm, ShortQuery
from tandem.api.jobs import accepted
from tandem.loop import links, transfer
from tandem.loop.jobs import IMPORT, REINDEX
from tandem.loop.overview import overview
from tandem.loop.schemas import (
    AttentionPublic,
    HitPublic,
    LinkRequest,
    OverviewPublic,
    TracePublic,
)
from tandem.loop.search import search
from tandem.platform.jobs import service as jobs
from tandem.platform.jobs.service import JobPublic

router = APIRouter()


@router.get("/workspaces/{workspace}/overview", response_model=OverviewPublic, tags=["loop"],
            summary="The loop at a glance: counts, roadmap and what needs attention")
def get_overview(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        view = overview(scope)
        return OverviewPublic(
            counts=view.counts,
            roadmap={h: [i.release.name for i in items] for h, items in view.board.items()},
            attention=[AttentionPublic.model_validate(a) for a in view.attention])


@router.get("/workspaces/{workspace}/search", response_model=list[HitPublic], tags=["loop"])
def search_workspace(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                     q: Annotated[SearchTerm, Query(min_length=1)]) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [HitPublic.model_validate(h) for h in search(scope, q)]


@router.post("/workspaces/{workspace}/search/reindex", status_code=202, tags=["loop"],
             response_model=JobPublic, summary="Rebuild the search index (a background job)",
             description="Answers 202 with the job; poll its `url` until it has finished.")
def reindex_search(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> JSONResponse:
    with runtime.scope(actor, workspace) as scope:
        job = jobs.enqueue(scope, REINDEX)
        return accepted(jobs.public(job, scope.workspace.slug))


@router.get("/workspaces/{workspace}/{kind}/{item_id}/trace", response_model=TracePublic,
            tags=["loop"], summary="Follow links upstream and downstream from one object")
def trace(workspace: str, kind: str, item_id: int, runtime: RuntimeDep,
          actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        found = links.trace(scope, kind, item_id)
        return TracePublic.model_validate(found, from_attributes=True)


@router.post("/workspaces/{workspace}/links", status_code=201, tags=["loop"],
             summary="Link two objects (evidence-opportunity, opportunity-release, "
             "message-evidence)")
def create_link(workspace: str, body: LinkRequest, runtime: RuntimeDep,
                actor: ActorDep) -> dict[str, Any]:
    with runtime.scope(actor, workspace) as scope:
        links.link(scope, body.from_type, body.from_id, body.to_type, body.to_id,
                   body.importance)
    return body.model_dump()


@router.delete("/workspaces/{workspace}/links", status_code=204, tags=["loop"])
def delete_link(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                from_type: str, from_id: int, to_type: str, to_id: int) -> Response:
    with runtime.scope(actor, workspace) as scope:
        links.unlink(scope, from_type, from_id, to_type, to_id)
    return Response(status_code=204)


@router.get("/workspaces/{workspace}/export", tags=["transfer"],
            summary="The whole workspace as one JSON document")
def export_workspace(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> dict[str, Any]:
    with runtime.scope(actor, workspace) as scope:
        return transfer.export_workspace(scope)


@router.post("/workspaces/import", status_code=202, response_model=JobPublic,
             tags=["transfer"], summary="Create a new workspace from an export (a job)",
             description="Checks the whole file first (422 names the place of any problem), "
             "creates the workspace, then writes the objects in a background job: answers "
             "202 with the job; poll its `url`. Its result names the workspace and, under "
             "`accounts`, the e-mails of the referenced user accounts that were matched to "
             "users of this server and those that were not (left empty).")
def import_workspace(runtime: RuntimeDep, actor: ActorDep,
                     data: Annotated[dict[str, Any], Body()],
                     slug: ShortQuery = None, name: ShortQuery = None,
                     owner: ShortQuery = None) -> JSONResponse:
    plan = transfer.plan_import(data)
    with runtime.session() as session:
        scope = transfer.start_import(session, plan, actor, slug, name, owner)
        job = jobs.enqueue(scope, IMPORT, {"data": data})
        return accepted(jobs.public(job, scope.workspace.slug))
