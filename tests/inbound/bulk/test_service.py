"""Bulk actions on both engines: counts, all or nothing, and the policy."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tandem.accounts.models import Role, User, Workspace
from tandem.errors import Forbidden, Invalid
from tandem.inbound.bulk import service
from tandem.inbound.bulk.schemas import EvidenceBulk, OpportunityBulk
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import releases
from tandem.loop import links
from tandem.market.segment import segments
from tandem.platform.actor import Member
from tandem.platform.events.models import Event
from tandem.runtime import Runtime
from tandem.scope import Scope


def _evidence(scope: Scope, n: int, **fields: Any) -> list[int]:
    return [evidence.create(scope, EvidenceCreate.model_validate(
        {"text": f"feedback {i}", **fields})).id for i in range(n)]


def _opp(scope: Scope, title: str = "Shift swaps") -> int:
    return opportunities.create(scope, OpportunityCreate(title=title)).id


def _linked(scope: Scope, ids: list[int]) -> dict[int, list[int]]:
    found = links.linked(scope, "evidence", set(ids), "opportunities")
    return {i: [x.id for x in found[i]] for i in ids}


def test_link_counts_those_already_linked(scope: Scope) -> None:
    ids = _evidence(scope, 5)
    opp = _opp(scope)
    links.link(scope, "evidence", ids[0], "opportunities", opp)
    result = service.evidence_bulk(scope, EvidenceBulk(
        action="link", ids=[*ids, ids[1]], opportunity_id=opp))
    assert (result.changed, result.unchanged) == (4, 1)
    assert result.message == ("Linked 4 pieces of evidence to 'Shift swaps'; "
                              "1 was already linked.")
    assert all(v == [opp] for v in _linked(scope, ids).values())
    linked_events = scope.session.scalars(select(Event).where(Event.verb == "linked")).all()
    assert len(linked_events) == 2 * 5  # an event on both ends of each link


def test_tag_and_move_evidence(scope: Scope) -> None:
    ids = _evidence(scope, 3)
    evidence.update(scope, ids[0], evidence.update_schema.model_validate({"tags": ["billing"]}))
    result = service.evidence_bulk(scope, EvidenceBulk(action="tag", ids=ids, tag=" Billing "))
    assert (result.changed, result.unchanged) == (2, 1)
    assert [evidence.get(scope, i).tags for i in ids] == [["billing"]] * 3
    updated = scope.session.scalars(select(Event.object_id).where(
        Event.verb == "updated", Event.kind == "evidence")).all()
    assert sorted(updated) == sorted([ids[0], ids[1], ids[2]])  # through Resource.update

    smb = segments.create(scope, segments.create_schema.model_validate({"name": "SMB"}))
    result = service.evidence_bulk(scope, EvidenceBulk(action="move", ids=ids,
                                                       segment_id=smb.id))
    assert result.changed == 3 and result.message == \
        "Moved 3 pieces of evidence to segment 'SMB'."
    assert {evidence.get(scope, i).segment_id for i in ids} == {smb.id}


def test_opportunities_link_move_delete(scope: Scope) -> None:
    ids = [_opp(scope, f"Opp {i}") for i in range(3)]
    rel = releases.create(scope, releases.create_schema.model_validate({"name": "Spring"}))
    result = service.opportunity_bulk(scope, OpportunityBulk(action="link", ids=ids,
                                                             release_id=rel.id))
    assert result.message == "Added 3 opportunities to release 'Spring'."
    result = service.opportunity_bulk(scope, OpportunityBulk(action="move", ids=ids[:2],
                                                             status="planned"))
    assert result.changed == 2
    assert [opportunities.get(scope, i).status for i in ids] == ["planned", "planned", "new"]
    with pytest.raises(Invalid) as tagged:
        service.opportunity_bulk(scope, OpportunityBulk(action="tag", ids=ids))
    assert tagged.value.field == "action"
    result = service.opportunity_bulk(scope, OpportunityBulk(action="delete", ids=ids[1:]))
    assert result.message == "Deleted 2 opportunities."
    assert [o.id for o in opportunities.all(scope)] == [ids[0]]


def test_missing_target_or_argument_is_named(scope: Scope) -> None:
    ids = _evidence(scope, 1)
    with pytest.raises(Invalid) as missing:
        service.evidence_bulk(scope, EvidenceBulk(action="link", ids=ids))
    assert missing.value.field == "opportunity_id"
    with pytest.raises(Invalid) as gone:
        service.evidence_bulk(scope, EvidenceBulk(action="link", ids=ids,
                                                  opportunity_id=99_999))
    assert gone.value.field == "opportunity_id"
    with pytest.raises(Invalid) as tag:
        service.evidence_bulk(scope, EvidenceBulk(action="tag", ids=ids))
    assert tag.value.field == "tag"


def test_all_or_nothing(runtime: Runtime, owner: User, workspace: Workspace) -> None:
    slug = workspace.slug
    with runtime.scope(owner, slug) as scope:
        ids = _evidence(scope, 3)
        full = _evidence(scope, 1, tags=[f"t{i}" for i in range(20)])[0]
        opp = _opp(scope)
    # A bad id: refused before anything is written, naming the id.
    with pytest.raises(Invalid) as bad, runtime.scope(owner, slug) as scope:
        service.evidence_bulk(scope, EvidenceBulk(action="link", ids=[*ids, 99_999],
                                                  opportunity_id=opp))
    assert bad.value.field == "ids" and "99999" in bad.value.message
    # A refusal part-way (the last item already has the most tags allowed): the items
    # tagged before it are rolled back too.
    with pytest.raises(Invalid) as refused, runtime.scope(owner, slug) as scope:
        service.evidence_bulk(scope, EvidenceBulk(action="tag", ids=[*ids, full], tag="new"))
    assert f"Evidence {full}" in refused.value.message
    with pytest.raises(Invalid), runtime.scope(owner, slug) as scope:
        service.evidence_bulk(scope, EvidenceBulk(action="delete", ids=[*ids, 99_999]))
    with runtime.scope(owner, slug) as scope:
        assert all(evidence.get(scope, i).tags == [] for i in ids)
        assert _linked(scope, ids) == {i: [] for i in ids}
        assert evidence.count(scope) == 4


def test_viewer_is_refused_before_anything(scope: Scope) -> None:
    ids = _evidence(scope, 2)
    opp = _opp(scope)
    assert isinstance(scope.actor, Member)
    scope.actor = scope.actor.in_role(Role.viewer)
    for body in (EvidenceBulk(action="link", ids=[99_999], opportunity_id=opp),
                 EvidenceBulk(action="tag", ids=ids, tag="x"),
                 EvidenceBulk(action="delete", ids=ids)):
        with pytest.raises(Forbidden):
            service.evidence_bulk(scope, body)
    with pytest.raises(Forbidden):
        service.opportunity_bulk(scope, OpportunityBulk(action="move", ids=[opp],
                                                        status="parked"))


def test_ids_are_bounded() -> None:
    with pytest.raises(ValueError):
        EvidenceBulk(action="delete", ids=list(range(1, 502)))
    with pytest.raises(ValueError):
        EvidenceBulk(action="delete", ids=[])
    assert len(EvidenceBulk(action="delete", ids=list(range(1, 501))).ids) == 500
