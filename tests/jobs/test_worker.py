"""The worker on both engines: claim, run, retry, time limits, cancel, reaping, schedule."""

from __future__ import annotations

import os
import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tandem.accounts.feature import PURGE_SESSIONS
from tandem.accounts.models import User, Workspace
from tandem.errors import Invalid
from tandem.platform.jobs import service
from tandem.platform.jobs.models import Job
from tandem.platform.jobs.runs import describe, duration, stored_result, times
from tandem.runtime import Runtime
from tandem.storage.base import utcnow
from tandem.storage.claim import claimer_for

from .support import RAN, gate, job_row, make_worker, wait_until


def enqueue(runtime: Runtime, owner: User, kind: str, **args: Any) -> int:
    with runtime.scope(owner, "acme") as scope:
        return service.enqueue(scope, kind, args).id


def claim_as(runtime: Runtime, worker: str, now: Any = None) -> int | None:
    with runtime.session() as session:
        job = claimer_for(runtime.db.engine).claim(session, worker, now or utcnow())
        return job.id if job is not None else None


@pytest.fixture
def acme(runtime: Runtime, owner: User, workspace: Workspace) -> Runtime:
    return runtime


@pytest.mark.parametrize(("span", "words"), [
    (timedelta(minutes=10), "10 minutes"), (timedelta(seconds=90), "90 seconds"),
    (timedelta(milliseconds=200), "0.2 seconds"), (timedelta(hours=3), "3 hours"),
])
def test_duration(span: timedelta, words: str) -> None:
    assert duration(span) == words


@pytest.mark.parametrize(("count", "words"), [(1, "once"), (2, "twice"), (5, "5 times")])
def test_times(count: int, words: str) -> None:
    assert times(count) == words


@pytest.mark.parametrize(("error", "shown"), [
    (ValueError("boom"), "ValueError: boom"),
    (Invalid("Bad input."), "Bad input."),
    (RuntimeError("x" * 5000), "RuntimeError: " + "x" * 1985 + "…"),
])
def test_describe(error: Exception, shown: str) -> None:
    assert describe(error) == shown


@pytest.mark.parametrize(("value", "stored"), [
    (None, {}), ({"n": 1, "ids": [1, 2]}, {"n": 1, "ids": [1, 2]}),
    ([1], TypeError), ({"when": object()}, TypeError), ({"x": float("nan")}, ValueError),
])
def test_stored_result(value: Any, stored: Any) -> None:
    if stored in (TypeError, ValueError):
        with pytest.raises(stored):
            stored_result(value)
    else:
        assert stored_result(value) == stored


def test_claims_oldest_due_job_and_marks_it_running(acme: Runtime, owner: User) -> None:
    first = enqueue(acme, owner, "test.echo")
    second = enqueue(acme, owner, "test.echo")
    with acme.session() as session:  # the first is not due yet
        job = session.get(Job, first)
        assert job is not None
        job.run_after = utcnow() + timedelta(minutes=5)
    before = utcnow()
    assert claim_as(acme, "w1") == second
    job = job_row(acme, second)
    assert (job.status, job.attempts, job.worker) == ("running", 1, "w1")
    assert job.started_at is not None and job.started_at >= before
    assert job.heartbeat_at == job.started_at
    assert claim_as(acme, "w1") is None
    assert claim_as(acme, "w1", utcnow() + timedelta(minutes=6)) == first


def test_runs_a_job_to_success_with_progress_and_result(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.echo", text="hi", gate="g")
    worker = make_worker(acme)
    ran = threading.Thread(target=worker.run_once)
    ran.start()
    wait_until(lambda: job_row(acme, job_id).progress == 50)
    assert job_row(acme, job_id).message == "halfway"
    gate("g").set()
    ran.join()
    job = job_row(acme, job_id)
    assert (job.status, job.progress, job.attempts, job.error) == ("succeeded", 100, 1, "")
    assert job.result == {"echo": "hi", "workspace": "acme", "actor": f"job {job_id} "
                          "(test.echo)"}
    assert job.finished_at is not None
    assert worker.run_once() is False


def test_handler_error_is_retried_then_recovers(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.flaky", succeed_on=2)
    worker = make_worker(acme, retry_delay=60)
    assert worker.run_once()
    job = job_row(acme, job_id)
    assert (job.status, job.attempts, job.error) == ("queued", 1,
                                                     "ValueError: boom on attempt 1")
    assert job.run_after > utcnow() + timedelta(seconds=50)  # backoff
    assert worker.run_once() is False  # not due yet
    with acme.session() as session:
        row = session.get(Job, job_id)
        assert row is not None
        row.run_after = utcnow()
    assert worker.run_once()
    job = job_row(acme, job_id)
    assert (job.status, job.attempts, job.result, job.error) == ("succeeded", 2,
                                                                 {"attempt": 2}, "")


def test_handler_error_fails_after_the_last_attempt(acme: Runtime, owner: User,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    job_id = enqueue(acme, owner, "test.flaky")
    worker = make_worker(acme)
    for _ in range(3):
        assert worker.run_once()
    job = job_row(acme, job_id)
    assert (job.status, job.attempts, job.error) == ("failed", 3,
                                                     "ValueError: boom on attempt 3")
    assert worker.run_once() is False
    assert "Traceback" in caplog.text  # the traceback is logged, not stored


def test_time_limit_stops_a_job_at_its_next_progress(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.slow", gate="g")
    gate("g").set()
    assert make_worker(acme).run_once()
    job = job_row(acme, job_id)
    assert (job.status, job.error) == ("failed", "Timed out after 0.2 seconds.")
    assert job.attempts == 1  # time-outs are not retried


def test_a_hung_handler_is_given_up_after_its_grace(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.hang", gate="never")
    assert make_worker(acme, grace=0.1).run_once()  # returns though the handler hangs
    job = job_row(acme, job_id)
    assert (job.status, job.error) == ("failed", "Timed out after 0.1 seconds.")


def test_cancel_stops_a_running_job_at_its_next_progress(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.steps", gate="g")
    ran = threading.Thread(target=make_worker(acme).run_once)
    ran.start()
    wait_until(lambda: job_row(acme, job_id).progress == 10)
    with acme.scope(owner, "acme") as scope:
        assert service.cancel(scope, job_id).status == "running"
    gate("g").set()
    ran.join()
    job = job_row(acme, job_id)
    assert (job.status, job.message, job.progress) == ("cancelled", "Cancelled while running.",
                                                       10)


def test_unreturnable_result_fails_the_job(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.bad_result")
    assert make_worker(acme).run_once()
    job = job_row(acme, job_id)
    assert job.status == "failed" and job.error.startswith("Its result cannot be stored")


def test_stale_run_is_requeued_until_its_attempts_run_out(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.echo")
    reaper = make_worker(acme, "reaper", stale=30)
    later = utcnow()
    for attempt in (1, 2, 3):
        assert claim_as(acme, "ghost", later) == job_id
        assert reaper.reap(later + timedelta(seconds=10)) == 0  # heartbeat still fresh
        later += timedelta(seconds=31)
        assert reaper.reap(later) == 1
        job = job_row(acme, job_id)
        assert job.attempts == attempt
        assert job.status == ("queued" if attempt < 3 else "failed")
    assert job.error == "The worker stopped while running it 3 times."
    assert claim_as(acme, "ghost", later) is None


def test_stale_run_someone_cancelled_ends_cancelled(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.echo")
    assert claim_as(acme, "ghost") == job_id
    with acme.scope(owner, "acme") as scope:
        service.cancel(scope, job_id)
    assert make_worker(acme).reap(utcnow() + timedelta(minutes=1)) == 1
    assert job_row(acme, job_id).status == "cancelled"


def test_run_past_its_limit_is_failed_by_the_reaper(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.echo")  # ten minutes
    assert claim_as(acme, "ghost") == job_id
    reaper = make_worker(acme, grace=30, stale=3600)
    assert reaper.reap(utcnow() + timedelta(minutes=10)) == 0
    assert reaper.reap(utcnow() + timedelta(minutes=11)) == 1
    assert job_row(acme, job_id).error == "Timed out after 10 minutes."


def test_late_finish_of_a_reaped_job_is_ignored(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.echo", gate="g")
    slow = make_worker(acme, "slow", heartbeat=60)
    ran = threading.Thread(target=slow.run_once)
    ran.start()
    wait_until(lambda: job_row(acme, job_id).progress == 50)
    other = make_worker(acme, "other", stale=0)
    assert other.reap() == 1
    gate("g").set()
    ran.join()
    job = job_row(acme, job_id)
    assert (job.status, job.result, job.attempts, job.worker) == ("queued", None, 1, "")
    assert other.run_once()
    job = job_row(acme, job_id)
    assert (job.status, job.attempts, job.worker) == ("succeeded", 2, "other")


def test_stop_now_puts_the_running_job_back(acme: Runtime, owner: User) -> None:
    job_id = enqueue(acme, owner, "test.echo", gate="never")
    worker = make_worker(acme)
    ran = threading.Thread(target=worker.run_once)
    ran.start()
    wait_until(lambda: job_row(acme, job_id).progress == 50)
    worker.stop(now=True)
    ran.join(5)
    assert not ran.is_alive()
    job = job_row(acme, job_id)
    assert (job.status, job.attempts, job.message) == (
        "queued", 1, "Put back in the queue: its worker stopped.")


def test_run_forever_runs_jobs_until_stopped(acme: Runtime, owner: User) -> None:
    ids = [enqueue(acme, owner, "test.count") for _ in range(3)]
    worker = make_worker(acme)
    loop = threading.Thread(target=worker.run_forever)
    loop.start()
    wait_until(lambda: sorted(RAN) == ids)
    worker.stop()
    loop.join(5)
    assert not loop.is_alive()
    assert [job_row(acme, i).status for i in ids] == ["succeeded"] * 3


def test_jobs_run_nicer_than_the_thread_that_serves(acme: Runtime, owner: User) -> None:
    """A worker on a thread of the server lowers that thread's CPU priority only: its
    handlers inherit it, the rest of the process keeps its own."""
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    job = enqueue(acme, owner, "test.priority")
    worker = make_worker(acme, nice=3)
    loop = threading.Thread(target=worker.run_forever)
    loop.start()
    wait_until(lambda: job_row(acme, job).status == "succeeded")
    worker.stop()
    loop.join(5)
    assert job_row(acme, job).result == {"nice": min(19, mine + 3)}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine


def _kinds(runtime: Runtime, ids: list[int]) -> set[str]:
    """The kinds of the jobs just queued (other features' chores come and go)."""
    return {job_row(runtime, i).kind for i in ids}


def test_periodic_chore_is_queued_once_per_interval(acme: Runtime) -> None:
    def ticks() -> list[str]:
        with acme.session() as session:
            rows = session.scalars(select(Job).where(
                Job.kind == "test.tick").order_by(Job.id)).all()
            return [r.status for r in rows]

    t0 = utcnow()
    first, second = make_worker(acme, "a"), make_worker(acme, "b")
    queued = _kinds(acme, first.schedule(t0))
    assert {"test.tick", PURGE_SESSIONS} <= queued  # every chore is due at first
    assert ticks() == ["queued"]
    assert second.schedule(t0 + timedelta(minutes=1)) == []  # one is still queued
    while first.run_once():
        pass
    assert ticks() == ["succeeded"]
    assert "test.tick" not in _kinds(acme, make_worker(acme, "c").schedule(
        t0 + timedelta(minutes=59)))  # too recent
    assert {"test.tick", PURGE_SESSIONS} <= _kinds(acme, second.schedule(
        t0 + timedelta(minutes=61)))
    assert ticks() == ["succeeded", "queued"]
    assert "test.tick" not in _kinds(acme, first.schedule(t0 + timedelta(minutes=62)))


def test_periodic_interval_can_be_overridden(acme: Runtime) -> None:
    worker = make_worker(acme, every={"test.tick": timedelta(minutes=5)})
    t0 = utcnow()
    worker.schedule(t0)
    while worker.run_once():
        pass
    again = _kinds(acme, worker.schedule(t0 + timedelta(minutes=6)))
    assert "test.tick" in again and PURGE_SESSIONS not in again  # the tick, not the purge
