"""Near-duplicates on both engines: scans from stored vectors, the queue, dismissals that are
remembered, and merges that keep every customer, link and tag."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tandem.errors import Invalid, NotFound
from tandem.inbound.duplicates import service
from tandem.inbound.duplicates.models import DuplicatePair, PairStatus
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.loop import links
from tandem.loop.models import EvidenceOpportunity, MessageEvidence
from tandem.outbound.message import MessageCreate, messages
from tandem.platform.events.models import Event
from tandem.scope import Scope
from tandem.storage import ann
from tandem.storage.vectors import vectors_for
from tests.inbound.support import EMBEDDER, add

MODEL = EMBEDDER.name
COPY = "Exporting the rota to payroll takes me two hours every week"


def open_pairs(scope: Scope) -> set[tuple[int, int]]:
    return {(p.first_id, p.second_id) for p in scope.session.scalars(select(DuplicatePair)
            .where(DuplicatePair.status == PairStatus.open.value))}


def test_scan_finds_near_copies_and_not_the_rest(scope: Scope) -> None:
    a = add(scope, COPY)
    b = add(scope, COPY + "!")  # same words: same vector
    c = add(scope, "The calendar is lovely")
    add(scope, "Not embedded yet", embed=False)
    assert service.scan(scope, MODEL) == 1
    assert open_pairs(scope) == {(a.id, b.id)}
    assert service.scan(scope, MODEL) == 0  # known pairs are not added twice
    groups, total = service.queue(scope)
    assert total == 1 and [e.id for e in groups[0].items] == [a.id, b.id]
    assert groups[0].best == pytest.approx(1.0, abs=1e-3)
    assert c.id not in {e.id for g in groups for e in g.items}


@pytest.mark.parametrize("index_from", [ann.ANN_THRESHOLD, 1])  # blockwise, then per item
def test_new_vectors_are_scanned_since_the_last_look(scope: Scope, index_from: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ann, "ANN_THRESHOLD", index_from)
    ann.CACHE.clear()
    first = add(scope, COPY)
    assert service.scan_new(scope, MODEL) == 0  # one item: nothing to pair
    assert service.pending_scans(scope.session) == []
    second = add(scope, COPY + ".")
    assert service.pending_scans(scope.session) == [(scope.workspace_id, MODEL)]
    assert service.scan_new(scope, MODEL) == 1
    assert open_pairs(scope) == {(first.id, second.id)}
    assert service.scan_new(scope, MODEL) == 0


def test_dismissed_pairs_are_never_proposed_again(scope: Scope) -> None:
    a, b = add(scope, COPY), add(scope, COPY + "?")
    service.scan(scope, MODEL)
    assert service.dismiss(scope, [a.id, b.id]) == 1
    assert open_pairs(scope) == set()
    service.scan(scope, MODEL)
    vectors_for(scope.session).put(scope.session, scope.workspace_id, "evidence", b.id, MODEL,
                                   EMBEDDER.embed([COPY])[0])
    service.scan_new(scope, MODEL)
    assert open_pairs(scope) == set()
    assert service.queue(scope) == ([], 0)
    with pytest.raises(NotFound):
        service.dismiss(scope, [a.id, b.id])  # nothing open between them any more


def test_merge_keeps_customers_links_tags_and_records_events(scope: Scope) -> None:
    keep = add(scope, COPY, tags=["payroll"], source="interview")
    dup = add(scope, COPY + "!", tags=["export", "payroll"],
              customer_company="Harbor Cafe", customer_contact="Mia Chen")
    third = add(scope, COPY + "!!", customer_company="Lakeside Gym")
    other = add(scope, COPY + " ok")  # pairs with dup: that pair moves to the survivor
    opp = opportunities.create(scope, OpportunityCreate(title="Payroll export"))
    opp2 = opportunities.create(scope, OpportunityCreate(title="Rota"))
    links.link(scope, "evidence", keep.id, "opportunities", opp.id, 1)
    links.link(scope, "evidence", dup.id, "opportunities", opp.id, 3)
    links.link(scope, "evidence", third.id, "opportunities", opp2.id, 2)
    msg = messages.create(scope, MessageCreate(title="Payroll in one click",
                                               body="Export in seconds."))
    links.link(scope, "messages", msg.id, "evidence", dup.id)
    service.scan(scope, MODEL, threshold=0.7)
    assert (dup.id, other.id) in open_pairs(scope)

    kept = service.merge(scope, keep.id, [dup.id, third.id])
    assert kept.id == keep.id
    for gone in (dup.id, third.id):
        with pytest.raises(NotFound):
            evidence.get(scope, gone)
    assert kept.tags == ["payroll", "export"]
    assert (kept.customer_company, kept.customer_contact) == ("Harbor Cafe", "Mia Chen")
    importance = {ln.opportunity_id: ln.importance for ln in scope.session.scalars(
        select(EvidenceOpportunity).where(EvidenceOpportunity.evidence_id == keep.id))}
    assert importance == {opp.id: 3, opp2.id: 2}  # the higher importance wins
    assert scope.session.scalar(select(MessageEvidence.evidence_id).where(
        MessageEvidence.message_id == msg.id)) == keep.id
    merged = service.merges_into(scope, keep.id)
    assert [m.merged_id for m in merged] == [dup.id, third.id]
    assert merged[0].snapshot["customer_company"] == "Harbor Cafe"
    assert merged[1].snapshot["customer_company"] == "Lakeside Gym"  # every customer kept
    assert merged[0].snapshot["opportunities"] == [[opp.id, 3]]
    assert merged[0].snapshot["messages"] == [msg.id]
    assert sorted(merged[0].snapshot["tags"]) == ["export", "payroll"]
    assert (keep.id, other.id) in open_pairs(scope)  # the pair moved to the survivor
    verbs = [e.verb for e in scope.session.scalars(select(Event).where(
        Event.kind == "evidence", Event.object_id.in_([keep.id, dup.id, third.id])))]
    assert verbs.count("merged") == 2 and verbs.count("deleted") == 2
    assert vectors_for(scope.session).vectors_of(
        scope.session, scope.workspace_id, "evidence", MODEL, [dup.id])[0].size == 0


@pytest.mark.parametrize(("keep", "others", "error"), [
    (0, [1], Invalid),
    (1, [], Invalid),
    (1, [1], Invalid),
    (1, [999], NotFound),
    (999, [1], NotFound),
    (1, list(range(2, 60)), Invalid),
])
def test_bad_merges_change_nothing(scope: Scope, keep: int, others: list[int],
                                   error: type[Exception]) -> None:
    a, b = add(scope, COPY), add(scope, COPY + "!")
    ids = {1: a.id, 999: 999}
    with pytest.raises(error):
        service.merge(scope, ids.get(keep, keep), [ids.get(o, o + 1000) if o != 1 else a.id
                                                   for o in others])
    assert evidence.get(scope, a.id) and evidence.get(scope, b.id)


def test_threshold_is_bounded(scope: Scope) -> None:
    with pytest.raises(Invalid):
        service.scan(scope, MODEL, threshold=0.2)
