"""Jobs in the API: list, poll and cancel (`tandem.api.jobs.accepted` answers a request that
started one)."""

from __future__ import annotations

from fastapi import APIRouter

from tandem.api.deps import ActorDep, Limit, Offset, RuntimeDep
from tandem.platform.jobs import service
from tandem.platform.jobs.models import JobStatus
from tandem.platform.jobs.service import JobPagePublic, JobPublic

router = APIRouter(tags=["jobs"])
BASE = "/workspaces/{workspace}/jobs"


@router.get(BASE, response_model=JobPagePublic, summary="List background jobs, newest first")
def list_jobs(
    workspace: str, runtime: RuntimeDep, actor: ActorDep,
    status: JobStatus | None = None,
    offset: Offset = 0,
    limit: Limit = service.DEFAULT_LIMIT,
) -> JobPagePublic:
    with runtime.scope(actor, workspace) as scope:
        page = service.list_jobs(scope, status=status, offset=offset, limit=limit)
        slug = scope.workspace.slug
        return JobPagePublic(items=[service.public(j, slug) for j in page.items],
                             total=page.total, offset=page.offset, limit=page.limit,
                             next_offset=page.next_offset)


@router.get(BASE + "/{job_id}", response_model=JobPublic,
            summary="Get a job: poll it until its status is succeeded, failed or cancelled")
def get_job(workspace: str, job_id: int, runtime: RuntimeDep, actor: ActorDep) -> JobPublic:
    with runtime.scope(actor, workspace) as scope:
        return service.public(service.get(scope, job_id), scope.workspace.slug)


@router.post(BASE + "/{job_id}/cancel", response_model=JobPublic,
             summary="Cancel a job: at once when queued, at its next step when running")
def cancel_job(workspace: str, job_id: int, runtime: RuntimeDep,
               actor: ActorDep) -> JobPublic:
    with runtime.scope(actor, workspace) as scope:
        return service.public(service.cancel(scope, job_id), scope.workspace.slug)
