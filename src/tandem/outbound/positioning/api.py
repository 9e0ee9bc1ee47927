"""Positioning canvas routes: list, create, work the draft, save versions, compare them."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.crud import require_version
from tandem.outbound.positioning import service
from tandem.outbound.positioning.models import PositioningVersion
from tandem.outbound.positioning.schemas import (
    CanvasCreate,
    CanvasPublic,
    DiffRowPublic,
    DraftUpdate,
    StatementsPublic,
    VersionCreate,
    VersionPublic,
)
from tandem.schema import MAX_ID

router = APIRouter(tags=["Positioning"])
BASE = "/workspaces/{workspace}/positioning"


def _statements(found: object) -> StatementsPublic | None:
    return StatementsPublic.model_validate(found, from_attributes=True) if found else None


def _version(view: service.CanvasView, v: PositioningVersion) -> VersionPublic:
    return VersionPublic(number=v.number, note=v.note, author=v.author_label,
                         created_at=v.created_at, current=v.number == view.canvas.current_version,
                         content=v.content, statements=_statements(view.statements_of(v)))


def public(view: service.CanvasView) -> CanvasPublic:
    statements, problem = view.draft_statements()
    current = view.current
    return CanvasPublic(
        id=view.canvas.id, product_id=view.canvas.product_id, product=view.product,
        segment_id=view.canvas.segment_id, segment=view.segment, draft=view.canvas.draft,
        current_version=view.canvas.current_version, row_version=view.canvas.row_version,
        current=_version(view, current) if current else None,
        draft_statements=_statements(statements), draft_problem=problem,
        versions=[_version(view, v) for v in view.versions])


@router.get(BASE, response_model=list[CanvasPublic], summary="Every positioning canvas")
def list_canvases(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> list[CanvasPublic]:
    with runtime.scope(actor, workspace) as scope:
        return [public(v) for v in service.all_views(scope)]


@router.post(BASE, response_model=CanvasPublic, status_code=201,
             summary="Start a canvas for a product (optionally a segment)")
def create_canvas(workspace: str, body: CanvasCreate, runtime: RuntimeDep,
                  actor: ActorDep) -> CanvasPublic:
    with runtime.scope(actor, workspace) as scope:
        canvas = service.create(scope, body)
        return public(service.view(scope, canvas.id))


@router.get(BASE + "/{canvas_id}", response_model=CanvasPublic, summary="One canvas")
def get_canvas(workspace: str, canvas_id: int, response: Response, runtime: RuntimeDep,
               actor: ActorDep) -> CanvasPublic:
    with runtime.scope(actor, workspace) as scope:
        found = service.view(scope, canvas_id)
        set_etag(response, found.canvas)
        return public(found)


@router.patch(BASE + "/{canvas_id}/draft", response_model=CanvasPublic,
              summary="Save steps of the draft (send only the fields of those steps)",
              description="With If-Match, only if the canvas is still at that version (412 "
              "otherwise); the ETag is the canvas's version.", responses=STALE_RESPONSES)
def update_draft(workspace: str, canvas_id: int, body: DraftUpdate, response: Response,
                 version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> CanvasPublic:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.view(scope, canvas_id).canvas, version, "positioning canvas")
        service.update_draft(scope, canvas_id, body)
        scope.session.flush()
        found = service.view(scope, canvas_id)
        set_etag(response, found.canvas)
        return public(found)


@router.post(BASE + "/{canvas_id}/versions", response_model=VersionPublic, status_code=201,
             summary="Save the draft as the next version and make it current")
def save_version(workspace: str, canvas_id: int, body: VersionCreate, runtime: RuntimeDep,
                 actor: ActorDep) -> VersionPublic:
    with runtime.scope(actor, workspace) as scope:
        version = service.save_version(scope, canvas_id, body)
        return _version(service.view(scope, canvas_id), version)


@router.post(BASE + "/{canvas_id}/versions/{number}/current", response_model=CanvasPublic,
             summary="Make a saved version the current one")
def make_current(workspace: str, canvas_id: int, number: int, runtime: RuntimeDep,
                 actor: ActorDep) -> CanvasPublic:
    with runtime.scope(actor, workspace) as scope:
        service.make_current(scope, canvas_id, number)
        return public(service.view(scope, canvas_id))


@router.get(BASE + "/{canvas_id}/diff", response_model=list[DiffRowPublic],
            summary="Two versions side by side (leave one out to compare with the draft)")
def diff(workspace: str, canvas_id: int, runtime: RuntimeDep, actor: ActorDep,
         left: int | None = Query(None, ge=1, le=MAX_ID),
         right: int | None = Query(None, ge=1, le=MAX_ID)) -> list[DiffRowPublic]:
    with runtime.scope(actor, workspace) as scope:
        return [DiffRowPublic(field=r.field, label=r.label, before=r.before, after=r.after,
                              changed=r.changed)
                for r in service.compare(scope, canvas_id, left, right)]


@router.delete(BASE + "/{canvas_id}", status_code=204, summary="Delete a canvas and its versions",
               responses=STALE_RESPONSES)
def delete_canvas(workspace: str, canvas_id: int, version: IfMatch, runtime: RuntimeDep,
                  actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        service.delete(scope, canvas_id, expected=version)
    return Response(status_code=204)
