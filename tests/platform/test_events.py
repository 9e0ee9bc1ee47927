"""Every change records an event in its own transaction: the audit log, on both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.errors import Forbidden, Invalid
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.loop import links
from tandem.platform.actor import LocalAdmin, Member
from tandem.platform.events import service as events
from tandem.platform.events.models import Event
from tandem.runtime import Runtime
from tandem.scope import Scope
from tests.conftest import PASSWORD


def _events(runtime: Runtime) -> list[Event]:
    with runtime.session() as session:
        return list(session.scalars(select(Event).order_by(Event.id)).all())


def test_create_update_delete_record_who_what_and_before_after(
        runtime: Runtime, owner: User, workspace: Workspace) -> None:
    with runtime.scope(owner, "acme") as scope:
        opp = opportunities.create(scope, OpportunityCreate(title="Payroll export"))
        opp_id = opp.id
    with runtime.scope(owner, "acme") as scope:
        opportunities.update(scope, opp_id, opportunities.update_schema.model_validate(
            {"status": "validated"}))
        opportunities.update(scope, opp_id, opportunities.update_schema.model_validate(
            {"status": "validated"}))  # no change, no event
    with runtime.scope(owner, "acme") as scope:
        opportunities.delete(scope, opp_id)
    found = [e for e in _events(runtime) if e.kind == "opportunities"]
    assert [e.verb for e in found] == ["created", "updated", "deleted"]
    created, updated, deleted = found
    assert created.actor_kind == "member" and created.actor_user_id == owner.id
    assert created.actor_label == owner.email and created.workspace_id == workspace.id
    assert created.changes is not None and created.changes["title"] == [None, "Payroll export"]
    assert updated.changes == {"status": ["new", "validated"]}
    assert deleted.changes is not None and deleted.changes["status"] == ["validated", None]
    assert {e.object_id for e in found} == {opp_id}


def test_a_failed_change_leaves_no_event(runtime: Runtime, owner: User,
                                         workspace: Workspace) -> None:
    with runtime.scope(owner, "acme") as scope:
        opportunities.create(scope, OpportunityCreate(title="Taken"))
    before = len(_events(runtime))
    with pytest.raises(RuntimeError), runtime.scope(owner, "acme") as scope:
        opportunities.create(scope, OpportunityCreate(title="Rolled back"))
        raise RuntimeError("the request failed after the write")
    assert len(_events(runtime)) == before


def test_links_are_recorded_on_both_ends(scope: Scope) -> None:
    opp = opportunities.create(scope, OpportunityCreate(title="Shift swaps"))
    rel = releases.create(scope, ReleaseCreate(name="Spring"))
    links.link(scope, "opportunities", opp.id, "releases", rel.id)
    links.unlink(scope, "releases", rel.id, "opportunities", opp.id)
    page = events.history(scope, verb="linked")
    assert sorted((e.kind, e.object_id) for e in page.items) == sorted(
        [("opportunities", opp.id), ("releases", rel.id)])
    on_opp = events.history(scope, kind="opportunities", object_id=opp.id)
    assert [e.verb for e in on_opp.items] == ["unlinked", "linked", "created"]
    assert on_opp.items[1].changes == {"releases": [None, f"Release #{rel.id}: Spring"]}


def test_members_and_workspaces_are_recorded(runtime: Runtime, owner: User) -> None:
    with runtime.session() as session:
        accounts.new_workspace(session, owner, "Beta")
        accounts.create_user(session, "pia@example.com", PASSWORD)
    with runtime.scope(owner, "beta") as scope:
        accounts.add_member(scope, "pia@example.com", Role.editor)
        accounts.add_member(scope, "pia@example.com", Role.viewer)
        accounts.remove_member(scope, "pia@example.com")
        verbs = [e.verb for e in reversed(events.history(scope).items)]
    assert verbs == ["created", "member_added", "role_changed", "member_removed"]


def test_history_filters_pages_and_stays_in_its_workspace(runtime: Runtime, owner: User,
                                                          workspace: Workspace) -> None:
    with runtime.session() as session:
        accounts.create_workspace(session, "Other", owner)
    with runtime.scope(owner, "other") as other:
        opportunities.create(other, OpportunityCreate(title="Elsewhere"))
    with runtime.scope(owner, "acme") as scope:
        for n in range(3):
            opportunities.create(scope, OpportunityCreate(title=f"Opp {n}"))
        page = events.history(scope, kind="opportunities", limit=2)
        assert page.total == 3 and [e.title for e in page.items] == ["Opp 2", "Opp 1"]
        assert page.next_offset == 2
        assert events.history(scope, kind="opportunities", offset=2).items[0].title == "Opp 0"
        with pytest.raises(Invalid):
            events.history(scope, limit=0)


def test_reading_the_audit_log_follows_the_policy(runtime: Runtime, owner: User,
                                                  workspace: Workspace) -> None:
    with runtime.scope(owner, "acme") as scope:
        assert events.history(scope).total >= 0
        scope.actor = Member(owner.id, owner.email, Role.viewer)
        assert events.history(scope).total >= 0  # viewers may read it
    with runtime.scope(LocalAdmin(), "acme") as scope:
        opportunities.create(scope, OpportunityCreate(title="From the shell"))
        last = events.history(scope, limit=1).items[0]
        assert (last.actor_kind, last.actor_label) == ("local_admin", "local administrator")
    from tandem.platform.actor import Visitor
    with runtime.session() as session:
        visiting = Scope(session, session.merge(workspace), Visitor())
        with pytest.raises(Forbidden):
            events.history(visiting)
