"""The outbox hands each committed event to the subscribers once, in order, and retries."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tandem import features
from tandem.accounts.models import User, Workspace
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.platform.events.models import Event
from tandem.platform.events.outbox import dispatch
from tandem.runtime import Runtime

seen: list[tuple[str, str]] = []
fail_on: set[str] = set()


def remember(session: Session, event: Event) -> None:
    if event.title in fail_on:
        raise RuntimeError("subscriber down")
    seen.append((event.verb, event.title))


@pytest.fixture
def subscribed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    first = dataclasses.replace(features.FEATURES[0], subscribers=(remember,))
    monkeypatch.setattr(features, "FEATURES", (first, *features.FEATURES[1:]))
    seen.clear()
    fail_on.clear()
    yield


def _pending(runtime: Runtime) -> int:
    with runtime.session() as session:
        return session.scalar(select(func.count(Event.id))
                              .where(Event.dispatched_at.is_(None))) or 0


def test_events_are_delivered_once_in_order(subscribed: None, runtime: Runtime, owner: User,
                                            workspace: Workspace) -> None:
    with runtime.scope(owner, "acme") as scope:
        for title in ("A", "B", "C"):
            opportunities.create(scope, OpportunityCreate(title=title))
    assert dispatch(runtime.db) == _count(runtime)
    assert [t for _, t in seen if t in "ABC"] == ["A", "B", "C"]
    assert dispatch(runtime.db) == 0 and _pending(runtime) == 0
    assert len([t for _, t in seen if t in "ABC"]) == 3


def test_a_failing_subscriber_keeps_the_rest_for_later(subscribed: None, runtime: Runtime,
                                                       owner: User, workspace: Workspace
                                                       ) -> None:
    dispatch(runtime.db)
    seen.clear()
    with runtime.scope(owner, "acme") as scope:
        for title in ("A", "B", "C"):
            opportunities.create(scope, OpportunityCreate(title=title))
    fail_on.add("B")
    assert dispatch(runtime.db) == 1
    assert [t for _, t in seen] == ["A"] and _pending(runtime) == 2
    fail_on.clear()
    assert dispatch(runtime.db) == 2
    assert [t for _, t in seen] == ["A", "B", "C"]


def _count(runtime: Runtime) -> int:
    with runtime.session() as session:
        return session.scalar(select(func.count(Event.id))) or 0


def test_the_worker_dispatches_the_outbox_on_every_loop(subscribed: None, runtime: Runtime,
                                                        owner: User, workspace: Workspace
                                                        ) -> None:
    from tests.jobs.support import make_worker

    with runtime.scope(owner, "acme") as scope:
        opportunities.create(scope, OpportunityCreate(title="Seen by the worker"))
    worker = make_worker(runtime)
    worker.step()  # one loop: reap, schedule, dispatch, run what is due
    assert ("created", "Seen by the worker") in seen and _pending(runtime) == 0
