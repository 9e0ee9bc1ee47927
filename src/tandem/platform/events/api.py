"""The audit log over the API: a workspace's events, and one object's history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from tandem.api.deps import ActorDep, Limit, Offset, RuntimeDep
from tandem.paging import DEFAULT_LIMIT, Page
from tandem.platform.events import service
from tandem.platform.events.models import Event
from tandem.platform.events.schemas import EventPage, EventPublic
from tandem.registry import readable

router = APIRouter(tags=["audit"])


def _page(page: Page[Event]) -> EventPage:
    return EventPage(items=[EventPublic.model_validate(e) for e in page.items],
                     total=page.total, offset=page.offset, limit=page.limit,
                     next_offset=page.next_offset)


@router.get("/workspaces/{workspace}/events", response_model=EventPage,
            summary="The audit log: every change in the workspace, newest first")
def list_events(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                kind: Annotated[str | None, Query(max_length=64)] = None,
                object_id: Annotated[int | None, Query(ge=1)] = None,
                verb: Annotated[str | None, Query(max_length=32)] = None,
                offset: Offset = 0, limit: Limit = DEFAULT_LIMIT) -> EventPage:
    with runtime.scope(actor, workspace) as scope:
        return _page(service.history(scope, kind=kind, object_id=object_id, verb=verb,
                                     offset=offset, limit=limit))


@router.get("/workspaces/{workspace}/{kind}/{item_id}/events", response_model=EventPage,
            summary="One object's history, newest first")
def object_events(workspace: str, kind: str, item_id: int, runtime: RuntimeDep,
                  actor: ActorDep, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT
                  ) -> EventPage:
    res = readable(kind)
    with runtime.scope(actor, workspace) as scope:
        res.get(scope, item_id)  # a missing object is a 404, not an empty history
        return _page(service.history(scope, kind=kind, object_id=item_id, offset=offset,
                                     limit=limit))
