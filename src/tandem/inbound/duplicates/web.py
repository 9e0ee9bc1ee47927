"""The duplicates review queue: merge a group into one item or dismiss it; and, on an
evidence item's page, the items that were merged into it."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.errors import Invalid, Stale
from tandem.inbound.duplicates import service
from tandem.inbound.duplicates.jobs import SCAN
from tandem.inbound.evidence.service import evidence
from tandem.platform.feature import Panel
from tandem.platform.jobs import service as jobs
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope
from tandem.web.context import FormDep, form_text, redirect_with, runtime_of, workspace, ws_url
from tandem.web.jobs import job_redirect
from tandem.web.render import plural, render
from tandem.web.stale import stale_page
from tandem.web.versions import form_versions, stale_action, versions_text

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
            service.merge(scope, int(keep), [i for i in ids if i != int(keep)],
                          form_versions(form))
    except Invalid as exc:
        return _page(request, slug, exc.message, 422)
    except Stale:
        return _changed(request, slug, form, ids, "merge", [("keep", keep)],
                        "Merge anyway", "Nothing was merged.")
    merged = plural(len(ids) - 1, "item")
    return redirect_with(request, ws_url(slug, "evidence/duplicates"),
                         f"Merged {merged} into evidence {keep}; its customers, links and "
                         "tags were kept.")


@router.post("/w/{slug}/evidence/duplicates/dismiss")
def dismiss(request: Request, slug: str, form: FormDep) -> Response:
    try:
        ids = _ids(form)
        with workspace(request, slug) as scope:
            count = service.dismiss(scope, ids, form_versions(form))
    except Invalid as exc:
        return _page(request, slug, exc.message, 422)
    except Stale:
        return _changed(request, slug, form, ids, "dismiss", [], "Dismiss anyway",
                        "Nothing was dismissed.")
    return redirect_with(request, ws_url(slug, "evidence/duplicates"),
                         f"Dismissed {plural(count, 'pair')}: they will not be proposed again.")


def _changed(request: Request, slug: str, form: FormData, ids: list[int], step: str,
             resend: list[tuple[str, str]], anyway: str, nothing: str) -> Response:
    """The 409 page of a merge or dismissal refused because an item of the group changed
    after the queue was loaded: the items as they are now, "... anyway" re-posting against
    their current versions, or back to the queue."""
    seen = form_versions(form)
    with workspace(request, slug) as scope:
        items = [evidence.get(scope, i) for i in dict.fromkeys(ids)]
        now = {}
        for item in items:
            was = seen.get(item.id)
            changed = f"; you saw version {was}" if was not in (None, item.row_version) else ""
            who = item.customer_company or "no customer"
            now[f"Evidence {item.id}"] = (f"{item.text[:300]} ({who}; version "
                                          f"{item.row_version}{changed})")
        current = versions_text({e.id: e.row_version for e in items})
        return stale_page(request, stale_action(
            "the duplicates you chose", f"{plural(len(items), 'item')}",
            ws_url(slug, "evidence/duplicates"), ws_url(slug, "evidence/duplicates", step), 0,
            now, [*(("ids", str(i)) for i in ids), *resend, ("_versions", current)], anyway,
            f"{nothing} An item of this group changed after you loaded the queue (edited, "
            "or merged by someone else). Here they are as saved now: do it anyway, or go "
            "back and look first."))


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
