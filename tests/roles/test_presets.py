"""Presets by company stage propose one A per activity; departures compare A and R only."""

from __future__ import annotations

import pytest

from tandem.roles import presets
from tandem.roles.catalog import CATALOG
from tandem.roles.presets import Activity, Preset, departures, expected, holds

ACTIVITIES = [Activity(a.name, a.column, a.direction.value) for a in CATALOG]


@pytest.mark.parametrize("preset", [p.value for p in Preset if p != Preset.custom])
def test_every_preset_names_exactly_one_accountable_role_per_activity(preset: str) -> None:
    for activity in ACTIVITIES:
        letters = expected(preset, activity)
        assert list(letters.values()).count("A") == 1, (preset, activity.name)
        assert set(letters) <= set(presets.ROLES[preset]), (preset, activity.name)


@pytest.mark.parametrize(("preset", "activity", "letters"), [
    ("solo", "Launch", {"Founder": "A"}),
    ("merged", "Pricing", {"Founder": "A", "PM+PMM": "R"}),
    ("merged", "Launch", {"PM+PMM": "A", "Founder": "I"}),
    ("split", "Requirements", {"PM": "A", "PMM": "C"}),
    ("split", "Launch", {"PMM": "A", "PM": "I"}),
    ("split", "Positioning", {"PMM": "A", "PM": "R"}),
    ("split", "Competitive landscape", {"PM": "A", "PMM": "R"}),
    ("split", "Distribution strategy", {"Founder": "A", "PMM": "R", "PM": "C"}),
    ("split_marcom", "Campaigns", {"PMM": "A", "PM": "I", "Marcom": "R"}),
    ("split_se", "Presentations and demos", {"PMM": "A", "PM": "I",
                                             "Sales engineering": "R"}),
    ("custom", "Launch", {}),
])
def test_letters(preset: str, activity: str, letters: dict[str, str]) -> None:
    found = next(a for a in ACTIVITIES if a.name == activity)
    assert expected(preset, found) == letters


def test_merged_role_is_held_by_whoever_has_both_titles() -> None:
    assert holds("PM+PMM", ["PM", "pmm"]) and holds("PM+PMM", ["PM+PMM"])
    assert not holds("PM+PMM", ["PM"]) and holds("PM", [" pm "])


def test_departures_compare_a_and_r_of_assigned_activities_only() -> None:
    acts = [Activity("Launch", "Programs", "outbound"),
            Activity("Requirements", "Planning", "inbound"),
            Activity("Pricing", "Business", "shared")]
    letters = {"Launch": {"Dan": "A"}, "Requirements": {"Dan": "A", "Hana": "C"}}
    roles = {"Dan": ["PM"], "Hana": ["PMM"]}
    found = departures("split", acts, letters, roles)
    assert [(d.activity, d.role, d.expected, d.actual) for d in found] == [
        ("Launch", "PMM", "A", "Dan as A")]
    assert "expects the PMM as A, the team has Dan as A" in found[0].message
    assert departures("custom", acts, letters, roles) == []
