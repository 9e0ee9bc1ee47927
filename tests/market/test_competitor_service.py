"""Competitor intelligence on both engines: aliases, scanning, new evidence linked through
the outbox, rejected matches that stay rejected, and the timeline."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.accounts.models import User, Workspace
from tandem.errors import Conflict, NotFound
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.market.competitor import CompetitorCreate, competitors
from tandem.market.competitors import service
from tandem.market.competitors.models import MentionStatus
from tandem.market.competitors.schemas import AliasCreate, ChangeCreate
from tandem.platform.events.outbox import dispatch
from tandem.runtime import Runtime
from tandem.scope import Scope


def _evidence(scope: Scope, text: str) -> int:
    return evidence.create(scope, EvidenceCreate(text=text)).id


def test_aliases_scan_review_and_timeline(scope: Scope) -> None:
    rota = competitors.create(scope, CompetitorCreate(name="RotaBoard")).id
    punch = competitors.create(scope, CompetitorCreate(name="Punchline HR")).id
    assert service.add_alias(scope, punch, AliasCreate(alias="Punchline")) == ["Punchline"]
    with pytest.raises(Conflict):
        service.add_alias(scope, rota, AliasCreate(alias="punchline"))
    with pytest.raises(Conflict):
        service.add_alias(scope, punch, AliasCreate(alias="ROTABOARD"))

    named = _evidence(scope, "We left rotaboard for Punchline last spring.")
    joke = _evidence(scope, "The punchline is we still use paper.")
    _evidence(scope, "Rotation planning is hard.")
    assert service.scan(scope) == (3, 3)
    assert {m.evidence.id for m in service.mentions(scope, punch)} == {named, joke}
    assert [n for _, n, _ in service.competitors_named_in(scope, named)] == [
        "Punchline HR", "RotaBoard"]

    false = next(m.row for m in service.mentions(scope, punch) if m.evidence.id == joke)
    service.review(scope, false.id, MentionStatus.rejected)
    assert service.scan(scope) == (3, 0)  # a rejected match is never linked again
    assert service.counts(scope, punch) == {"linked": 1, "rejected": 1}
    assert [m.evidence.id for m in service.mentions(scope, punch, MentionStatus.rejected)] == [
        joke]

    service.remove_alias(scope, punch, "PUNCHLINE")
    with pytest.raises(NotFound):
        service.remove_alias(scope, punch, "nope")

    change = service.add_change(scope, rota, ChangeCreate(
        happened_on=date(2026, 3, 1), kind="pricing", summary="Free tier cut to 15 staff"))
    assert [c.summary for c in service.timeline(scope, rota)] == ["Free tier cut to 15 staff"]
    service.delete_change(scope, rota, change.id)
    assert service.timeline(scope, rota) == []


def test_new_evidence_is_linked_by_the_outbox_once(runtime: Runtime, owner: User,
                                                   workspace: Workspace) -> None:
    with runtime.scope(owner, workspace.slug) as scope:
        crew = competitors.create(scope, CompetitorCreate(name="CrewCast")).id
        service.add_alias(scope, crew, AliasCreate(alias="Crew Cast"))
    dispatch(runtime.db)
    with runtime.scope(owner, workspace.slug) as scope:
        first = _evidence(scope, "Lost to Crew  Cast on price.")
        _evidence(scope, "Nothing to see here.")
    dispatch(runtime.db)
    dispatch(runtime.db)  # delivered again: still one link
    with runtime.scope(owner, workspace.slug) as scope:
        found = service.mentions(scope, crew)
        assert [(m.evidence.id, m.row.matched) for m in found] == [(first, "Crew  Cast")]


def test_other_workspaces_see_nothing(runtime: Runtime, owner: User,
                                      workspace: Workspace) -> None:
    from tandem.accounts import service as accounts

    with runtime.scope(owner, workspace.slug) as scope:
        rota = competitors.create(scope, CompetitorCreate(name="RotaBoard")).id
        _evidence(scope, "RotaBoard again")
        service.scan(scope)
        mention = service.mentions(scope, rota)[0].row.id
    with runtime.session() as session:
        other = accounts.create_workspace(session, "Other", owner)
    with runtime.scope(owner, other.slug) as scope:
        with pytest.raises(NotFound):
            service.review(scope, mention, MentionStatus.rejected)
        with pytest.raises(NotFound):
            service.mentions(scope, rota)
