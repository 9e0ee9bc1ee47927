"""Hybrid evidence search on both engines: keyword, meaning, fusion, filters, fallbacks."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.errors import Invalid
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.search import service
from tandem.inbound.search.service import Mode, search_evidence
from tandem.loop import links
from tandem.scope import Scope
from tests.inbound.support import EMBEDDER, add


def ids(result: service.SearchResult) -> list[int]:
    return [h.evidence.id for h in result.hits]


def test_keyword_only_until_there_are_vectors(scope: Scope) -> None:
    item = add(scope, "Payroll export takes two hours", embed=False)
    add(scope, "The calendar is lovely", embed=False)
    found = search_evidence(scope, EMBEDDER, "payroll", Mode.hybrid)
    assert (found.used, found.semantic_available) == (Mode.keyword, False)
    assert "embedded" in found.note
    assert ids(found) == [item.id]
    assert str(found.hits[0].snippet) == "<mark>Payroll</mark> export takes two hours"
    assert found.hits[0].matched_by == "keyword"
    meaning = search_evidence(scope, EMBEDDER, "payroll", Mode.semantic)
    assert meaning.used is Mode.keyword and ids(meaning) == [item.id]


def test_meaning_finds_what_keywords_miss_and_fusion_ranks_both_first(scope: Scope) -> None:
    both = add(scope, "payroll export broken")
    meaning_only = add(scope, "payroll export")  # lacks "broken": every keyword is required
    add(scope, "the calendar is lovely")  # shares no word (and no hash bucket)
    keyword = search_evidence(scope, EMBEDDER, "payroll export broken", Mode.keyword)
    assert ids(keyword) == [both.id]
    semantic = search_evidence(scope, EMBEDDER, "payroll export broken", Mode.semantic)
    assert ids(semantic)[:2] == [both.id, meaning_only.id]
    assert semantic.hits[0].similarity == pytest.approx(1.0, abs=1e-5)
    assert all(h.similarity is not None and h.similarity >= service.MIN_SIMILARITY
               for h in semantic.hits)
    hybrid = search_evidence(scope, EMBEDDER, "payroll export broken")
    assert hybrid.used is Mode.hybrid and not hybrid.note
    assert ids(hybrid) == [both.id, meaning_only.id]
    assert [h.matched_by for h in hybrid.hits] == ["both", "meaning"]
    assert "<mark>" not in str(hybrid.hits[1].snippet)  # found by meaning: nothing to mark


def test_filters_restrict_both_rankings(scope: Scope) -> None:
    old = add(scope, "payroll export slow", source="support", received_on=date(2026, 1, 5),
              tags=["billing"], customer_company="Harbor Cafe")
    new = add(scope, "payroll export slow today", source="interview",
              received_on=date(2026, 3, 9))
    opp = opportunities.create(scope, OpportunityCreate(title="Faster payroll"))
    links.link(scope, "evidence", new.id, "opportunities", opp.id, 2)
    for mode in Mode:
        def run(**filters: str) -> list[int]:
            return ids(search_evidence(scope, EMBEDDER, "payroll export", mode, filters))  # noqa: B023
        assert sorted(run()) == sorted([old.id, new.id])
        assert run(source="support") == [old.id]
        assert run(tag="billing") == [old.id]
        assert run(company=str(old.company_id)) == [old.id]  # the company record's id
        assert run(linked="yes") == [new.id]
        assert run(linked="no") == [old.id]
        assert run(received_from="2026-02-01") == [new.id]
        assert run(received_to="2026-02-01") == [old.id]
        assert run(received_from="2026-01-01", received_to="2026-12-31", source="survey") == []


@pytest.mark.parametrize(("q", "filters", "field"), [
    ("", {}, "q"),
    ("!!! ???", {}, "q"),
    ("x" * (service.MAX_QUERY + 1), {}, "q"),
    ("payroll", {"colour": "red"}, "colour"),
    ("payroll", {"source": "carrier pigeon"}, "source"),
    ("payroll", {"linked": "maybe"}, "linked"),
    ("payroll", {"received_from": "yesterday"}, "received_from"),
    ("payroll", {"received_from": "2026-05-01", "received_to": "2026-04-01"}, "received_to"),
    ("payroll", {"theme": "seven"}, "theme_id"),  # a theme id, or none for unsorted
    ("payroll", {"tag": "x" * 300}, "tag"),
])
def test_bad_queries_and_filters_are_invalid(scope: Scope, q: str, filters: dict[str, str],
                                             field: str) -> None:
    add(scope, "payroll export")
    with pytest.raises(Invalid) as caught:
        search_evidence(scope, EMBEDDER, q, Mode.hybrid, filters)
    assert caught.value.field == field


def test_available_filters_name_what_plugs_in() -> None:
    plugged = service.available_filters()
    assert plugged["company"] == "company_id"  # the customers feature's records
    assert plugged["segment"] == "segment_id"
    assert plugged["theme"] == "theme_id"  # the themes feature's membership
    assert plugged["persona"] is None


def test_stored_html_comes_back_escaped(scope: Scope) -> None:
    add(scope, "<img src=x onerror=alert(1)> payroll")
    hit = search_evidence(scope, EMBEDDER, "payroll").hits[0]
    assert "<img" not in str(hit.snippet) and "&lt;img" in str(hit.snippet)
