"""The bulk action bar on the evidence and opportunities lists, and its one POST route.

The bar is a `ListTool`: the generic list page puts a checkbox on each row, bound to the bar's
form, and a "select all on this page" box in the header. Delete first shows a confirmation
page listing what will go; everything else runs at once and comes back with the message.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.errors import Invalid
from tandem.inbound.bulk import service
from tandem.inbound.bulk.schemas import MAX_IDS, BulkAction, EvidenceBulk, OpportunityBulk
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityStatus, opportunities
from tandem.platform.feature import ListTool
from tandem.registry import kind as kind_of
from tandem.schema import MAX_ID, whole_number
from tandem.scope import Scope
from tandem.web.actions import act
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.forms import enum_options, ref_options
from tandem.web.render import render

router = APIRouter()
FORM_ID = "bulk-form"


def bulk_bar(scope: Scope, kind: str, back: str) -> ListTool | None:
    """The action bar, for people who may change things, on the two lists that have one."""
    if not scope.can_write or kind not in (evidence.name, opportunities.name):
        return None
    if kind == evidence.name:
        context: dict[str, Any] = {
            "link_label": "Link to opportunity", "link_field": "opportunity_id",
            "link_button": "Link",
            "link_options": ref_options(scope, "opportunities"), "tags": True,
            "move_label": "Move to segment", "move_field": "segment_id",
            "move_options": ref_options(scope, "segments")}
    else:
        context = {
            "link_label": "Add to release", "link_field": "release_id",
            "link_button": "Add",
            "link_options": ref_options(scope, "releases"), "tags": False,
            "move_label": "Move to status", "move_field": "status",
            "move_options": enum_options(OpportunityStatus)}
    context.update(kind=kind, back=back, form_id=FORM_ID, max_ids=MAX_IDS)
    return ListTool("bulk/_bar.html", context, FORM_ID)


def _back(slug: str, kind: str, form: FormData) -> str:
    """Where to return: the list page the bar was on (its filters and page), else the list."""
    home = ws_url(slug, kind)
    back = form_text(form, "back")
    return back if back == home or back.startswith(home + "?") else home


def _ids(form: FormData) -> list[int]:
    raw = [v for v in form.getlist("ids") if isinstance(v, str)]
    ids = [whole_number(v, 1, MAX_ID) for v in raw[:MAX_IDS + 1]]
    if not raw:
        raise Invalid("Select at least one row first.", "ids")
    if any(i is None for i in ids):
        raise Invalid("The selection holds something that is not an id.", "ids")
    return [i for i in ids if i is not None]


def _body(kind: str, form: FormData, ids: list[int]) -> BaseModel:
    fields = ("opportunity_id", "tag", "segment_id") if kind == evidence.name \
        else ("release_id", "status")
    values: dict[str, Any] = {"action": form_text(form, "action"), "ids": ids}
    values.update({f: form_text(form, f) for f in fields if form_text(form, f).strip()})
    schema = EvidenceBulk if kind == evidence.name else OpportunityBulk
    return schema.model_validate(values)


def _run(scope: Scope, kind: str, form: FormData) -> Any:
    """Ask the policy first (a viewer gets 403 whatever the form holds), then the form."""
    raw = form_text(form, "action")
    asked = BulkAction(raw) if raw in set(BulkAction) else BulkAction.move
    service.require_for(asked, scope, kind_of(kind).resource)
    body = _body(kind, form, _ids(form))
    if isinstance(body, EvidenceBulk):
        return service.evidence_bulk(scope, body)
    assert isinstance(body, OpportunityBulk)
    return service.opportunity_bulk(scope, body)


def _bulk(request: Request, slug: str, kind: str, form: FormData) -> Response:
    back = _back(slug, kind, form)
    if form_text(form, "action") == BulkAction.delete.value and not form_text(form, "confirm"):
        return _confirm(request, slug, kind, form, back)
    return act(request, slug, back, lambda scope: _run(scope, kind, form),
               lambda result: str(result.message))


def _confirm(request: Request, slug: str, kind: str, form: FormData, back: str) -> Response:
    """Delete, step one: the list of what will go, and one button to go ahead."""
    res = kind_of(kind).resource
    with workspace(request, slug) as scope:
        service.require_for(BulkAction.delete, scope, res)
        try:
            ids = _ids(form)
        except Invalid as exc:
            return redirect_with(request, back, exc.message, "error")
        items = service.selected(scope, res, ids)
        return render(request, "bulk/confirm.html", {
            "res": res, "kind": kind, "current": kind, "back": back,
            "items": [(o.id, res.title_of(o)) for o in items],
            "noun": service.count(kind, len(items)),
            "note": kind_of(kind).view.delete_note})


@router.post("/w/{slug}/evidence/bulk")
def evidence_bulk(request: Request, slug: str, form: FormDep) -> Response:
    return _bulk(request, slug, evidence.name, form)


@router.post("/w/{slug}/opportunities/bulk")
def opportunity_bulk(request: Request, slug: str, form: FormDep) -> Response:
    return _bulk(request, slug, opportunities.name, form)
