"""Full-text search on both engines: documents follow their objects, words match as prefixes
and stems, hostile text is only text, workspaces never mix, hits come best first."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from tandem.accounts import service as accounts
from tandem.accounts.models import User, Workspace
from tandem.errors import Invalid
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.loop.search import search
from tandem.outbound.launch import LaunchCreate, launches
from tandem.runtime import Runtime
from tandem.schema import control_character
from tandem.scope import Scope
from tandem.storage.engine import Database
from tandem.storage.fulltext import MAX_TERM_LENGTH, MAX_TERMS, fulltext_for, terms
from tandem.storage.search_index import SearchDocument
from tests.statements import statements_sent


def titles(scope: Scope, q: str) -> list[str]:
    return sorted(o.title for o in opportunities.list(scope, q=q).items)


def test_terms_keep_bounded_words_only() -> None:
    assert terms('  "Payroll" AND (swaps*) -NEAR x:y a_b ') == [
        "Payroll", "AND", "swaps", "NEAR", "x", "y", "a", "b"]
    assert terms("%_*\"'\x00 😀 <-> & | !") == []
    assert len(terms("word " * 10_000)) == MAX_TERMS
    assert terms("x" * 50_000) == ["x" * MAX_TERM_LENGTH]


def test_the_document_follows_create_update_delete(scope: Scope) -> None:
    opp = opportunities.create(scope, OpportunityCreate(title="Shift swaps",
                                                        problem="Managers lose track"))
    assert titles(scope, "swaps") == ["Shift swaps"]
    assert titles(scope, "managers") == ["Shift swaps"]
    opportunities.update(scope, opp.id, opportunities.update_schema.model_validate(
        {"title": "Payroll export", "problem": "Accountants retype hours"}))
    assert titles(scope, "swaps") == [] and titles(scope, "managers") == []
    assert titles(scope, "payroll") == ["Payroll export"]
    assert [(h.type, h.id) for h in search(scope, "accountants")] == [
        ("opportunities", opp.id)]
    doc = scope.session.scalars(select(SearchDocument).where(
        SearchDocument.kind == "opportunities", SearchDocument.object_id == opp.id)).one()
    assert (doc.title, doc.body) == ("Payroll export", "Payroll export\nAccountants retype hours")
    opportunities.delete(scope, opp.id)
    assert titles(scope, "payroll") == [] and search(scope, "payroll") == []
    assert scope.session.scalars(select(SearchDocument)).all() == []


def test_words_match_as_prefixes_and_stems_not_inside_words(scope: Scope) -> None:
    opportunities.create(scope, OpportunityCreate(
        title="Swapping shifts", problem="Managers approve every change by text message"))
    opportunities.create(scope, OpportunityCreate(title="Payroll export"))
    found = ["Swapping shifts"]
    assert titles(scope, "swap") == found  # prefix
    assert titles(scope, "swapped") == found  # stem: swapped ~ swapping
    assert titles(scope, "managed changes") == found  # stems, every word required
    assert titles(scope, "SHIFT") == found  # case
    assert titles(scope, "manag approv") == found  # prefixes of several words
    assert titles(scope, "shifts zebra") == []  # every word must match
    assert titles(scope, "wapping") == []  # not a substring scan inside words
    assert titles(scope, "payroll-export") == ["Payroll export"]


HOSTILE = [
    '"', '""', "'", 'a"b', "AND", "OR NOT", "NEAR(a b)", "*", "^x", "-x", "title:x",
    "a & b | !c", "(((", ")", "\x00", "pay\x00roll", "x" * 50_000, "word " * 10_000, "😀",
    "²", "x²", "e\u0301", "\ud800", "_", "%", "\\", ":*", "<->", "{}", "[x]",
    "'; DROP TABLE evidence; --", "\u202e\u200b", "١٢٣", "ǅ", "\U0001d538",
]


def test_hostile_text_is_only_text(scope: Scope) -> None:
    evidence.create(scope, EvidenceCreate(text="Payroll takes two hours, 100% of the time"))
    for q in HOSTILE:
        if control_character(q) is not None or len(q) > 200:  # refused, the field named
            with pytest.raises(Invalid):
                evidence.list(scope, q=q)
            continue
        assert evidence.list(scope, q=q).total == 0, q
        assert search(scope, q) == [], q
    for q in ('"payroll', "payroll:*", "(payroll)", "payro*", "-payroll"):
        assert evidence.list(scope, q=q).total == 1, q
        assert len(search(scope, q)) == 1, q
    with pytest.raises(Invalid):  # control characters are refused, with the field named
        evidence.list(scope, q="payroll\x00")


def test_random_text_never_raises(scope: Scope) -> None:
    evidence.create(scope, EvidenceCreate(text="Payroll takes two hours"))
    rng = random.Random(7)
    alphabet = 'ab "\'*:&|!()-^{}[]_%\\\x00²éß٣😀\u0301\u200b\n\t'
    for _ in range(100):
        q = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        try:
            evidence.list(scope, q=q)
            search(scope, q)
        except Invalid as exc:  # the one refusal allowed: control characters in the term
            assert "control characters" in exc.message, q


def test_text_without_words_matches_nothing(scope: Scope) -> None:
    evidence.create(scope, EvidenceCreate(text="100% of our managers"))
    assert evidence.list(scope, q="%").total == 0
    assert evidence.list(scope, q="100%").total == 1
    assert evidence.list(scope, q="   ").total == 1  # blank is no search at all
    assert search(scope, "%") == [] and search(scope, "   ") == []


def test_other_workspaces_never_match(runtime: Runtime, owner: User,
                                      workspace: Workspace) -> None:
    with runtime.session() as session:
        accounts.create_workspace(session, "Beta", owner)
    ids = {}
    for slug in ("acme", "beta"):
        with runtime.scope(owner, slug) as scope:
            ids[slug] = opportunities.create(scope, OpportunityCreate(title="Payroll")).id
    for slug, other in (("acme", "beta"), ("beta", "acme")):
        with runtime.scope(owner, slug) as scope:
            assert [o.id for o in opportunities.list(scope, q="payroll").items] == [ids[slug]]
            assert [h.id for h in search(scope, "payroll")] == [ids[slug]]
            index = fulltext_for(scope.session)
            found = scope.session.scalars(
                index.matching(scope.workspace_id, "opportunities", "payroll")).all()
            assert found == [ids[slug]] and ids[other] not in found


def test_ranked_search_puts_title_hits_first_and_caps_each_kind(scope: Scope) -> None:
    body_only = opportunities.create(scope, OpportunityCreate(
        title="Rotas", problem="Rotas drive the payroll run")).id
    in_title = opportunities.create(scope, OpportunityCreate(
        title="Payroll export", problem="Accountants retype hours")).id
    for n in range(4):
        evidence.create(scope, EvidenceCreate(text=f"Payroll note {n}"))
    index = fulltext_for(scope.session)
    ranked = index.search(scope.session, scope.workspace_id, "payroll",
                          ["opportunities"], per_kind=5)
    assert [h.object_id for h in ranked] == [in_title, body_only]
    assert ranked[0].rank > ranked[1].rank and ranked[0].title == "Payroll export"
    capped = index.search(scope.session, scope.workspace_id, "payroll",
                          ["evidence", "opportunities"], per_kind=2)
    assert sorted(h.kind for h in capped) == ["evidence"] * 2 + ["opportunities"] * 2
    hits = search(scope, "payroll", per_kind=2)
    assert [h.type for h in hits] == ["evidence", "evidence", "opportunities", "opportunities"]
    assert [h.id for h in hits[2:]] == [in_title, body_only]
    assert hits[2].label == "Opportunity" and hits[2].title == "Payroll export"


def test_search_leaves_out_objects_gone_with_a_cascade(scope: Scope) -> None:
    release = releases.create(scope, ReleaseCreate(name="Swap center"))
    launches.create(scope, LaunchCreate(name="Swap center launch", release_id=release.id))
    assert [h.type for h in search(scope, "swap")] == ["releases", "launches"]
    releases.delete(scope, release.id)  # the database deletes its launches
    assert search(scope, "swap") == []
    assert launches.list(scope, q="swap").total == 0



def test_sqlite_runs_the_match_once_then_looks_documents_up(sqlite_url: str) -> None:
    """Left to itself SQLite's planner runs the MATCH once per document of the workspace."""
    db = Database(sqlite_url)
    try:
        with db.session() as session, statements_sent(db.engine) as sent:
            index = fulltext_for(session)
            index.search(session, 1, "card", ["evidence"], per_kind=10)
            session.execute(select(Evidence.id).where(
                Evidence.workspace_id == 1, Evidence.id.in_(index.matching(1, "evidence", "card"))))
            seen = [(s, p) for s, p in sent if "search_fts" in s]
            assert len(seen) == 2
            for statement, params in seen:
                plan = [row[3] for row in session.connection().exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {statement}", params)]
                steps = [p for p in plan if "search_fts" in p or "search_documents" in p]
                assert steps[0].startswith("SCAN search_fts"), plan
                assert "PRIMARY KEY" in steps[1], plan
    finally:
        db.dispose()
