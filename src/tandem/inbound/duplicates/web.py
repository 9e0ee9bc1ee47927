"""The duplicates review queue: merge a group into one item or dismiss it; and, on an
evidence item's page, the items that were merged into it."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.errors import Invalid
from tandem.inbound.duplicates import service
from tandem.inbound.duplicates.jobs import SCAN
from tandem.platform.feature import Panel
from tandem.platform.jobs import service as jobs
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope
from tandem.web.context import FormDep, form_text, redirect_with, runtime_of, workspace, ws_url
from tandem.web.jobs import job_redirect
from tandem.web.render import plural, render

router = APIRouter()
SHOWN = 50


def _ids(form: FormData, name: str = "ids") -> list[int]:
    values = [v for v in form.getlist(name) if isinstance(v, str)]
    if not 1 <= len(values) <= service.MAX_MERGE + 1:
        raise Invalid(f"Pick 2 to {service.MAX_MERGE + 1} items.", name)
    out = []
    for value in values:
        if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
            raise Invalid(f"'{value[:20]}' is not an evidence id.", name)
        out.append(int(value))
    return out


def _page(request: Request, slug: str, error: str = "", status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        groups, total = service.queue(scope, SHOWN)
        return render(request, "duplicates/queue.html", {
            "current": "evidence/duplicates", "groups": groups, "total": total,
            "shown": SHOWN, "error": error, "can_scan": scope.can(Action.run_job),
            "can_merge": scope.can(Action.update) and scope.can(Action.delete)}, status=status)


@router.get("/w/{slug}/evidence/duplicates")
def queue_page(request: Request, slug: str) -> Response:
    return _page(request, slug)


@router.post("/w/{slug}/evidence/duplicates/merge")
def merge(request: Request, slug: str, form: FormDep) -> Response:
    try:
        ids = _ids(form)
        keep = form_text(form, "keep")
        if not keep.isdigit() or int(keep) not in ids:
            raise Invalid("Choose which item to keep.", "keep")
        with workspace(request, slug) as scope:
            service.merge(scope, int(keep), [i for i in ids if i != int(keep)])
    except Invalid as exc:
        return _page(request, slug, exc.message, 422)
    merged = plural(len(ids) - 1, "item")
    return redirect_with(request, ws_url(slug, "evidence/duplicates"),
                         f"Merged {merged} into evidence {keep}; its customers, links and "
                         "tags were kept.")


@router.post("/w/{slug}/evidence/duplicates/dismiss")
def dismiss(request: Request, slug: str, form: FormDep) -> Response:
    try:
        ids = _ids(form)
        with workspace(request, slug) as scope:
            count = service.dismiss(scope, ids)
    except Invalid as exc:
        return _page(request, slug, exc.message, 422)
    return redirect_with(request, ws_url(slug, "evidence/duplicates"),
                         f"Dismissed {plural(count, 'pair')}: they will not be proposed again.")


@router.post("/w/{slug}/evidence/duplicates/scan")
def scan(request: Request, slug: str) -> Response:
    model = runtime_of(request).embedder.name
    with workspace(request, slug) as scope:
        job_id = jobs.enqueue(scope, SCAN, {"model": model}).id
    return job_redirect(request, slug, job_id)


def merged_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                 ) -> Panel | None:
    """On an evidence page: the items merged into it, each with its customer."""
    if kind != "evidence":
        return None
    merges = service.merges_into(scope, obj_id)
    if not merges:
        return None
    return Panel("duplicates/_merged.html", {"merged_duplicates": merges})
