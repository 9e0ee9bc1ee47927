"""Positioning statements and version diffs, with no database."""

from __future__ import annotations

from typing import Any

import pytest

from tandem.errors import Invalid
from tandem.outbound.positioning import engine

FULL: dict[str, Any] = {
    "alternatives": ["Spreadsheets", "Do nothing"],
    "attributes": [{"attribute": "Payroll-ready timesheets",
                    "value": "turns payroll day from hours into minutes.",
                    "evidence_ids": [3]}],
    "target": "operations leads at multi-site clinics",
    "need": "lose hours reconciling rotas with payroll",
    "category": "workforce scheduling platform",
    "trends": "",
}


def test_statements_follow_the_classic_and_short_templates() -> None:
    made = engine.statements(FULL, "Shiftwell")
    assert made.long == (
        "For operations leads at multi-site clinics who lose hours reconciling rotas with "
        "payroll, Shiftwell is a workforce scheduling platform that turns payroll day from "
        "hours into minutes. Unlike spreadsheets, we offer payroll-ready timesheets.")
    assert made.short == ("For operations leads at multi-site clinics, Shiftwell is the "
                          "workforce scheduling platform that turns payroll day from hours "
                          "into minutes, unlike spreadsheets.")


@pytest.mark.parametrize(("category", "article"), [("app", "an"), ("platform", "a"),
                                                    ("operations hub", "an")])
def test_article_follows_the_category(category: str, article: str) -> None:
    made = engine.statements({**FULL, "category": category}, "X")
    assert f" is {article} {category} that " in made.long


@pytest.mark.parametrize(("alternative", "shown"), [
    ("Spreadsheets", "unlike spreadsheets"), ("Deputy", "unlike Deputy"),
    ("HR suites", "unlike HR suites"), ("Do nothing (keep paper)", "unlike do nothing")])
def test_alternative_is_lowered_only_when_it_is_a_common_word(alternative: str,
                                                              shown: str) -> None:
    made = engine.statements({**FULL, "alternatives": [alternative]}, "X")
    assert shown in made.short


@pytest.mark.parametrize(("change", "field"), [
    ({"alternatives": []}, "alternatives"),
    ({"alternatives": ["  "]}, "alternatives"),
    ({"attributes": []}, "attributes"),
    ({"attributes": [{"attribute": "Fast", "value": " ", "evidence_ids": []}]}, "attributes"),
    ({"target": ""}, "target"),
    ({"need": "  "}, "need"),
    ({"category": ""}, "category"),
])
def test_an_empty_step_is_named(change: dict[str, Any], field: str) -> None:
    with pytest.raises(Invalid) as caught:
        engine.statements({**FULL, **change}, "X")
    assert caught.value.field == field


def test_trends_are_optional() -> None:
    assert engine.statements({**FULL, "trends": ""}, "X").short


@pytest.mark.parametrize(("before", "after", "changed"), [
    (None, FULL, ["alternatives", "attributes", "target", "need", "category"]),
    (FULL, FULL, []),
    (FULL, {**FULL, "category": "rota app"}, ["category"]),
    (FULL, {**FULL, "alternatives": ["Do nothing", "Spreadsheets"]}, ["alternatives"]),
    (FULL, {**FULL, "attributes": [{**FULL["attributes"][0], "evidence_ids": []}]},
     ["attributes"]),
])
def test_diff_names_the_changed_fields(before: dict[str, Any] | None, after: dict[str, Any],
                                       changed: list[str]) -> None:
    assert engine.changed_fields(before, after) == changed


def test_diff_rows_show_both_sides_and_what_was_added_or_removed() -> None:
    rows = {r.field: r for r in engine.diff(FULL, {**FULL, "alternatives": ["Spreadsheets",
                                                                            "Deputy"]})}
    alt = rows["alternatives"]
    assert alt.before == ["Spreadsheets", "Do nothing"]
    assert alt.after == ["Spreadsheets", "Deputy"]
    assert alt.removed == ["Do nothing"] and alt.added == ["Deputy"]
    assert rows["attributes"].after == [
        "Payroll-ready timesheets → turns payroll day from hours into minutes. [evidence #3]"]
    assert not rows["category"].changed


def test_unknown_step_is_refused() -> None:
    with pytest.raises(Invalid):
        engine.step("pricing")
    assert [s.key for s in engine.STEPS] == ["alternatives", "attributes", "target",
                                             "category", "trends"]


@pytest.mark.parametrize(("alternative", "shown"), [
    ("Group chats and spreadsheets", "unlike group chats and spreadsheets"),
    ("RotaBoard", "unlike RotaBoard"), ("Punchline HR", "unlike Punchline HR")])
def test_names_keep_their_capitals(alternative: str, shown: str) -> None:
    assert shown in engine.statements({**FULL, "alternatives": [alternative]}, "X").short
