"""Shared roadmap links: made by editors, shown once, read-only, nothing internal, revocable;
shipped releases sit in Done."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.accounts.models import Role
from tandem.errors import Forbidden, NotFound
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.inbound.roadmap import share
from tandem.inbound.roadmap.service import roadmap
from tandem.loop import links
from tandem.platform.actor import Member
from tandem.scope import Scope


def test_a_link_shows_releases_and_nothing_internal(scope: Scope) -> None:
    rel = releases.create(scope, ReleaseCreate(name="Swap Center", version="2.4",
                                               description="Internal: beat RotaBoard",
                                               horizon="now", target_date=date(2026, 12, 1)))
    releases.create(scope, ReleaseCreate(name="Payroll sync", status="shipped", horizon="next",
                                         shipped_on=date(2026, 10, 6)))
    opp = opportunities.create(scope, OpportunityCreate(title="Secret opportunity"))
    links.link(scope, "releases", rel.id, "opportunities", opp.id)
    row, token = share.create_share(scope, "Investors")
    assert len(token) >= 32 and row.token_hash != token and row.prefix == token[:8]
    board = share.shared_board(scope.session, token)
    assert board.workspace == scope.workspace.name
    assert [r.name for r in board.lanes["now"]] == ["Swap Center"]
    assert [r.name for r in board.lanes["done"]] == ["Payroll sync"]
    assert "Internal" not in repr(board) and "Secret" not in repr(board)
    share.revoke_share(scope, row.id)
    with pytest.raises(NotFound):
        share.shared_board(scope.session, token)
    with pytest.raises(NotFound):
        share.shared_board(scope.session, "x" * 500)
    assert [s.revoked_at is not None for s in share.shares(scope)] == [True]


def test_shipped_releases_sit_in_done(scope: Scope) -> None:
    releases.create(scope, ReleaseCreate(name="Old", status="shipped", horizon="now",
                                         shipped_on=date(2026, 1, 5)))
    releases.create(scope, ReleaseCreate(name="Newer", status="shipped", horizon="next",
                                         shipped_on=date(2026, 6, 5)))
    board = roadmap(scope)
    assert [i.release.name for i in board["done"]] == ["Newer", "Old"]
    assert board["now"] == [] and board["next"] == []


def test_viewers_cannot_make_or_revoke_links(scope: Scope) -> None:
    row, _ = share.create_share(scope, "")
    assert isinstance(scope.actor, Member)
    scope.actor = scope.actor.in_role(Role.viewer)
    with pytest.raises(Forbidden):
        share.create_share(scope, "mine")
    with pytest.raises(Forbidden):
        share.revoke_share(scope, row.id)
