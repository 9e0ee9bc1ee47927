"""The worker: claims queued jobs one at a time, runs them, and keeps the queue healthy.

Why not a library: Tandem runs on SQLite and PostgreSQL and wants no broker. procrastinate
is PostgreSQL-only, huey has no PostgreSQL store, and rq, dramatiq and celery need Redis or
another broker. So jobs are rows in the `jobs` table and this module is the whole runner.

How a run goes: the handler runs in its own thread while the worker's thread watches it,
writing a heartbeat every few seconds. A handler that stops at a cancel or its time limit
(at its next `progress()`) or that raises is recorded as such; one that hangs past its time
limit plus a grace period is failed and left behind, so the worker moves on instead of
hanging with it. Between jobs the worker reaps runs abandoned by dead workers (see
`upkeep`) and queues periodic chores. On SQLite only one worker may run: it holds an
exclusive lock on `<data dir>/worker.lock`, and treats any job still marked running at its
start as left over from a worker that died.
"""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import IO, Any

from tandem import features
from tandem.errors import TandemError
from tandem.platform.events import outbox
from tandem.platform.jobs import upkeep
from tandem.platform.jobs.kind import JobKind, JobStopped
from tandem.platform.jobs.models import JobStatus
from tandem.platform.jobs.runs import (
    Claimed,
    Ledger,
    RunContext,
    describe,
    duration,
    stored_result,
)
from tandem.runtime import Runtime
from tandem.storage.base import utcnow
from tandem.storage.claim import claimer_for

log = logging.getLogger("tandem.jobs")
LOCK_FILE = "worker.lock"
FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


class WorkerBusy(TandemError):
    """Another worker already runs on this SQLite database."""

    code = "worker_busy"
    status = 409


def yield_cpu(nice: int) -> None:
    """Make the calling thread `nice` steps less urgent. Linux keeps a nice value per thread
    (and threads inherit their creator's), so a worker on a thread of the server slows its
    own jobs, never the requests; elsewhere, or when refused, jobs run as they are."""
    if nice <= 0 or not hasattr(os, "setpriority"):
        return
    try:
        me = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, me, min(19, os.getpriority(os.PRIO_PROCESS, me) + nice))
    except OSError:
        log.info("could not lower the worker's CPU priority; jobs run at the requests'")


def default_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class _Outcome:
    wake: threading.Event
    result: Any = None
    error: BaseException | None = None
    done: bool = False


class Worker:
    """Runs jobs from `runtime`'s database. `run_forever()` until `stop()`; tests drive it
    with `run_once()`, `reap()` and `schedule()`.

    Intervals are in seconds: `poll` between looks at an empty queue, `heartbeat` between
    signs of life while a job runs, `stale` without one before a run counts as abandoned,
    `grace` past a time limit before a hung handler is given up, `retry_delay` before the
    first retry of a failed job (doubling each time). `every` overrides periodic intervals.
    `nice` lowers the CPU priority of the thread that runs `run_forever()` (and of the
    handler threads it starts) by that much.
    """

    def __init__(self, runtime: Runtime, name: str | None = None, *, poll: float = 1.0,
                 heartbeat: float = 5.0, stale: float = 30.0, grace: float = 30.0,
                 retry_delay: float = 5.0, every: Mapping[str, timedelta] | None = None,
                 nice: int = 0) -> None:
        self.runtime = runtime
        self.nice = nice
        self.name = (name or default_name())[:100]
        self.poll = poll
        self.heartbeat = heartbeat
        self.stale = timedelta(seconds=stale)
        self.grace = timedelta(seconds=grace)
        self.retry_delay = retry_delay
        self.every = dict(every or {})
        self.kinds: dict[str, JobKind] = features.job_kinds()
        self.periodic = [p for p in features.periodic_jobs() if p.kind in self.kinds]
        for undeclared in {p.kind for p in features.periodic_jobs()} - set(self.kinds):
            log.error("periodic job '%s' has no JobKind declared; it is never queued",
                      undeclared)
        self.claimer = claimer_for(runtime.db.engine)
        self.single = runtime.db.engine.dialect.name == "sqlite"
        self._stop = threading.Event()
        self._wake = threading.Event()  # the running job's: its handler ended, or we must go
        self._abandon = False
        self._opened = False
        self._lock: IO[bytes] | None = None
        self._due: dict[str, datetime] = {}

    @classmethod
    def from_settings(cls, runtime: Runtime, name: str | None = None) -> Worker:
        """A worker with the intervals from the runtime's settings."""
        from tandem.accounts.feature import PURGE_SESSIONS

        s = runtime.settings
        return cls(runtime, name, poll=s.job_poll_seconds, heartbeat=s.job_heartbeat_seconds,
                   stale=s.job_stale_seconds, nice=s.job_nice,
                   every={PURGE_SESSIONS: timedelta(minutes=s.session_purge_minutes)})

    # --- start and stop ----------------------------------------------------------------

    def open(self) -> None:
        """Take the SQLite worker lock (WorkerBusy if held) and requeue left-over runs."""
        if self._opened:
            return
        if self.single:
            self._take_lock()
            settled = upkeep.reap(self.runtime, self.kinds, now=utcnow(),
                                  stale_before=FAR_FUTURE, grace=self.grace)
            if settled:
                log.warning("%d job(s) were left running by a stopped worker", settled)
        self._opened = True

    def _take_lock(self) -> None:
        path = self.runtime.settings.data_dir / LOCK_FILE
        handle = open(path, "wb")  # noqa: SIM115  (held open until close())
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise WorkerBusy(f"Another worker is already running on this SQLite database "
                             f"(it holds {path}); SQLite allows one.") from None
        self._lock = handle

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file releases the lock
            self._lock = None
        self._opened = False

    def __enter__(self) -> Worker:
        self.open()
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def stop(self, now: bool = False) -> None:
        """Stop after the running job; with `now`, put that job back and stop at once."""
        self._stop.set()
        if now:
            self._abandon = True
            self._wake.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    # --- the loop ----------------------------------------------------------------------

    def run_forever(self) -> None:
        opened_here = not self._opened
        self.open()
        yield_cpu(self.nice)
        log.info("worker %s started", self.name)
        try:
            while not self._stop.is_set():
                if not self.step():
                    self._stop.wait(self.poll)
        finally:
            if opened_here:
                self.close()
            log.info("worker %s stopped", self.name)

    def step(self) -> bool:
        """Reap, schedule, hand pending events to their subscribers, run one job; whether
        a job ran. Errors are logged, not raised, so a database hiccup costs one loop, not
        the worker."""
        try:
            self.reap()
            self.schedule()
            outbox.dispatch(self.runtime.db)
            return self.run_once()
        except Exception:
            log.exception("worker %s: loop failed; trying again", self.name)
            return False

    def reap(self, now: datetime | None = None) -> int:
        now = now or utcnow()
        return upkeep.reap(self.runtime, self.kinds, now=now, stale_before=now - self.stale,
                           grace=self.grace)

    def schedule(self, now: datetime | None = None) -> list[int]:
        return upkeep.schedule(self.runtime, self.claimer, self.periodic, self.every,
                               self._due, now or utcnow())

    def run_once(self) -> bool:
        """Claim the next due job and run it to its end; whether there was one."""
        with self.runtime.session() as session:
            job = self.claimer.claim(session, self.name, utcnow())
            claimed = Claimed.of(job) if job is not None else None
        if claimed is None:
            return False
        self._run(claimed)
        return True

    # --- one job -------------------------------------------------------------------------

    def _run(self, claimed: Claimed) -> None:
        ledger = Ledger(self.runtime, claimed)
        kind = self.kinds.get(claimed.kind)
        if kind is None:
            ledger.finish(JobStatus.failed, error=f"No feature declares the job kind "
                          f"'{claimed.kind}' (is this worker older than the server?).")
            return
        log.info("job %s (%s): attempt %d of %d", claimed.id, claimed.kind,
                 claimed.attempts, claimed.max_attempts)
        outcome = _Outcome(threading.Event())
        self._wake = outcome.wake
        if self._abandon:
            outcome.wake.set()
        threading.Thread(target=_call, args=(kind, RunContext(ledger, kind), outcome),
                         name=f"job-{claimed.id}", daemon=True).start()
        if self._watch(outcome, ledger, kind):
            self._record(ledger, outcome)

    def _watch(self, outcome: _Outcome, ledger: Ledger, kind: JobKind) -> bool:
        """Heartbeat until the handler ends (True), or give it up: overran, or the worker
        must stop now (False)."""
        deadline = ledger.job.started_at + kind.time_limit + self.grace
        while True:
            left = (deadline - utcnow()).total_seconds()
            outcome.wake.wait(max(0.0, min(self.heartbeat, left)))
            if outcome.done:
                return True
            if self._abandon:
                ledger.release()
                log.warning("job %s: put back, the worker is stopping", ledger.job.id)
                return False
            if utcnow() >= deadline:
                ledger.finish(JobStatus.failed,
                              error=f"Timed out after {duration(kind.time_limit)}.")
                log.error("job %s: still running past its time limit; given up",
                          ledger.job.id)
                return False
            try:
                ledger.heartbeat()
            except Exception:
                log.exception("job %s: heartbeat failed", ledger.job.id)

    def _record(self, ledger: Ledger, outcome: _Outcome) -> None:
        job = ledger.job
        error = outcome.error
        if isinstance(error, JobStopped):
            status = JobStatus(error.status)
            values = {"message": error.message} if status is JobStatus.cancelled \
                else {"error": error.message}
            recorded = ledger.finish(status, **values)
            log.info("job %s: %s (%s)", job.id, status, error.message)
        elif error is not None:
            log.error("job %s (%s) failed on attempt %d", job.id, job.kind, job.attempts,
                      exc_info=error)
            delay = timedelta(seconds=self.retry_delay * 2 ** (job.attempts - 1))
            recorded = ledger.retry_or_fail(describe(error), delay) is not None
        else:
            try:
                result = stored_result(outcome.result)
            except (TypeError, ValueError) as exc:
                recorded = ledger.finish(JobStatus.failed,
                                         error=f"Its result cannot be stored: {exc}.")
            else:
                recorded = ledger.finish(JobStatus.succeeded, result=result, progress=100,
                                         error="")
                log.info("job %s (%s): succeeded", job.id, job.kind)
        if not recorded:
            log.warning("job %s: finished after it was taken from this worker; its outcome "
                        "is ignored", job.id)


def _call(kind: JobKind, ctx: RunContext, outcome: _Outcome) -> None:
    """The handler's thread: run it and hand what happened to the watching thread."""
    try:
        outcome.result = kind.run(ctx)
    except BaseException as exc:
        outcome.error = exc
    finally:
        outcome.done = True
        outcome.wake.set()


class Background:
    """A worker on a thread of this process (`tandem serve`)."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.thread = threading.Thread(target=worker.run_forever, name="tandem-worker",
                                       daemon=True)

    @classmethod
    def start(cls, worker: Worker) -> Background | None:
        """Start it, or log why not and return None (another worker holds SQLite)."""
        try:
            worker.open()
        except WorkerBusy as exc:
            log.warning("no background worker in this process: %s", exc.message)
            return None
        background = cls(worker)
        background.thread.start()
        return background

    def stop(self, timeout: float = 10.0) -> None:
        self.worker.stop(now=True)
        self.thread.join(timeout)
        self.worker.close()
