"""Jobs in the web: the workspace's job list, and a job page whose progress updates live.

While a job is queued or running its status block asks for itself again every second
(htmx polling); the block a finished job returns has no trigger, so polling stops there.
Without htmx the page still works: it offers a Refresh link instead.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.errors import Conflict
from tandem.platform.jobs import service
from tandem.platform.jobs.models import Job, JobStatus
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.web.context import redirect_with, workspace, ws_url
from tandem.web.pager import page_links, query_int
from tandem.web.render import render

router = APIRouter()
PAGE_SIZE = 50


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _context(scope: Scope, job: Job) -> dict[str, Any]:
    view = service.public(job, scope.workspace.slug)
    return {
        "job": view,
        "active": view.status in (JobStatus.queued, JobStatus.running),
        "can_cancel": scope.can(Action.cancel_job, job),
        "result": [(k, _shown(v)) for k, v in (view.result or {}).items()],
        "status_url": ws_url(scope.workspace.slug, "jobs", job.id, "status"),
    }


@router.get("/w/{slug}/jobs")
def jobs_page(request: Request, slug: str) -> Response:
    offset = query_int(request.query_params.get("offset"), 0, 0, 10**9)
    with workspace(request, slug) as scope:
        page = service.list_jobs(scope, offset=offset, limit=PAGE_SIZE)
        rows = [service.public(j, slug) for j in page.items]
    return render(request, "jobs/list.html", {
        "current": "jobs", "jobs": rows,
        "pages": page_links(ws_url(slug, "jobs"), {}, page)})


@router.get("/w/{slug}/jobs/{job_id}")
def job_page(request: Request, slug: str, job_id: int) -> Response:
    with workspace(request, slug) as scope:
        context = _context(scope, service.get(scope, job_id))
    return render(request, "jobs/job.html", {"current": "jobs", **context})


@router.get("/w/{slug}/jobs/{job_id}/status")
def job_status(request: Request, slug: str, job_id: int) -> Response:
    """The live part of the job page, for htmx to swap in."""
    with workspace(request, slug) as scope:
        context = _context(scope, service.get(scope, job_id))
    return render(request, "jobs/_status.html", context)


@router.post("/w/{slug}/jobs/{job_id}/cancel")
def cancel_job(request: Request, slug: str, job_id: int) -> Response:
    try:
        with workspace(request, slug) as scope:
            job = service.cancel(scope, job_id)
            stopped = job.status == JobStatus.cancelled
    except Conflict as exc:  # it finished first
        return redirect_with(request, ws_url(slug, "jobs", job_id), exc.message, "error")
    text = "Cancelled." if stopped else "Asked to stop: it stops at its next step."
    return redirect_with(request, ws_url(slug, "jobs", job_id), text)
