"""Role presets by company stage, with no database: who the preset expects to hold which
RACI letter on each activity, and where a team departs from it.

The presets are the organisation models the source texts describe (shared/reference,
section 1): one founder doing everything; one merged PM+PMM role, common at startups;
product management and product marketing split; the split plus a marcom team that executes
product marketing's programs; the split plus sales engineering. "Custom" proposes nothing.

The letters follow one reading of the activity map: strategy (the Focus and Business
columns) is the founder's to answer for once there is anyone else to do it; inbound work is
product management's, outbound work product marketing's, and shared work goes to whoever
faces the market in that column (product management in Market, Focus and Business, product
marketing in Planning and later), with the other side doing it alongside (R) or consulted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

FOUNDER, PM, PMM, MERGED, MARCOM, SE = ("Founder", "PM", "PMM", "PM+PMM", "Marcom",
                                        "Sales engineering")
STRATEGY = {"Focus", "Business"}
MARKET_SIDE = {"Market", "Focus", "Business"}


class Preset(StrEnum):
    solo = "solo"
    merged = "merged"
    pm_pmm_split = "split"
    with_marcom = "split_marcom"
    with_sales_engineering = "split_se"
    custom = "custom"


LABELS: dict[str, str] = {
    "solo": "Solo founder: one person does everything",
    "merged": "One merged PM+PMM role beside the founder",
    "split": "Product management and product marketing split",
    "split_marcom": "Split, plus a marcom team that executes programs",
    "split_se": "Split, plus sales engineering",
    "custom": "Custom: no preset, the team decides",
}

ROLES: dict[str, tuple[str, ...]] = {
    "solo": (FOUNDER,), "merged": (FOUNDER, MERGED), "split": (FOUNDER, PM, PMM),
    "split_marcom": (FOUNDER, PM, PMM, MARCOM), "split_se": (FOUNDER, PM, PMM, SE),
    "custom": (),
}

# Activities a marcom team executes, and those sales engineering does, under PMM's A.
MARCOM_WORK = {"Awareness", "Nurturing", "Advocacy", "Campaigns", "Lead generation",
               "Content", "Collateral", "Event support"}
SE_WORK = {"Presentations and demos", "Special calls", "Channel support", "Event support"}


@dataclass(frozen=True)
class Activity:
    name: str
    column: str
    direction: str  # inbound, outbound or shared


def _split(activity: Activity) -> dict[str, str]:
    own, other = (PM, PMM) if activity.direction == "inbound" or (
        activity.direction == "shared" and activity.column in MARKET_SIDE) else (PMM, PM)
    if activity.column in STRATEGY:
        return {FOUNDER: "A", own: "R", other: "C"}
    if activity.direction == "shared":
        return {own: "A", other: "R"}
    return {own: "A", other: "C" if activity.column in MARKET_SIDE | {"Planning"} else "I"}


def expected(preset: str, activity: Activity) -> dict[str, str]:
    """Role -> letter the preset proposes for one activity (empty for custom)."""
    if preset == Preset.solo:
        return {FOUNDER: "A"}
    if preset == Preset.merged:
        if activity.column in STRATEGY:
            return {FOUNDER: "A", MERGED: "R"}
        return {MERGED: "A", FOUNDER: "C" if activity.column in MARKET_SIDE else "I"}
    if preset not in (Preset.pm_pmm_split, Preset.with_marcom, Preset.with_sales_engineering):
        return {}
    letters = _split(activity)
    if preset == Preset.with_marcom and activity.name in MARCOM_WORK:
        letters = {**letters, PMM: "A", MARCOM: "R"}
    if preset == Preset.with_sales_engineering and activity.name in SE_WORK:
        letters = {**letters, PMM: "A", SE: "R"}
    return letters


def holds(role: str, roles_of_person: Iterable[str]) -> bool:
    """Whether someone with these role titles fills `role` (PM+PMM needs both, or itself)."""
    held = {r.strip().lower() for r in roles_of_person}
    if role == MERGED:
        return MERGED.lower() in held or {PM.lower(), PMM.lower()} <= held
    return role.lower() in held


@dataclass(frozen=True)
class Departure:
    activity: str
    role: str
    expected: str
    actual: str  # what the team has instead: "" when nobody fills the role there

    @property
    def message(self) -> str:
        if not self.actual:
            return f"'{self.activity}': the preset expects the {self.role} as {self.expected}; " \
                   "nobody in that role is assigned."
        return f"'{self.activity}': the preset expects the {self.role} as {self.expected}, " \
               f"the team has {self.actual}."


def departures(preset: str, activities: Sequence[Activity],
               letters: Mapping[str, Mapping[str, str]],
               roles_of: Mapping[str, Sequence[str]]) -> list[Departure]:
    """Where assignments differ from the preset's A and R letters.

    `letters` is activity -> person -> letter; `roles_of` is person -> role titles.
    C and I are advice, so only A and R are compared; activities nobody is assigned to are
    gaps, not departures, and are left out.
    """
    found = []
    for activity in activities:
        given = letters.get(activity.name, {})
        if not given:
            continue
        for role, letter in expected(preset, activity).items():
            if letter not in ("A", "R"):
                continue
            people = [p for p in given if holds(role, roles_of.get(p, ()))]
            if any(given[p] == letter for p in people):
                continue
            actual = ", ".join(f"{p} as {given[p]}" for p in people) or ""
            if letter == "A":
                others = [p for p, x in given.items() if x == "A"]
                actual = actual or ", ".join(f"{p} as A" for p in others)
            found.append(Departure(activity.name, role, letter, actual))
    return found
