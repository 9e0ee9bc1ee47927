"""RACI rules, with no database: what is wrong or risky in a set of assignments.

The rules restate shared/reference/frameworks.md, section 2:

- exactly one Accountable per activity (none, or several, is an error);
- at least one Responsible, else the Accountable is taken to do the work (a warning);
- at most one letter per person per activity (an error);
- one person accountable for too much (a warning; a solo founder expects it, so the
  threshold is a parameter and the solo preset turns it off).

Activities nobody is assigned to are not findings here: they are gaps, reported apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Letter:
    """One person's letter on one activity."""

    activity: str
    person: str
    raci: str


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    activity: str
    person: str
    message: str


# Accountable for more than this share of the assigned activities (and at least MIN_A of
# them) is "too many": nobody can really own half of product and marketing at once.
OVERLOAD_SHARE = 0.5
OVERLOAD_MIN = 6


def check(letters: Iterable[Letter], overload_share: float | None = OVERLOAD_SHARE,
          overload_min: int = OVERLOAD_MIN,
          implied_responsible_ok: bool = False) -> list[Finding]:
    """Every finding, errors first, then by activity and person.

    `implied_responsible_ok` drops the "no R" warning, for a solo founder who is A and R of
    everything by design; `overload_share=None` drops the "too many A" warning likewise.
    """
    by_activity: dict[str, list[Letter]] = defaultdict(list)
    for letter in letters:
        by_activity[letter.activity].append(letter)
    found: list[Finding] = []
    accountable: dict[str, list[str]] = defaultdict(list)
    for activity, given in by_activity.items():
        per_person: dict[str, set[str]] = defaultdict(set)
        for letter in given:
            per_person[letter.person].add(letter.raci)
        for person, raci in per_person.items():
            if len(raci) > 1:
                found.append(Finding(Severity.error, "several_letters", activity, person,
                                     f"{person} holds {', '.join(sorted(raci))} on "
                                     f"'{activity}': one letter per person."))
        a_people = sorted({x.person for x in given if x.raci == "A"})
        r_people = {x.person for x in given if x.raci == "R"}
        for person in a_people:
            accountable[person].append(activity)
        if not a_people:
            found.append(Finding(Severity.error, "no_accountable", activity, "",
                                 f"Nobody is accountable for '{activity}': name one A."))
        elif len(a_people) > 1:
            found.append(Finding(Severity.error, "several_accountable", activity,
                                 ", ".join(a_people),
                                 f"{' and '.join(a_people)} are all accountable for "
                                 f"'{activity}': keep exactly one A."))
        elif not r_people and not implied_responsible_ok:
            found.append(Finding(Severity.warning, "no_responsible", activity, a_people[0],
                                 f"Nobody is responsible for '{activity}', so {a_people[0]} "
                                 "(A) is taken to do the work as well."))
    if overload_share is not None and by_activity:
        limit = max(overload_min, int(overload_share * len(by_activity)))
        for person, owned in accountable.items():
            if len(owned) > limit:
                found.append(Finding(Severity.warning, "overloaded", "", person,
                                     f"{person} is accountable for {len(owned)} of "
                                     f"{len(by_activity)} assigned activities."))
    order = {Severity.error: 0, Severity.warning: 1}
    return sorted(found, key=lambda f: (order[f.severity], f.activity, f.person, f.code))


def gaps(activities: Sequence[str], letters: Iterable[Letter]) -> list[str]:
    """Activities (in the given order) that nobody is assigned to."""
    assigned = {letter.activity.lower() for letter in letters}
    return [a for a in activities if a.lower() not in assigned]
