"""Several workers: at once on PostgreSQL, one at a time on SQLite."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.platform.actor import LocalAdmin
from tandem.platform.jobs import service
from tandem.platform.jobs.models import Job
from tandem.platform.jobs.worker import Background, Worker, WorkerBusy
from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.storage.base import utcnow
from tests.conftest import PASSWORD, _truncate_postgres, make_runtime

from .support import RAN, job_row, make_worker, wait_until


def _acme(runtime: Runtime) -> None:
    with runtime.session() as session:
        user = accounts.create_user(session, "owner@example.com", PASSWORD)
        accounts.create_workspace(session, "Acme", user)


def _enqueue(runtime: Runtime, kind: str, count: int) -> list[int]:
    with runtime.scope(LocalAdmin(), "acme") as scope:
        return [service.enqueue(scope, kind).id for _ in range(count)]


@pytest.fixture
def pg(postgres_url: str, tmp_path: Path) -> Iterator[Runtime]:
    _truncate_postgres(postgres_url)
    runtime = make_runtime(postgres_url, tmp_path)
    _acme(runtime)
    yield runtime
    runtime.close()


@pytest.fixture
def lite(sqlite_runtime: Runtime) -> Runtime:
    _acme(sqlite_runtime)
    return sqlite_runtime


def test_postgres_workers_never_run_the_same_job(pg: Runtime) -> None:
    ids = _enqueue(pg, "test.count", 60)
    workers = [make_worker(pg, f"w{n}") for n in range(4)]
    start = threading.Barrier(len(workers))

    def drain(worker: Worker) -> None:
        start.wait()
        while worker.run_once():
            pass

    threads = [threading.Thread(target=drain, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(RAN) == ids  # every job ran, none twice
    rows = [job_row(pg, i) for i in ids]
    assert {(r.status, r.attempts) for r in rows} == {("succeeded", 1)}
    assert len({r.worker for r in rows}) > 1  # they really ran side by side


def test_sqlite_allows_one_worker(lite: Runtime) -> None:
    first, second = make_worker(lite, "first"), make_worker(lite, "second")
    with first:
        with pytest.raises(WorkerBusy, match="Another worker is already running"):
            second.open()
        assert Background.start(second) is None  # `tandem serve` then runs none
    with second:  # the lock went with the first
        pass


def test_sqlite_worker_requeues_runs_left_by_a_dead_one(lite: Runtime) -> None:
    job_id, spent = _enqueue(lite, "test.count", 2)
    dead = make_worker(lite, "dead")
    for _ in (job_id, spent):  # both claimed by a worker that then died
        with lite.session() as session:
            assert dead.claimer.claim(session, "dead", utcnow()) is not None
    with lite.session() as session:  # the second has no attempts left
        job = session.get(Job, spent)
        assert job is not None
        job.max_attempts = 1
    with make_worker(lite, "next"):
        assert (job_row(lite, job_id).status, job_row(lite, job_id).attempts) == ("queued", 1)
        assert job_row(lite, spent).status == "failed"
        assert job_row(lite, spent).error == "The worker stopped while running it once."


def test_background_worker_runs_jobs_and_stops(lite: Runtime) -> None:
    ids = _enqueue(lite, "test.count", 2)
    background = Background.start(make_worker(lite))
    assert background is not None
    wait_until(lambda: sorted(RAN) == ids)
    background.stop()
    assert not background.thread.is_alive()
    with make_worker(lite, "after"):  # the lock was released
        pass


def test_app_runs_a_worker_from_startup_to_shutdown(lite: Runtime) -> None:
    ids = _enqueue(lite, "test.count", 1)
    with TestClient(create_app(lite, worker=True)):
        wait_until(lambda: ids == RAN)
    with make_worker(lite, "after"):  # shutdown released the SQLite worker lock
        pass
    with TestClient(create_app(lite)), make_worker(lite, "alone"):  # no worker unless asked
        pass
