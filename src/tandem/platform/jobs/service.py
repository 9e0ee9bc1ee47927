"""Commands and queries on background jobs; the only place with their rules.

Every state change the web, the API or the CLI asks for is a guarded UPDATE (`... WHERE
status = 'queued'`), never a read-then-write of the row: a worker may claim or finish the
same job at the same moment, and the loser of that race must change nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tandem import features
from tandem.errors import Conflict, Invalid, NotFound
from tandem.paging import Page
from tandem.platform.events import service as events
from tandem.platform.jobs.kind import JobKind
from tandem.platform.jobs.models import Job, JobStatus
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope
from tandem.storage.base import utcnow
from tandem.storage.engine import rowcount

API_ROOT = "/api/v1"  # where the server mounts the API; job URLs point there
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
ACTIVE = (JobStatus.queued.value, JobStatus.running.value)


class JobPublic(BaseModel):
    """A job as the API returns it and the CLI polls it (at `url`)."""

    id: int
    kind: str
    label: str
    workspace: str | None
    status: JobStatus
    progress: int
    message: str
    result: dict[str, Any] | None
    error: str
    attempts: int
    max_attempts: int
    cancel_requested: bool
    requested_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    url: str


class JobPagePublic(BaseModel):
    items: list[JobPublic]
    total: int
    offset: int
    limit: int
    next_offset: int | None


JobPage = Page[Job]


def known_kind(name: str) -> JobKind:
    """The declared kind called `name`; Invalid naming every known kind otherwise."""
    kinds = features.job_kinds()
    if name not in kinds:
        known = ", ".join(sorted(kinds)) or "none"
        raise Invalid(f"Unknown job kind '{name}' (known: {known}).", field="kind")
    return kinds[name]


def _checked_args(args: dict[str, Any] | None) -> dict[str, Any]:
    """Arguments are stored as JSON, so anything else is refused before it is queued."""
    data = dict(args or {})
    try:
        json.dumps(data, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise Invalid(f"Job arguments must be JSON values: {exc}.", field="args") from None
    return data


def _new(session: Session, kind: JobKind, args: dict[str, Any], workspace_id: int | None,
         by_id: int | None, by_label: str, now: datetime) -> Job:
    job = Job(workspace_id=workspace_id, kind=kind.name, args=args, status=JobStatus.queued,
              max_attempts=kind.max_attempts, requested_by_id=by_id,
              requested_by_label=by_label[:254], run_after=now, created_at=now,
              updated_at=now)
    session.add(job)
    session.flush()
    return job


def enqueue(scope: Scope, kind: str, args: dict[str, Any] | None = None) -> Job:
    """Queue work in the scope's workspace, on behalf of the scope's actor."""
    scope.require(Action.run_job)
    declared = known_kind(kind)
    job = _new(scope.session, declared, _checked_args(args), scope.workspace_id,
               scope.user_id, scope.actor.label, utcnow())
    events.record(scope, "job_started", "jobs", job.id, declared.label,
                  {"kind": [None, declared.name]})
    return job


def enqueue_chore(session: Session, kind: str, now: datetime | None = None,
                  by: str = "schedule") -> Job:
    """Queue a chore that belongs to no workspace (the worker's periodic jobs)."""
    return _new(session, known_kind(kind), {}, None, None, by, now or utcnow())


def get(scope: Scope, job_id: int) -> Job:
    """A job of this workspace; another workspace's job is as missing as a deleted one."""
    scope.require(Action.read)
    job = scope.session.get(Job, job_id) if 1 <= job_id <= MAX_ID else None
    if job is None or job.workspace_id != scope.workspace_id:
        raise NotFound(f"No job {job_id}.")
    return job


def list_jobs(scope: Scope, *, status: JobStatus | None = None, offset: int = 0,
              limit: int = DEFAULT_LIMIT) -> JobPage:
    """This workspace's jobs, newest first."""
    scope.require(Action.read)
    limit = max(1, min(limit, MAX_LIMIT))
    where = [Job.workspace_id == scope.workspace_id]
    if status is not None:
        where.append(Job.status == status.value)
    total = scope.session.scalar(select(func.count(Job.id)).where(*where)) or 0
    rows = scope.session.scalars(
        select(Job).where(*where).order_by(Job.id.desc()).offset(offset).limit(limit)).all()
    return JobPage(list(rows), total, offset, limit)


def _set_if(session: Session, job_id: int, expected: str, **values: Any) -> bool:
    """Change the job only while its status is still `expected`; whether it did."""
    result = session.execute(
        update(Job).where(Job.id == job_id, Job.status == expected).values(**values)
        .execution_options(synchronize_session=False))
    return rowcount(result) == 1


def cancel(scope: Scope, job_id: int) -> Job:
    """A queued job is cancelled at once; a running one is asked to stop at its next
    progress report. Cancelling a cancelled job again changes nothing."""
    job = get(scope, job_id)
    scope.require(Action.cancel_job, job)
    session = scope.session
    previous, done = job.status, False
    for _ in range(3):  # the job may move on between our read and our write: look again
        if job.status == JobStatus.queued:
            done = _set_if(session, job.id, job.status, status=JobStatus.cancelled.value,
                           finished_at=utcnow(), message="Cancelled before it started.")
        elif job.status == JobStatus.running and not job.cancel_requested:
            done = _set_if(session, job.id, job.status, cancel_requested=True)
        else:
            break
        session.refresh(job)
        if done:
            break
    if job.status in (JobStatus.succeeded, JobStatus.failed):
        raise Conflict(f"Job {job.id} has already {job.status}: there is nothing to cancel.")
    if done:
        events.record(scope, "job_cancelled", "jobs", job.id, label_of(job.kind),
                      {"status": [previous, job.status if not job.cancel_requested
                                  else "stopping"]})
    return job


def label_of(kind: str) -> str:
    declared = features.job_kinds().get(kind)
    return declared.label if declared is not None else kind


def job_path(slug: str, job_id: int) -> str:
    """The job's URL below the API root."""
    return f"/workspaces/{slug}/jobs/{job_id}"


def public(job: Job, slug: str | None) -> JobPublic:
    return JobPublic(
        id=job.id, kind=job.kind, label=label_of(job.kind), workspace=slug,
        status=JobStatus(job.status), progress=job.progress, message=job.message,
        result=job.result, error=job.error, attempts=job.attempts,
        max_attempts=job.max_attempts, cancel_requested=job.cancel_requested,
        requested_by=job.requested_by_label, created_at=job.created_at,
        started_at=job.started_at, finished_at=job.finished_at,
        url=API_ROOT + job_path(slug, job.id) if slug else "")
