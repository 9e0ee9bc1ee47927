"""Rebuilding a workspace's search index: restores what was lost or garbled, reports progress,
can be run again after a stop, and leaves other workspaces alone."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.errors import Forbidden
from tandem.loop.reindex import reindex
from tandem.loop.search import search
from tandem.platform.actor import Member
from tandem.registry import RESOURCES
from tandem.runtime import Runtime
from tandem.scope import Scope
from tandem.storage.search_index import SearchDocument
from tests.web.test_pages import one_of_each

Doc = tuple[int, str, int, str, str]


def documents(session: Session) -> set[Doc]:
    rows = session.execute(select(SearchDocument.workspace_id, SearchDocument.kind,
                                  SearchDocument.object_id, SearchDocument.title,
                                  SearchDocument.body))
    return {tuple(r) for r in rows}  # type: ignore[misc]


def add_evidence(scope: Scope, n: int) -> None:
    res = RESOURCES["evidence"]
    for i in range(n):
        res.create(scope, res.create_schema.model_validate(
            {"text": f"Payroll note {i}", "customer_company": f"Maple {i}"}))


@pytest.fixture
def filled(runtime: Runtime, owner: User, workspace: Workspace) -> set[Doc]:
    """Objects of every kind in acme and beta; the documents the resources wrote for them."""
    with runtime.session() as session:
        accounts.create_workspace(session, "Beta", owner)
    for slug in ("acme", "beta"):
        one_of_each(runtime, owner, slug)
        with runtime.scope(owner, slug) as scope:
            add_evidence(scope, 5)
    with runtime.session() as session:
        return documents(session)


def test_reindex_restores_lost_and_garbled_documents(runtime: Runtime, owner: User,
                                                      filled: set[Doc]) -> None:
    acme = {d for d in filled if d[0] == 1}
    assert {d[1] for d in acme} == set(RESOURCES)  # one of each kind, and evidence
    with runtime.scope(owner, "acme") as scope:
        ws = scope.workspace_id
        s = scope.session
        s.execute(delete(SearchDocument).where(SearchDocument.kind == "opportunities",
                                               SearchDocument.workspace_id == ws))
        s.execute(update(SearchDocument).where(SearchDocument.kind == "evidence",
                                               SearchDocument.workspace_id == ws)
                  .values(title="garbled", body="zebra"))
        s.execute(insert(SearchDocument).values(workspace_id=ws, kind="launches",
                                                object_id=99_999, title="gone", body="zebra"))
        s.execute(insert(SearchDocument).values(workspace_id=ws, kind="retired-kind",
                                                object_id=1, title="old", body="zebra"))
        assert [h.type for h in search(scope, "zebra")] == ["evidence"] * 6
        assert RESOURCES["evidence"].list(scope, q="payroll").total == 0
        calls: list[tuple[int, int]] = []
        indexed = reindex(scope, lambda done, total: calls.append((done, total)), batch=2)
        assert search(scope, "zebra") == []
        assert RESOURCES["evidence"].list(scope, q="payroll maple").total == 5
        assert {h.type for h in search(scope, "swap")} >= {"opportunities", "evidence"}
    objects = len(acme)
    assert indexed == objects
    assert calls[0] == (0, objects) and calls[-1] == (objects, objects)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) > len(RESOURCES)  # evidence came in batches of two
    with runtime.session() as session:
        assert documents(session) == filled  # acme restored, beta untouched


def test_reindex_can_be_run_again_after_a_stop(runtime: Runtime, owner: User,
                                               filled: set[Doc]) -> None:
    class Stop(Exception):
        pass

    def stop_half_way(done: int, total: int) -> None:
        if done > total // 2:
            raise Stop

    with runtime.scope(owner, "acme") as scope:
        scope.session.execute(update(SearchDocument).values(title="garbled", body="zebra"))
        with pytest.raises(Stop):
            reindex(scope, stop_half_way, batch=3)
        assert search(scope, "zebra") != []  # half done: some documents still garbled
        reindex(scope)
        reindex(scope)
    with runtime.session() as session:
        acme = {d for d in filled if d[0] == 1}
        beta = {d[:3] for d in filled if d[0] != 1}
        docs = documents(session)
        assert {d for d in docs if d[0] == 1} == acme
        assert {d[:3] for d in docs if d[0] != 1} == beta  # beta's were garbled, not lost


def test_reindex_needs_a_role_that_runs_jobs(runtime: Runtime, owner: User,
                                             filled: set[Doc]) -> None:
    with runtime.scope(owner, "acme") as scope:
        viewer = Scope(scope.session, scope.workspace, Member.of(owner, Role.viewer))
        with pytest.raises(Forbidden):
            reindex(viewer)

