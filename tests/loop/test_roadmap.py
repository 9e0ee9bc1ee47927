"""The roadmap board groups releases by horizon with what they address and their launch."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.errors import Forbidden, NotFound
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import Horizon, ReleaseCreate, releases
from tandem.inbound.roadmap.service import move, roadmap
from tandem.loop import links
from tandem.outbound.launch import LaunchCreate, launches
from tandem.scope import Scope


def test_board_columns_backing_and_launch_flags(scope: Scope) -> None:
    swaps = opportunities.create(scope, OpportunityCreate(title="Swaps"))
    payroll = opportunities.create(scope, OpportunityCreate(title="Payroll"))
    for text in ("a", "b"):
        ev = evidence.create(scope, EvidenceCreate(text=text))
        links.link(scope, "evidence", ev.id, "opportunities", swaps.id)
        links.link(scope, "evidence", ev.id, "opportunities", payroll.id)
    late = releases.create(scope, ReleaseCreate(name="Late", horizon="now",
                                                target_date=date(2026, 12, 20)))
    early = releases.create(scope, ReleaseCreate(name="Early", horizon="now",
                                                 target_date=date(2026, 12, 1)))
    releases.create(scope, ReleaseCreate(name="Someday", horizon="later"))
    links.link(scope, "releases", early.id, "opportunities", swaps.id)
    links.link(scope, "releases", early.id, "opportunities", payroll.id)
    launches.create(scope, LaunchCreate(name="Early launch", release_id=early.id))
    board = roadmap(scope)
    assert [i.release.name for i in board["now"]] == ["Early", "Late"]
    assert board["next"] == [] and [i.release.name for i in board["later"]] == ["Someday"]
    first, second = board["now"]
    assert {o.title for o in first.opportunities} == {"Swaps", "Payroll"}
    assert first.evidence_count == 2  # distinct pieces, not 4 links
    assert [la.name for la in first.launches] == ["Early launch"]
    assert not first.needs_launch and second.needs_launch and late.id == second.release.id
    assert not board["later"][0].needs_launch


def test_move_changes_the_column(scope: Scope) -> None:
    rel = releases.create(scope, ReleaseCreate(name="R", horizon="later"))
    move(scope, rel.id, Horizon.next)
    assert [i.release.id for i in roadmap(scope)["next"]] == [rel.id]
    with pytest.raises(NotFound):
        move(scope, 999, Horizon.now)


def test_viewers_cannot_move(scope: Scope) -> None:
    from tandem.accounts.models import Role
    from tandem.platform.actor import Member
    rel = releases.create(scope, ReleaseCreate(name="R"))
    assert isinstance(scope.actor, Member)
    scope.actor = scope.actor.in_role(Role.viewer)
    with pytest.raises(Forbidden):
        move(scope, rel.id, Horizon.now)


def test_a_shipped_release_is_dated_and_never_in_later(scope: Scope) -> None:
    from tandem.errors import Invalid
    with pytest.raises(Invalid) as undated:
        releases.create(scope, ReleaseCreate(name="Undated", status="shipped", horizon="now"))
    assert undated.value.field == "shipped_on"
    shipped = releases.create(scope, ReleaseCreate(name="Done", status="shipped", horizon="now",
                                                   shipped_on=date(2026, 11, 2)))
    with pytest.raises(Invalid) as later:
        move(scope, shipped.id, Horizon.later)
    assert later.value.field == "horizon"
    move(scope, shipped.id, Horizon.next)  # Now and Next stay open to it


def _names(scope: Scope, horizon: str) -> list[str]:
    return [i.release.name for i in roadmap(scope)[horizon]]


def test_place_orders_a_column_and_moves_across_columns(scope: Scope) -> None:
    from tandem.inbound.roadmap.service import place
    from tandem.platform.events.service import history
    a, b, c = (releases.create(scope, ReleaseCreate(name=n, horizon="next",
                                                    target_date=date(2026, 12, d)))
               for n, d in (("A", 1), ("B", 2), ("C", 3)))
    assert _names(scope, "next") == ["A", "B", "C"]  # by date until someone orders them
    place(scope, c.id, Horizon.next, 1)
    assert _names(scope, "next") == ["C", "A", "B"]
    assert [r.rank for r in (c, a, b)] == [1, 2, 3]
    place(scope, a.id, Horizon.now, 5)  # past the end of an empty column: its end
    assert _names(scope, "next") == ["C", "B"] and _names(scope, "now") == ["A"]
    d = releases.create(scope, ReleaseCreate(name="D", horizon="next",
                                             target_date=date(2026, 11, 1)))
    assert _names(scope, "next") == ["C", "B", "D"]  # unplaced ones follow the placed
    move(scope, a.id, Horizon.next)  # the select on the board: to the end
    assert _names(scope, "next") == ["C", "B", "D", "A"]
    verbs = [e.verb for e in history(scope, kind="releases", object_id=c.id).items]
    assert "reordered" in verbs
    assert d.rank == 3


def test_place_refuses_bad_positions_and_keeps_shipped_in_done(scope: Scope) -> None:
    from tandem.errors import Invalid
    from tandem.inbound.roadmap.service import place
    rel = releases.create(scope, ReleaseCreate(name="R", horizon="now"))
    with pytest.raises(Invalid) as zero:
        place(scope, rel.id, Horizon.now, 0)
    assert zero.value.field == "position"
    shipped = releases.create(scope, ReleaseCreate(name="S", status="shipped", horizon="now",
                                                   shipped_on=date(2026, 11, 2)))
    place(scope, shipped.id, Horizon.next, 1)
    assert shipped.rank is None and _names(scope, "done") == ["S"]
    with pytest.raises(Invalid):
        place(scope, shipped.id, Horizon.later, 1)
    with pytest.raises(NotFound):
        place(scope, 2**31 - 1, Horizon.now, 1)
