"""The RACI rules, table by table: one A, an R or a warning, one letter each, no overload."""

from __future__ import annotations

import pytest

from tandem.roles.raci import Letter, check, gaps


def _codes(letters: list[tuple[str, str, str]], **options: object) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value)
            for f in check([Letter(*x) for x in letters], **options)]  # type: ignore[arg-type]


@pytest.mark.parametrize(("letters", "expected"), [
    ([("Launch", "Hana", "A"), ("Launch", "Tom", "R")], []),
    ([("Launch", "Tom", "R")], [("no_accountable", "error")]),
    ([("Launch", "Hana", "A"), ("Launch", "Dan", "A"), ("Launch", "Tom", "R")],
     [("several_accountable", "error")]),
    ([("Launch", "Hana", "A")], [("no_responsible", "warning")]),
    ([("Launch", "Hana", "A"), ("Launch", "Hana", "R")], [("several_letters", "error")]),
    ([("Launch", "Hana", "C"), ("Launch", "Tom", "I")], [("no_accountable", "error")]),
])
def test_rules(letters: list[tuple[str, str, str]], expected: list[tuple[str, str]]) -> None:
    assert _codes(letters) == expected


def test_errors_come_first_and_name_activity_and_person() -> None:
    found = check([Letter("Pricing", "Maya", "A"), Letter("Launch", "Tom", "R")])
    assert [(f.severity.value, f.activity, f.person) for f in found] == [
        ("error", "Launch", ""), ("warning", "Pricing", "Maya")]
    assert "Nobody is accountable for 'Launch'" in found[0].message


def test_one_person_accountable_for_too_much() -> None:
    letters = [Letter(f"Activity {i}", "Maya", "A") for i in range(8)]
    letters += [Letter(f"Activity {i}", "Dan", "R") for i in range(8)]
    assert _codes([(x.activity, x.person, x.raci) for x in letters]) == [
        ("overloaded", "warning")]
    assert _codes([(x.activity, x.person, x.raci) for x in letters],
                  overload_share=None) == []
    few = [(f"Activity {i}", "Maya", "A") for i in range(3)]  # below the minimum count
    assert ("overloaded", "warning") not in _codes(few, implied_responsible_ok=True)


def test_a_solo_founder_is_not_warned_about_doing_the_work() -> None:
    assert _codes([("Launch", "Maya", "A")], implied_responsible_ok=True) == []


def test_gaps_keep_catalog_order() -> None:
    assert gaps(["Market problems", "Launch", "Pricing"],
                [Letter("launch", "Hana", "A")]) == ["Market problems", "Pricing"]
