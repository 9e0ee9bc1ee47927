"""Links along the loop, and following them from any object both ways."""

from __future__ import annotations

import pytest

from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.loop import links
from tandem.outbound.launch import LaunchCreate, launches
from tandem.outbound.message import MessageCreate, messages
from tandem.scope import Scope


def _chain(scope: Scope) -> dict[str, int]:
    ev = evidence.create(scope, EvidenceCreate(text="Swapping shifts takes 20 texts"))
    opp = opportunities.create(scope, OpportunityCreate(title="Shift swaps"))
    rel = releases.create(scope, ReleaseCreate(name="Swap Center", horizon="now"))
    launch = launches.create(scope, LaunchCreate(name="Swap Center launch", release_id=rel.id))
    msg = messages.create(scope, MessageCreate(title="Swaps in one tap", body="...",
                                               launch_id=launch.id))
    links.link(scope, "evidence", ev.id, "opportunities", opp.id, importance=3)
    links.link(scope, "releases", rel.id, "opportunities", opp.id)
    links.link(scope, "messages", msg.id, "evidence", ev.id)
    return {"evidence": ev.id, "opportunities": opp.id, "releases": rel.id,
            "launches": launch.id, "messages": msg.id}


def test_trace_from_evidence_reaches_the_message(scope: Scope) -> None:
    ids = _chain(scope)
    found = links.trace(scope, "evidence", ids["evidence"])
    assert found.upstream == {}
    assert [(k, [x.id for x in v]) for k, v in found.downstream.items()] == [
        ("opportunities", [ids["opportunities"]]), ("releases", [ids["releases"]]),
        ("launches", [ids["launches"]]), ("messages", [ids["messages"]])]
    assert found.downstream["opportunities"][0].importance == 3
    assert [b.id for b in found.backing] == [ids["messages"]]


def test_trace_from_message_goes_back_to_evidence(scope: Scope) -> None:
    ids = _chain(scope)
    found = links.trace(scope, "messages", ids["messages"])
    assert found.downstream == {}
    assert {k: [x.id for x in v] for k, v in found.upstream.items()} == {
        "launches": [ids["launches"]], "releases": [ids["releases"]],
        "opportunities": [ids["opportunities"]], "evidence": [ids["evidence"]]}
    assert [b.title for b in found.backing] == ["Swapping shifts takes 20 texts"]


def test_trace_from_the_middle_goes_both_ways(scope: Scope) -> None:
    ids = _chain(scope)
    found = links.trace(scope, "releases", ids["releases"])
    assert set(found.upstream) == {"opportunities", "evidence"}
    assert set(found.downstream) == {"launches", "messages"}


def test_duplicate_and_impossible_links_are_refused(scope: Scope) -> None:
    ids = _chain(scope)
    with pytest.raises(Conflict):
        links.link(scope, "opportunities", ids["opportunities"], "evidence", ids["evidence"])
    with pytest.raises(Invalid):
        links.link(scope, "evidence", ids["evidence"], "launches", ids["launches"])
    with pytest.raises(Invalid):
        links.link(scope, "evidence", ids["evidence"], "opportunities", 9999)
    with pytest.raises(Invalid):
        links.link(scope, "opportunities", ids["opportunities"], "releases", ids["releases"],
                   importance=2)


def test_unlink_removes_only_that_link(scope: Scope) -> None:
    ids = _chain(scope)
    links.unlink(scope, "opportunities", ids["opportunities"], "evidence", ids["evidence"])
    assert links.trace(scope, "evidence", ids["evidence"]).downstream == {}
    assert "launches" in links.trace(scope, "opportunities", ids["opportunities"]).downstream
    with pytest.raises(NotFound):
        links.unlink(scope, "evidence", ids["evidence"], "opportunities", ids["opportunities"])


def test_deleting_an_object_removes_its_links(scope: Scope) -> None:
    ids = _chain(scope)
    opportunities.delete(scope, ids["opportunities"])
    assert links.trace(scope, "evidence", ids["evidence"]).downstream == {}
    assert evidence.list(scope, filters={"linked": "no"}).total == 1


def test_linked_answers_for_a_whole_batch(scope: Scope) -> None:
    ids = _chain(scope)
    other = evidence.create(scope, EvidenceCreate(text="Unrelated praise")).id
    found = links.linked(scope, "evidence", {ids["evidence"], other}, "opportunities")
    assert [(x.id, x.importance) for x in found[ids["evidence"]]] == [(ids["opportunities"], 3)]
    assert found[other] == []
    up = links.linked(scope, "messages", {ids["messages"]}, "launches")
    assert [x.title for x in up[ids["messages"]]] == ["Swap Center launch"]
