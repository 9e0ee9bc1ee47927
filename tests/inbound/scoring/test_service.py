"""Scoring on both engines: the standard models, one default, demand from linked evidence,
scores or what is missing, custom formulas checked when saved, and who may change what."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.accounts.models import Role
from tandem.errors import Forbidden, Invalid
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.scoring import service
from tandem.inbound.scoring.schemas import Method, ScoringModelCreate, WeightsBody
from tandem.loop import links
from tandem.platform.actor import Member
from tandem.roles.assignment import PersonCreate, people
from tandem.scope import Scope


def _opportunity(scope: Scope, title: str, **inputs: object) -> int:
    return opportunities.create(scope, OpportunityCreate.model_validate(
        {"title": title, **inputs})).id


def _evidence(scope: Scope, opp_id: int, company: str, importance: int | None,
              day: int = 1) -> None:
    ev = evidence.create(scope, EvidenceCreate(text=f"{company} needs it",
                                               customer_company=company,
                                               received_on=date(2026, 3, day)))
    links.link(scope, "evidence", ev.id, "opportunities", opp_id, importance)


def test_standard_models_and_one_default(scope: Scope) -> None:
    assert service.default_model(scope) is None
    made = service.add_standard_models(scope)
    assert [m.method for m in made] == ["rice", "wsjf", "importance", "demand"]
    assert service.default_model(scope).name == "RICE"
    assert service.add_standard_models(scope) == []  # nothing twice
    wsjf = next(m for m in made if m.method == "wsjf")
    service.make_default(scope, wsjf.id)
    defaults = [m.name for m in service.scoring_models.all(scope) if m.is_default]
    assert defaults == ["WSJF"]


def test_rank_scores_what_it_can_and_names_what_is_missing(scope: Scope) -> None:
    swaps = _opportunity(scope, "Swaps", reach=1000, impact="high", confidence=80, effort=4)
    payroll = _opportunity(scope, "Payroll", reach=600, impact="massive", confidence=100,
                           effort=2)
    _opportunity(scope, "Tips", reach=50)
    service.add_standard_models(scope)
    rows = service.rank(scope, service.default_model(scope))
    assert [(r.opportunity.title, r.rank, r.score) for r in rows] == [
        ("Payroll", 1, 900.0), ("Swaps", 2, 400.0), ("Tips", None, None)]
    assert rows[2].missing == ["impact", "confidence", "effort"]
    assert (rows[1].value, rows[1].effort) == (1600.0, 4.0)  # the chart's coordinates
    by_title = service.rank(scope, service.default_model(scope), sort="title")
    assert [r.opportunity.title for r in by_title] == ["Payroll", "Swaps", "Tips"]
    assert payroll != swaps


def test_owner_sorts_and_filters_the_ranking(scope: Scope) -> None:
    zoe = people.create(scope, PersonCreate(name="Zoe")).id
    ann = people.create(scope, PersonCreate(name="ann")).id
    _opportunity(scope, "Swaps", owner_id=zoe)
    _opportunity(scope, "Payroll", owner_id=ann)
    _opportunity(scope, "Tips")
    _opportunity(scope, "Breaks", owner_id=zoe)
    service.add_standard_models(scope)
    model = service.default_model(scope)
    by_owner = service.rank(scope, model, sort="owner")
    assert [(r.owner, r.opportunity.title) for r in by_owner] == [
        ("ann", "Payroll"), ("Zoe", "Breaks"), ("Zoe", "Swaps"), ("", "Tips")]
    assert [r.opportunity.title for r in service.rank(scope, model, "title", owner=zoe)] == [
        "Breaks", "Swaps"]
    assert [r.opportunity.title for r in service.rank(scope, model, owner=0)] == ["Tips"]
    assert service.rank(scope, model, owner=999) == []
    assert service.public_row(by_owner[0]).owner_id == ann


def test_demand_counts_each_customer_once_with_latest_importance(scope: Scope) -> None:
    opp = _opportunity(scope, "Swaps")
    _evidence(scope, opp, "Acme", 3, day=1)
    _evidence(scope, opp, "ACME ", 1, day=9)  # the same customer, later and milder
    _evidence(scope, opp, "Globex", None)  # unspecified counts as nice-to-have
    _evidence(scope, opp, "Initech", 2)
    service.add_standard_models(scope)
    importance = next(m for m in service.scoring_models.all(scope) if m.method == "importance")
    row = service.rank(scope, importance)[0]
    assert (row.evidence, row.customers, row.importance, row.score) == (4, 3, 4.0, 4.0)
    service.set_weights(scope, WeightsBody(critical=5, important=4, nice_to_have=0.5,
                                           not_important=0))
    assert service.rank(scope, importance)[0].score == 0.5 + 0.5 + 4


def test_custom_formulas_are_checked_when_saved_and_used(scope: Scope) -> None:
    with pytest.raises(Invalid) as caught:
        service.scoring_models.create(scope, ScoringModelCreate(
            name="Bad", method=Method.formula, formula="reach * impakt"))
    assert caught.value.field == "formula" and "position 9" in caught.value.message
    model = service.scoring_models.create(scope, ScoringModelCreate(
        name="Per effort", method=Method.formula, formula="rice + evidence * 10"))
    opp = _opportunity(scope, "Swaps", reach=100, impact="medium", confidence=50, effort=1)
    _evidence(scope, opp, "Acme", 2)
    _opportunity(scope, "Bare")
    rows = service.rank(scope, model)
    assert (rows[0].opportunity.title, rows[0].score) == ("Swaps", 60.0)
    assert rows[1].missing == ["rice inputs"]


def test_inputs_are_validated_on_the_opportunity(scope: Scope) -> None:
    for bad in ({"confidence": 101}, {"effort": 0}, {"effort": -2}, {"impact": "huge"},
                {"job_size": 0}):
        with pytest.raises(ValueError):
            OpportunityCreate.model_validate({"title": "x", **bad})


def test_viewers_read_but_do_not_change(scope: Scope) -> None:
    service.add_standard_models(scope)
    model = service.default_model(scope)
    assert isinstance(scope.actor, Member)
    scope.actor = scope.actor.in_role(Role.viewer)
    assert service.rank(scope, model) == []
    with pytest.raises(Forbidden):
        service.make_default(scope, model.id)
    with pytest.raises(Forbidden):
        service.set_weights(scope, WeightsBody())
    with pytest.raises(Forbidden):
        service.add_standard_models(scope)


def test_unknown_sort_is_refused(scope: Scope) -> None:
    service.add_standard_models(scope)
    with pytest.raises(Invalid):
        service.rank(scope, service.default_model(scope), sort="drop table")


def test_arr_weighted_demand_reads_company_records(scope: Scope) -> None:
    from tandem.inbound.customers.records import companies
    opp = _opportunity(scope, "Payroll")
    _evidence(scope, opp, "Acme", 3)
    _evidence(scope, opp, "Globex", 1)
    for company in companies.all(scope):
        arr = {"acme": 12000, "globex": 50000}[company.name.lower()]
        companies.update(scope, company.id, companies.update_schema.model_validate(
            {"revenue": arr}))
    service.add_standard_models(scope)
    demand = next(m for m in service.scoring_models.all(scope) if m.method == "demand")
    row = service.rank(scope, demand)[0]
    assert (row.customers, row.arr, row.score) == (2, 62000.0, 12000 * 3 + 50000 * 1)
