"""Requirements over the API: read and write the document, move its status, hand it off,
export it as Markdown, HTML or PDF. Every route is a sync def, so FastAPI runs it in its
threadpool: a PDF renders off the event loop."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.crud import require_version
from tandem.inbound.requirements import export, service
from tandem.inbound.requirements.schemas import (
    HandoffBody,
    RequirementBody,
    RequirementPublic,
    StatusBody,
)
from tandem.schema import Id

router = APIRouter(tags=["requirements"])
PATH = "/workspaces/{workspace}/opportunities/{opportunity_id}/requirements"


@router.get("/workspaces/{workspace}/requirements", response_model=list[dict[str, Any]],
            summary="Every requirements document of the workspace, latest first")
def list_requirements(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [{"id": r.id, "opportunity_id": r.opportunity_id, "opportunity_title": title,
                 "title": r.title, "status": r.status, "updated_at": r.updated_at}
                for r, title in service.all_requirements(scope)]


@router.get(PATH, response_model=RequirementPublic,
            summary="The opportunity's requirements, citations checked against the evidence")
def get_requirements(workspace: str, opportunity_id: Id, response: Response,
                     runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        found = service.document(scope, opportunity_id)
        saved = service.find(scope, opportunity_id)
        if saved is not None:
            set_etag(response, saved)
        return found


@router.put(PATH, response_model=RequirementPublic,
            summary="Write the whole requirements document (created on first PUT)",
            description="Each citation is an evidence id and a quote that must appear in "
            "that evidence's text (case and spacing aside); 422 names the place otherwise. "
            "With If-Match, only if the document is still at that version (412 otherwise).",
            responses=STALE_RESPONSES)
def put_requirements(workspace: str, opportunity_id: Id, body: RequirementBody,
                     response: Response, version: IfMatch, runtime: RuntimeDep,
                     actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.find(scope, opportunity_id), version, "requirements document")
        saved = service.save(scope, opportunity_id, body)
        scope.session.flush()
        set_etag(response, saved)
        return service.public(scope, saved)


@router.post(PATH + "/status", response_model=RequirementPublic,
             summary="Submit for review, approve, or send back to draft")
def post_status(workspace: str, opportunity_id: Id, body: StatusBody, runtime: RuntimeDep,
                actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return service.public(scope, service.set_status(scope, opportunity_id, body.status))


@router.post(PATH + "/handoff", response_model=RequirementPublic,
             summary="Hand approved requirements to development (what, to whom, ticket)")
def post_handoff(workspace: str, opportunity_id: Id, body: HandoffBody, runtime: RuntimeDep,
                 actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return service.public(scope, service.hand_off(scope, opportunity_id, body))


@router.get(PATH + "/export", response_class=Response,
            summary="The PRD as Markdown, HTML or PDF (citations as footnotes)",
            responses={200: {"content": {"text/markdown": {}, "text/html": {},
                                         "application/pdf": {}}}})
def get_export(workspace: str, opportunity_id: Id, runtime: RuntimeDep, actor: ActorDep,
               format: Annotated[Literal["md", "html", "pdf"], Query(
                   description="md, html or pdf")] = "md") -> Response:
    with runtime.scope(actor, workspace) as scope:
        doc = service.document(scope, opportunity_id)
    data = export.render(doc, format)
    name = export.filename(doc, format)
    return Response(data, media_type=export.FORMATS[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
