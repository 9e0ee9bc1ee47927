"""Workshop arithmetic alone: conflicts, agreement, gaps, head count, sides."""

from __future__ import annotations

import pytest

from tandem.roles.workshop.engine import (
    Proposal,
    agreed,
    conflicts,
    gaps,
    headcount,
    side_of,
)

ACTIVITIES = ["Win/loss analysis", "Positioning", "Requirements", "Pricing"]
SIDES = {"Pia": "inbound", "Max": "outbound", "Agency": "outbound"}


def _codes(found: list) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(c.activity, c.code) for c in found}


def test_conflicts_and_agreement() -> None:
    proposals = [
        Proposal("Win/loss analysis", "Pia", "A"), Proposal("Win/loss analysis", "Max", "R"),
        Proposal("Positioning", "Pia", "A"), Proposal("Positioning", "Max", "A"),
        Proposal("Requirements", "Pia", "A"), Proposal("Requirements", "Max", "C"),
    ]
    found = conflicts(proposals, ACTIVITIES, SIDES)
    assert _codes(found) == {
        ("Win/loss analysis", "both_sides"),  # Pia (inbound) A and Max (outbound) R
        ("Positioning", "two_a"), ("Positioning", "both_sides"),
        ("Requirements", "no_r"),
        ("Pricing", "no_a"),  # nobody claims it at all
    }
    assert agreed(ACTIVITIES, found) == []
    calm = [Proposal("Pricing", "Max", "A"), Proposal("Pricing", "Agency", "R")]
    assert agreed(ACTIVITIES, conflicts(calm, ACTIVITIES, SIDES)) == ["Pricing"]


def test_one_person_with_too_many_as() -> None:
    many = [f"Activity {i}" for i in range(8)]
    proposals = [Proposal(a, "Pia", "A") for a in many] + [Proposal(a, "Max", "R")
                                                          for a in many]
    found = conflicts(proposals, many, {})
    assert ("", "too_many_a") in _codes(found)
    assert found[-1].activity == "" and found[-1].people == ("Pia",)


def test_gaps_are_ranked_by_importance_minus_assessment() -> None:
    ranked = gaps([Proposal("Pricing", "Pia", None, 5, 1), Proposal("Pricing", "Max", "A", 4, 2),
                   Proposal("Positioning", "Pia", "A", 3, 3),
                   Proposal("Requirements", "Pia", "A", 5, None)], ACTIVITIES)
    assert [(g.activity, g.size, g.answers) for g in ranked] == [("Pricing", 3.0, 2),
                                                               ("Positioning", 0.0, 1)]


def test_headcount_splits_hours_over_roles() -> None:
    heads = headcount([Proposal("Pricing", "Pia", "A", hours=20),
                       Proposal("Positioning", "Pia", "A", hours=20),
                       Proposal("Pricing", "Max", "R", hours=10),
                       Proposal("Pricing", "Agency", "R")],
                      {"Pia": ["PM", "PMM"], "Max": []})
    assert heads == {"PM": 0.5, "PMM": 0.5, "Max": 0.25}


@pytest.mark.parametrize(("titles", "side"), [
    (["PM"], "inbound"), (["PMM"], "outbound"), (["Product marketing manager"], "outbound"),
    (["Product manager"], "inbound"), (["PM", "PMM"], ""), (["Founder"], ""),
    (["Marcom agency"], "outbound"), (["Sales engineer"], "outbound"), ([], "")])
def test_side_of(titles: list[str], side: str) -> None:
    assert side_of(titles) == side
