"""Enqueue, read, list and cancel jobs through the service, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.errors import Conflict, Forbidden, Invalid, NotFound
from tandem.platform.actor import LocalAdmin, SystemJob
from tandem.platform.jobs import service
from tandem.platform.jobs.models import JobStatus
from tandem.runtime import Runtime
from tandem.scope import Scope
from tandem.storage.base import utcnow
from tandem.storage.claim import claimer_for
from tests.conftest import PASSWORD

from .support import job_row, make_worker


def member(runtime: Runtime, owner: User, email: str, role: Role) -> User:
    with runtime.session() as session:
        user = accounts.create_user(session, email, PASSWORD)
    with runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, email, role)
    return user


def test_enqueue_records_who_asked_and_the_kind_limits(scope: Scope, owner: User) -> None:
    job = service.enqueue(scope, "test.flaky", {"succeed_on": 2})
    assert (job.status, job.kind, job.args) == ("queued", "test.flaky", {"succeed_on": 2})
    assert (job.workspace_id, job.requested_by_id) == (scope.workspace_id, owner.id)
    assert job.requested_by_label == "owner@example.com"
    assert (job.attempts, job.max_attempts, job.progress) == (0, 3, 0)
    view = service.public(job, "acme")
    assert view.url == f"/api/v1/workspaces/acme/jobs/{job.id}"
    assert (view.label, view.requested_by) == ("Fail, maybe recover", "owner@example.com")


def test_unknown_kind_is_invalid_and_names_the_known_ones(scope: Scope) -> None:
    with pytest.raises(Invalid) as caught:
        service.enqueue(scope, "test.nope")
    assert caught.value.field == "kind"
    assert "'test.nope'" in caught.value.message
    assert "sessions.purge" in caught.value.message and "test.echo" in caught.value.message


def test_arguments_must_be_json(scope: Scope) -> None:
    with pytest.raises(Invalid, match="JSON"):
        service.enqueue(scope, "test.echo", {"when": object()})


def test_system_job_and_local_admin_are_recorded_as_requesters(
        runtime: Runtime, owner: User, workspace: Workspace) -> None:
    with runtime.scope(SystemJob("test.echo", 7, owner.id), "acme") as scope:
        by_job = service.enqueue(scope, "test.echo")
    with runtime.scope(LocalAdmin(), "acme") as scope:
        by_admin = service.enqueue(scope, "test.echo")
    assert (by_job.requested_by_id, by_job.requested_by_label) == (owner.id,
                                                                   "job 7 (test.echo)")
    assert (by_admin.requested_by_id, by_admin.requested_by_label) == (
        None, "local administrator")


def test_viewer_cannot_start_jobs(runtime: Runtime, owner: User, workspace: Workspace) -> None:
    viewer = member(runtime, owner, "viewer@example.com", Role.viewer)
    with runtime.scope(viewer, "acme") as scope, pytest.raises(Forbidden):
        service.enqueue(scope, "test.echo")


def test_another_workspaces_job_is_not_found(runtime: Runtime, owner: User,
                                             workspace: Workspace) -> None:
    with runtime.session() as session:
        accounts.create_workspace(session, "Beta", owner)
    with runtime.scope(owner, "beta") as scope:
        theirs = service.enqueue(scope, "test.echo").id
    with runtime.scope(owner, "acme") as scope:
        with pytest.raises(NotFound, match=f"No job {theirs}"):
            service.get(scope, theirs)
        with pytest.raises(NotFound):
            service.cancel(scope, theirs)
        with pytest.raises(NotFound):
            service.get(scope, 2**70)
        assert service.list_jobs(scope).total == 0


def test_list_is_newest_first_paginated_and_filtered(scope: Scope) -> None:
    ids = [service.enqueue(scope, "test.echo", {"n": n}).id for n in range(5)]
    page = service.list_jobs(scope, offset=1, limit=2)
    assert [j.id for j in page.items] == [ids[3], ids[2]]
    assert (page.total, page.next_offset) == (5, 3)
    service.cancel(scope, ids[0])
    cancelled = service.list_jobs(scope, status=JobStatus.cancelled)
    assert [j.id for j in cancelled.items] == [ids[0]]
    assert service.list_jobs(scope, offset=4).next_offset is None


def test_cancel_queued_at_once_and_running_at_its_next_step(
        runtime: Runtime, owner: User, workspace: Workspace) -> None:
    with runtime.scope(owner, "acme") as scope:
        running = service.enqueue(scope, "test.echo").id
        queued = service.enqueue(scope, "test.echo").id
    with runtime.session() as session:  # a worker claims the older one
        claimed = claimer_for(runtime.db.engine).claim(session, "w1", utcnow())
        assert claimed is not None and claimed.id == running
    with runtime.scope(owner, "acme") as scope:
        asked = service.cancel(scope, running)
        assert (asked.status, asked.cancel_requested) == ("running", True)
        done = service.cancel(scope, queued)
        assert (done.status, done.finished_at is not None) == ("cancelled", True)
        assert service.cancel(scope, queued).status == "cancelled"  # twice: no change
    assert job_row(runtime, running).status == "running"


def test_finished_job_cannot_be_cancelled(runtime: Runtime, owner: User,
                                          workspace: Workspace) -> None:
    with runtime.scope(owner, "acme") as scope:
        job_id = service.enqueue(scope, "test.echo").id
    assert make_worker(runtime).run_once()
    with runtime.scope(owner, "acme") as scope, pytest.raises(Conflict, match="succeeded"):
        service.cancel(scope, job_id)


def test_viewer_cannot_cancel_someone_elses_job_but_editors_can(
        runtime: Runtime, owner: User, workspace: Workspace) -> None:
    viewer = member(runtime, owner, "viewer@example.com", Role.viewer)
    editor = member(runtime, owner, "editor@example.com", Role.editor)
    with runtime.scope(owner, "acme") as scope:
        first = service.enqueue(scope, "test.echo").id
    with runtime.scope(viewer, "acme") as scope:
        assert service.get(scope, first).id == first  # viewers may look
        with pytest.raises(Forbidden):
            service.cancel(scope, first)
    with runtime.scope(editor, "acme") as scope:
        assert service.cancel(scope, first).status == "cancelled"


def test_a_demoted_member_may_still_cancel_their_own_job(
        runtime: Runtime, owner: User, workspace: Workspace) -> None:
    editor = member(runtime, owner, "editor@example.com", Role.editor)
    with runtime.scope(editor, "acme") as scope:
        mine = service.enqueue(scope, "test.echo").id
    with runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, "editor@example.com", Role.viewer)
    with runtime.scope(editor, "acme") as scope:
        assert service.cancel(scope, mine).status == "cancelled"
