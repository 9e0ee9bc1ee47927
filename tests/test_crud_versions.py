"""Row versions on every workspace object: the counter, the check against a writer's
version, and the database-level guard against two writes of the same read (both engines)."""

from __future__ import annotations

import pytest

from tandem.accounts.models import User, Workspace
from tandem.errors import Stale
from tandem.inbound.opportunity import Opportunity, OpportunityCreate, opportunities
from tandem.runtime import Runtime
from tandem.storage.base import Base, WorkspaceOwned


def _changes(**values: object) -> object:
    return opportunities.update_schema.model_validate(values)


def test_every_workspace_table_is_versioned() -> None:
    import tandem.features  # noqa: F401 - every model registered

    owned = [m for m in Base.registry.mappers if issubclass(m.class_, WorkspaceOwned)]
    assert len(owned) > 30
    for mapper in owned:
        assert mapper.version_id_col is mapper.local_table.c.row_version, mapper.class_


def test_version_starts_at_one_and_counts_saved_changes(runtime: Runtime, owner: User,
                                                        workspace: Workspace) -> None:
    with runtime.scope(owner, "acme") as scope:
        opp = opportunities.create(scope, OpportunityCreate(title="Shift swaps"))
        opp_id = opp.id
        assert opp.row_version == 1
    with runtime.scope(owner, "acme") as scope:
        opportunities.update(scope, opp_id, _changes(status="validated"))  # type: ignore[arg-type]
    with runtime.scope(owner, "acme") as scope:
        opportunities.update(scope, opp_id, _changes(status="validated"))  # type: ignore[arg-type]
    with runtime.scope(owner, "acme") as scope:
        assert opportunities.get(scope, opp_id).row_version == 2  # the same value is no change
        opportunities.update(scope, opp_id, _changes(title="Shift swap"),  # type: ignore[arg-type]
                             expected=2)
    with runtime.scope(owner, "acme") as scope:
        again = opportunities.get(scope, opp_id)
        assert (again.row_version, again.title, again.status) == (3, "Shift swap", "validated")


def test_a_stale_version_is_refused_and_nothing_is_written(runtime: Runtime, owner: User,
                                                           workspace: Workspace) -> None:
    with runtime.scope(owner, "acme") as scope:
        opp_id = opportunities.create(scope, OpportunityCreate(title="Payroll")).id
    with runtime.scope(owner, "acme") as scope:
        opportunities.update(scope, opp_id, _changes(status="exploring"))  # type: ignore[arg-type]
    with pytest.raises(Stale) as stale, runtime.scope(owner, "acme") as scope:
        opportunities.update(scope, opp_id, _changes(status="parked"),  # type: ignore[arg-type]
                             expected=1)
    assert stale.value.current == 2 and stale.value.status == 412
    assert "version 2, not 1" in stale.value.message
    with pytest.raises(Stale), runtime.scope(owner, "acme") as scope:
        opportunities.delete(scope, opp_id, expected=1)
    with runtime.scope(owner, "acme") as scope:
        kept = opportunities.get(scope, opp_id)
        assert (kept.status, kept.row_version) == ("exploring", 2)
        opportunities.delete(scope, opp_id, expected=2)
    with runtime.scope(owner, "acme") as scope:
        assert opportunities.count(scope) == 0


def test_two_writes_of_the_same_read_cannot_both_land(runtime: Runtime, owner: User,
                                                      workspace: Workspace) -> None:
    """A writer that read version 1 and writes after someone else saved version 2 changes
    nothing: its UPDATE names the version it read (the ORM's version counter)."""
    with runtime.scope(owner, "acme") as scope:
        opp_id = opportunities.create(scope, OpportunityCreate(title="Rota gaps")).id
    with pytest.raises(Stale), runtime.session(write=False) as slow:
        read = slow.get(Opportunity, opp_id)
        assert read is not None and read.row_version == 1
        with runtime.scope(owner, "acme") as fast:
            opportunities.update(fast, opp_id, _changes(status="validated"))  # type: ignore[arg-type]
        read.problem = "written from a stale read"
        slow.flush()
    with runtime.scope(owner, "acme") as scope:
        now = opportunities.get(scope, opp_id)
        assert (now.status, now.problem, now.row_version) == ("validated", "", 2)
