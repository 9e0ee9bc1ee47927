"""The audit log in the web: a page for the workspace, a History panel on every object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.errors import Invalid
from tandem.paging import DEFAULT_LIMIT, MAX_LIMIT
from tandem.platform.events import service
from tandem.platform.events.models import Event
from tandem.platform.feature import Panel
from tandem.platform.policy import Action
from tandem.registry import RESOURCES
from tandem.scope import Scope
from tandem.web.context import workspace
from tandem.web.pager import page_links, query_int
from tandem.web.render import render

router = APIRouter()
PANEL_SIZE = 8
VERBS = ("created", "updated", "deleted", "linked", "unlinked", "member_added",
         "member_removed", "role_changed", "job_started", "job_cancelled")
OTHER_KINDS = ("members", "jobs")  # recorded in the log without being record kinds


def href(slug: str, event: Event) -> str | None:
    """Where the event's object lives, while it still does (deleted ones have no page)."""
    if event.object_id is None or event.verb == "deleted":
        return None
    if event.kind in RESOURCES or event.kind == "jobs":
        return f"/w/{slug}/{event.kind}/{event.object_id}"
    return None


def kind_label(kind: str) -> str:
    return RESOURCES[kind].label if kind in RESOURCES else kind.replace("_", " ").capitalize()


@router.get("/w/{slug}/audit")
def audit_page(request: Request, slug: str) -> Response:
    query = request.query_params
    kind = (query.get("kind") or "").strip()[:64] or None
    verb = (query.get("verb") or "").strip()[:32] or None
    raw_id = (query.get("object_id") or "").strip()
    object_id = int(raw_id) if raw_id.isdecimal() and len(raw_id) < 19 else None
    offset = query_int(query.get("offset"), 0, 0, 10**9)
    limit = query_int(query.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT)
    with workspace(request, slug) as scope:
        try:
            page = service.history(scope, kind=kind, object_id=object_id, verb=verb,
                                   offset=offset, limit=limit)
        except Invalid:
            page = service.history(scope, limit=limit)
        params = {k: v for k, v in (("kind", kind), ("verb", verb),
                                    ("object_id", str(object_id) if object_id else None))
                  if v}
        return render(request, "audit/audit.html", {
            "current": "audit", "events": page.items, "page": page, "kind": kind,
            "verb": verb, "object_id": object_id, "kinds": [*RESOURCES, *OTHER_KINDS],
            "verbs": VERBS, "href": href, "kind_label": kind_label,
            "pages": page_links(f"/w/{slug}/audit", params, page),
        })


def history_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                  ) -> Panel | None:
    """The last few changes to an object, on its detail page, for those who may read them."""
    if not scope.can(Action.read_audit):
        return None
    page = service.history(scope, kind=kind, object_id=obj_id, limit=PANEL_SIZE)
    context: dict[str, Any] = {"history": page.items, "history_total": page.total,
                               "history_href": f"/w/{scope.workspace.slug}/audit?"
                               + urlencode({"kind": kind, "object_id": obj_id})}
    return Panel("audit/_history.html", context, wide=True)
