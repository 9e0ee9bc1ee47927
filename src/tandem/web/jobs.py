"""How any feature's page hands over to the job it just started."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import RedirectResponse

from tandem.web.context import redirect_with, ws_url


def job_redirect(request: Request, slug: str, job_id: int) -> RedirectResponse:
    """For a feature page that just started a job: go to the job's page, which shows its
    progress (303, like every form POST here)."""
    return redirect_with(request, ws_url(slug, "jobs", job_id),
                         "Started. This page follows its progress.", "info")
