"""Suggested evidence and ranked quotes on both engines."""

from __future__ import annotations

import pytest

from tandem.errors import Conflict
from tandem.inbound.customers.records import companies
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.suggestions import service
from tandem.loop import links
from tandem.scope import Scope
from tests.inbound.support import EMBEDDER, add


def _opp(scope: Scope) -> int:
    return opportunities.create(scope, OpportunityCreate(
        title="payroll export", problem="payroll export slow")).id


def test_nothing_to_suggest_until_evidence_has_vectors(scope: Scope) -> None:
    opp = _opp(scope)
    add(scope, "payroll export slow", embed=False)
    found = service.suggest(scope, EMBEDDER, opp)
    assert not found.available and "embedded" in found.note and found.items == []


def test_suggest_accept_reject_and_remember(scope: Scope) -> None:
    opp = _opp(scope)
    near = add(scope, "payroll export slow")
    also = add(scope, "payroll export slow again")
    far = add(scope, "lovely calendar colours")
    found = service.suggest(scope, EMBEDDER, opp)
    ids = [s.evidence.id for s in found.items]
    assert ids[:2] == [near.id, also.id] and far.id not in ids
    assert found.items[0].similarity > found.items[1].similarity

    service.accept(scope, opp, near.id, 3)
    assert links.trace(scope, "opportunities", opp).upstream["evidence"][0].id == near.id
    assert service.reject(scope, opp, also.id) is True
    assert service.reject(scope, opp, also.id) is False  # remembered once
    found = service.suggest(scope, EMBEDDER, opp)
    assert found.rejected == 1 and {near.id, also.id}.isdisjoint(
        s.evidence.id for s in found.items)
    assert [e.id for e in service.rejected(scope, opp)] == [also.id]
    with pytest.raises(Conflict):
        service.reject(scope, opp, near.id)  # linked: unlink instead
    assert service.restore(scope, opp, also.id) is True
    assert also.id in [s.evidence.id for s in service.suggest(scope, EMBEDDER, opp).items]
    service.reject(scope, opp, also.id)
    service.accept(scope, opp, also.id)  # accepting later forgets the rejection
    assert service.rejected(scope, opp) == []


def test_quotes_rank_by_closeness_importance_and_arr(scope: Scope) -> None:
    opp = _opp(scope)
    big = companies.create(scope, companies.create_schema.model_validate(
        {"name": "Bigco", "revenue": 900_000}))
    small = companies.create(scope, companies.create_schema.model_validate(
        {"name": "Smallco", "revenue": 5_000}))
    a = add(scope, "payroll export slow", customer_company="Smallco")
    b = add(scope, "payroll export slow", customer_company="Bigco")
    c = add(scope, "unrelated note about colours", customer_company="Smallco")
    for item, importance in ((a, 2), (b, 2), (c, 3)):
        links.link(scope, "evidence", item.id, "opportunities", opp, importance)
    found = service.quotes(scope, EMBEDDER, opp)
    assert [q.evidence.id for q in found][:2] == [b.id, a.id]  # same words: ARR decides
    assert found[0].company == big.name and found[0].arr == 900_000
    assert {q.company for q in found} >= {small.name}
    assert service.quotes(scope, EMBEDDER, _opp2(scope)) == []


def _opp2(scope: Scope) -> int:
    return opportunities.create(scope, OpportunityCreate(title="Empty")).id
