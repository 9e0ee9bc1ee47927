"""The periodic session purge, run by a worker on both engines."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tandem.accounts import service as accounts
from tandem.accounts.models import User, WebSession
from tandem.platform.jobs import service
from tandem.platform.jobs.worker import Worker
from tandem.runtime import Runtime
from tandem.storage.base import utcnow

from .support import job_row, make_worker


def test_session_purge_deletes_only_expired_sessions(runtime: Runtime, owner: User) -> None:
    with runtime.session() as session:
        user = session.get(User, owner.id)
        assert user is not None
        live = accounts.start_web_session(session, user)
        accounts.start_web_session(session, user)
        accounts.start_web_session(session, user)
        expired = session.scalars(select(WebSession).order_by(WebSession.id)).all()[1:]
        for row in expired:
            row.expires_at = utcnow() - timedelta(minutes=1)
        job_id = service.enqueue_chore(session, "sessions.purge").id
    assert make_worker(runtime).run_once()
    job = job_row(runtime, job_id)
    assert (job.status, job.result) == ("succeeded", {"deleted": 2})
    assert job.workspace_id is None and job.requested_by_label == "schedule"
    with runtime.session() as session:
        assert len(session.scalars(select(WebSession)).all()) == 1
        assert accounts.user_for_web_session(session, live) is not None


def test_session_purge_is_scheduled_hourly_by_default(runtime: Runtime) -> None:
    worker = make_worker(runtime)
    t0 = utcnow()
    kinds = {job_row(runtime, i).kind for i in worker.schedule(t0)}
    assert "sessions.purge" in kinds
    while worker.run_once():
        pass
    later = {job_row(runtime, i).kind for i in worker.schedule(t0 + timedelta(minutes=61))}
    assert "sessions.purge" in later


def test_purge_interval_and_worker_intervals_come_from_settings(runtime: Runtime) -> None:
    settings = runtime.settings.model_copy(update={
        "session_purge_minutes": 5, "job_poll_seconds": 0.25, "job_heartbeat_seconds": 2.0,
        "job_stale_seconds": 9.0})
    worker = Worker.from_settings(Runtime(settings, migrate=False), "configured")
    assert worker.every == {"sessions.purge": timedelta(minutes=5)}
    assert (worker.poll, worker.heartbeat, worker.stale) == (0.25, 2.0, timedelta(seconds=9))
    worker.runtime.close()
