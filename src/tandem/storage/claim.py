"""Taking the next background job, the one place where the two engines differ for jobs.

PostgreSQL lets several workers claim at once: `SELECT ... FOR UPDATE SKIP LOCKED` hands
each of them a different row without waiting on the others. SQLite has no row locks, and
Tandem runs one worker on it; the claim still takes the write lock up front (`BEGIN
IMMEDIATE`) so that a cancel arriving from the web between its read and its write waits its
turn instead of failing on a stale snapshot.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy import Engine, Select, select, text
from sqlalchemy.orm import Session

from tandem.platform.jobs.models import Job, JobStatus
from tandem.storage.dialects import for_engine

SCHEDULE_LOCK = 7402  # pg_advisory_xact_lock key: one worker at a time enqueues periodic jobs


class Claimer(Protocol):
    """Engine-specific job claiming; every method expects a fresh session (no statement run)."""

    def claim(self, session: Session, worker: str, now: datetime) -> Job | None:
        """Mark the oldest due queued job running for `worker` and return it, or None."""
        ...

    def lock(self, session: Session) -> None:
        """Serialise a check-then-insert (the periodic schedule) across workers."""
        ...


def _next_due(now: datetime) -> Select[tuple[Job]]:
    return (select(Job)
            .where(Job.status == JobStatus.queued.value, Job.run_after <= now)
            .order_by(Job.run_after, Job.id)
            .limit(1))


def _mark_running(session: Session, job: Job, worker: str, now: datetime) -> Job:
    job.status = JobStatus.running.value
    job.attempts += 1
    job.worker = worker
    job.started_at = now
    job.heartbeat_at = now
    job.progress = 0
    job.message = ""
    session.flush()
    return job


class PostgresClaimer:
    def claim(self, session: Session, worker: str, now: datetime) -> Job | None:
        job = session.scalars(_next_due(now).with_for_update(skip_locked=True)).first()
        return None if job is None else _mark_running(session, job, worker, now)

    def lock(self, session: Session) -> None:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEDULE_LOCK})


class SqliteClaimer:
    def claim(self, session: Session, worker: str, now: datetime) -> Job | None:
        self.lock(session)
        job = session.scalars(_next_due(now)).first()
        return None if job is None else _mark_running(session, job, worker, now)

    def lock(self, session: Session) -> None:
        # The sqlite3 module starts no transaction before a SELECT, so this BEGIN is the
        # transaction's first statement; the session's commit ends it.
        session.execute(text("BEGIN IMMEDIATE"))


_CLAIMERS: dict[str, Claimer] = {"postgresql": PostgresClaimer(), "sqlite": SqliteClaimer()}


def claimer_for(engine: Engine) -> Claimer:
    """The implementation for the engine the worker's database uses."""
    return for_engine(engine, _CLAIMERS, "background-job claiming")
