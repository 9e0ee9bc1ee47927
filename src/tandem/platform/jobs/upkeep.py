"""What every worker does between jobs: give up on abandoned runs and queue periodic chores.

A run is abandoned when its worker stopped sending heartbeats (the process died or hung) or
when it ran past its kind's time limit plus a grace period without noticing. Each change is
one guarded UPDATE that re-checks the condition, so two workers reaping at once, or a
heartbeat arriving at the last moment, never flip a job twice.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tandem.platform.jobs import service
from tandem.platform.jobs.kind import JobKind, Periodic
from tandem.platform.jobs.models import Job, JobStatus
from tandem.platform.jobs.runs import duration, times
from tandem.runtime import Runtime
from tandem.storage.claim import Claimer
from tandem.storage.engine import rowcount

log = logging.getLogger("tandem.jobs")


def _set_if(session: Session, conditions: Sequence[Any], **values: Any) -> int:
    result = session.execute(update(Job).where(*conditions).values(**values)
                             .execution_options(synchronize_session=False))
    return rowcount(result)


def reap(runtime: Runtime, kinds: Mapping[str, JobKind], *, now: datetime,
         stale_before: datetime, grace: timedelta) -> int:
    """Settle running jobs whose worker is gone or that overran; how many were settled.

    Gone (no heartbeat since `stale_before`): queued again while attempts remain, else
    failed; cancelled if someone asked for that. Overran (time limit plus `grace`): failed.
    """
    running = JobStatus.running.value
    settled = 0
    with runtime.session() as session:
        rows = session.execute(
            select(Job.id, Job.kind, Job.attempts, Job.max_attempts, Job.started_at,
                   Job.heartbeat_at, Job.cancel_requested)
            .where(Job.status == running)).all()
        for row in rows:
            same_run = [Job.id == row.id, Job.status == running, Job.attempts == row.attempts]
            kind = kinds.get(row.kind)
            if (kind is not None and row.started_at is not None
                    and row.started_at + kind.time_limit + grace < now):
                error = f"Timed out after {duration(kind.time_limit)}."
                settled += _set_if(session, same_run, status=JobStatus.failed.value,
                                   error=error, finished_at=now)
                continue
            if row.heartbeat_at is None or row.heartbeat_at >= stale_before:
                continue
            gone = [*same_run, Job.heartbeat_at < stale_before]
            if row.cancel_requested:
                values: dict[str, Any] = {"status": JobStatus.cancelled.value,
                                          "finished_at": now, "message": "Cancelled."}
            elif row.attempts < row.max_attempts:
                values = {"status": JobStatus.queued.value, "worker": "", "run_after": now,
                          "message": "Put back in the queue: its worker stopped."}
            else:
                values = {"status": JobStatus.failed.value, "finished_at": now,
                          "error": "The worker stopped while running it "
                                   f"{times(row.attempts)}."}
            changed = _set_if(session, gone, **values)
            if changed:
                log.warning("job %s (%s): its worker stopped; now %s", row.id, row.kind,
                            values["status"])
            settled += changed
    return settled


def schedule(runtime: Runtime, claimer: Claimer, periodic: Sequence[Periodic],
             every: Mapping[str, timedelta], due: dict[str, datetime],
             now: datetime) -> list[int]:
    """Queue each periodic chore that is due; the ids queued.

    A chore is due when none of its kind is queued or running and the last one was created
    at least its interval ago. `due` remembers, per kind, when to look next, so an idle
    worker does not take the lock on every loop.
    """
    queued: list[int] = []
    for chore in periodic:
        if due.get(chore.kind, now) > now:
            continue
        interval = every.get(chore.kind, chore.every)
        mine = [Job.kind == chore.kind, Job.workspace_id.is_(None)]
        with runtime.session() as session:
            claimer.lock(session)
            active = session.scalar(select(func.count(Job.id)).where(
                *mine, Job.status.in_(service.ACTIVE))) or 0
            last: datetime | None = session.scalar(select(func.max(Job.created_at))
                                                   .where(*mine))
            if not active and (last is None or last <= now - interval):
                queued.append(service.enqueue_chore(session, chore.kind, now).id)
                last = now
        due[chore.kind] = last + interval if last is not None else now
    return queued
