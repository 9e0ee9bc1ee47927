"""One claimed job while a worker runs it: what the handler sees, and every write about it.

Each write is guarded on `worker == me AND status == running AND attempts == n`, so once a
reaper has put the job back (or failed it), a late progress report, heartbeat or outcome
from this run changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tandem.accounts.service import scope_by_id
from tandem.errors import TandemError
from tandem.platform.actor import SystemJob
from tandem.platform.jobs.kind import JobKind, JobStopped
from tandem.platform.jobs.models import Job, JobStatus
from tandem.runtime import Runtime
from tandem.scope import Scope
from tandem.storage.base import utcnow
from tandem.storage.embedder import Embedder
from tandem.storage.engine import rowcount

MAX_ERROR = 2000


def duration(span: timedelta) -> str:
    """'10 minutes', '90 seconds', '0.2 seconds': for messages about time limits."""
    seconds = span.total_seconds()
    if seconds >= 7200:
        return f"{seconds / 3600:g} hours"
    if seconds >= 120:
        return f"{seconds / 60:g} minutes"
    return f"{seconds:g} seconds"


def times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def describe(exc: BaseException) -> str:
    """What a failed job shows: the error's own words (the traceback goes to the log)."""
    text = exc.message if isinstance(exc, TandemError) else str(exc)
    text = f"{type(exc).__name__}: {text}" if not isinstance(exc, TandemError) else text
    return text if len(text) <= MAX_ERROR else text[: MAX_ERROR - 1] + "…"


@dataclass(frozen=True)
class Claimed:
    """What the worker remembers of the row it claimed (the row itself is not shared)."""

    id: int
    kind: str
    args: dict[str, Any]
    workspace_id: int | None
    requested_by_id: int | None
    attempts: int
    max_attempts: int
    started_at: datetime
    worker: str

    @classmethod
    def of(cls, job: Job) -> Claimed:
        assert job.started_at is not None
        return cls(job.id, job.kind, dict(job.args or {}), job.workspace_id,
                   job.requested_by_id, job.attempts, job.max_attempts, job.started_at,
                   job.worker)


class Ledger:
    """Guarded writes about one run of one job, each in its own short transaction."""

    def __init__(self, runtime: Runtime, claimed: Claimed) -> None:
        self.runtime = runtime
        self.job = claimed

    def _mine(self) -> list[Any]:
        c = self.job
        return [Job.id == c.id, Job.worker == c.worker, Job.attempts == c.attempts,
                Job.status == JobStatus.running.value]

    def write(self, *extra: Any, **values: Any) -> bool:
        """Update the row while this run still owns it; whether it did."""
        with self.runtime.session() as session:
            result = session.execute(update(Job).where(*self._mine(), *extra).values(**values)
                                     .execution_options(synchronize_session=False))
            return rowcount(result) == 1

    def heartbeat(self) -> bool:
        return self.write(heartbeat_at=utcnow())

    def finish(self, status: JobStatus, **values: Any) -> bool:
        return self.write(status=status.value, finished_at=utcnow(), **values)

    def retry_or_fail(self, error: str, delay: timedelta) -> JobStatus | None:
        """After an error: queue again (later) while attempts remain, else fail. A job
        someone asked to cancel is cancelled instead of retried. None: no longer ours."""
        c = self.job
        if c.attempts < c.max_attempts and self.write(
                Job.cancel_requested.is_(False), status=JobStatus.queued.value, worker="",
                error=error, run_after=utcnow() + delay,
                message=f"Attempt {c.attempts} of {c.max_attempts} failed; trying again."):
            return JobStatus.queued
        if self.write(Job.cancel_requested.is_(True), status=JobStatus.cancelled.value,
                      finished_at=utcnow(), error=error, message="Cancelled."):
            return JobStatus.cancelled
        return JobStatus.failed if self.finish(JobStatus.failed, error=error) else None

    def release(self) -> None:
        """The worker is stopping now: put the job back (attempts allowing)."""
        c = self.job
        if c.attempts < c.max_attempts:
            self.write(status=JobStatus.queued.value, worker="", run_after=utcnow(),
                       message="Put back in the queue: its worker stopped.")
        else:
            self.finish(JobStatus.failed,
                        error=f"The worker stopped while running it {times(c.attempts)}.")


class RunContext:
    """The `JobContext` a handler receives."""

    def __init__(self, ledger: Ledger, kind: JobKind) -> None:
        claimed = ledger.job
        self.job_id = claimed.id
        self.kind = claimed.kind
        self.args = claimed.args
        self.workspace_id = claimed.workspace_id
        self._ledger = ledger
        self._runtime = ledger.runtime
        self._limit = kind.time_limit
        self._deadline = claimed.started_at + kind.time_limit
        self._actor = SystemJob(claimed.kind, claimed.id, claimed.requested_by_id)

    @contextmanager
    def _scope(self) -> Iterator[Scope]:
        if self.workspace_id is None:
            raise RuntimeError(f"Job {self.job_id} belongs to no workspace: use session().")
        with self._runtime.session() as session:
            yield scope_by_id(session, self._actor, self.workspace_id)

    def scope(self) -> AbstractContextManager[Scope]:
        return self._scope()

    def session(self) -> AbstractContextManager[Session]:
        return self._runtime.session()

    @property
    def embedder(self) -> Embedder:
        return self._runtime.embedder

    def progress(self, percent: int, message: str = "") -> None:
        """Stop here if asked to or out of time; else record how far the job got."""
        with self._runtime.session() as session:
            cancel = session.scalar(select(Job.cancel_requested).where(Job.id == self.job_id))
        if cancel:
            raise JobStopped("cancelled", "Cancelled while running.")
        now = utcnow()
        if now > self._deadline:
            raise JobStopped("failed", f"Timed out after {duration(self._limit)}.")
        if not self._ledger.write(progress=max(0, min(100, int(percent))),
                                  message=message[:500], heartbeat_at=now):
            raise JobStopped("failed", "This run was given up (the job was put back or "
                             "stopped), so it stops here.")


def stored_result(value: Any) -> dict[str, Any]:
    """A handler's return value as stored: a JSON object (None becomes {})."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(f"a job handler must return a dict or None, not {type(value).__name__}")
    json.dumps(value, allow_nan=False)  # TypeError / ValueError: JSON cannot hold it
    return value
