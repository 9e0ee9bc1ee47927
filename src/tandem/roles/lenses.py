"""DACI and RAPID as other lenses over the same RACI letters, with no database.

The team records one set of letters (RACI); a lens renames them for teams that think in
decision roles. Where a lens has no counterpart, it says so rather than inventing one.

- **DACI** (Intuit's decision framework, as Atlassian's Team Playbook describes it): the
  Driver runs the decision (RACI's R), the Approver makes the call (A), Contributors give
  their expertise (C), the Informed hear the outcome (I). Every RACI letter maps; DACI
  expects one Driver, so an activity with several R letters is pointed out.
- **RAPID** (Bain & Company; Rogers and Blenko, "Who Has the D?", Harvard Business Review,
  January 2006): Decide is the single person who commits the organisation (RACI's A);
  Input is consulted without a veto (C). RACI's R splits by what the activity is: on a
  decision-making column of the activity map (Market, Focus, Business, Planning) the R
  prepares the proposal, so Recommend; on an execution column (Programs, Enablement,
  Support) the R carries the work out, so Perform. RAPID has no Informed role, so an I
  shows no RAPID letter; and RAPID's Agree (a narrow veto, typically legal or finance) has
  no RACI letter, so the lens never shows it.

RAPID is a registered trademark of Bain & Company; the descriptions here are our own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Lens(StrEnum):
    raci = "raci"
    daci = "daci"
    rapid = "rapid"


# Columns of the activity map where the work is carrying out decisions, not making them.
EXECUTION_COLUMNS = frozenset({"Programs", "Enablement", "Support"})


@dataclass(frozen=True)
class Role:
    """One role of a lens: the letter shown in a cell and the RACI letter it comes from."""

    letter: str
    name: str
    meaning: str
    raci: str  # the RACI letter shown as this role; "" when RACI has none


@dataclass(frozen=True)
class LensSpec:
    key: Lens
    label: str
    source: str  # where the roles are defined, for the legend
    roles: tuple[Role, ...]
    unmapped: tuple[str, ...]  # what has no counterpart, in words


RACI_ROLES = (
    Role("R", "Responsible", "Does the work.", "R"),
    Role("A", "Accountable", "Answers for the outcome; exactly one per activity.", "A"),
    Role("C", "Consulted", "Asked before, both ways.", "C"),
    Role("I", "Informed", "Told after, one way.", "I"),
)
DACI_ROLES = (
    Role("D", "Driver", "Runs the work and the decision to its end (RACI's R).", "R"),
    Role("A", "Approver", "Makes the final call (RACI's A).", "A"),
    Role("C", "Contributor", "Gives expertise; has a say, not a vote (RACI's C).", "C"),
    Role("I", "Informed", "Hears the outcome (RACI's I).", "I"),
)
RAPID_ROLES = (
    Role("R", "Recommend", "Proposes the decision: RACI's R on Market, Focus, Business and "
         "Planning activities.", "R"),
    Role("A", "Agree", "Must agree before it goes ahead: a narrow veto, such as legal's.",
         ""),
    Role("P", "Perform", "Carries the decision out: RACI's R on Programs, Enablement and "
         "Support activities.", "R"),
    Role("I", "Input", "Consulted; no veto (RACI's C).", "C"),
    Role("D", "Decide", "Commits the organisation; exactly one (RACI's A).", "A"),
)

SPECS: dict[Lens, LensSpec] = {
    Lens.raci: LensSpec(Lens.raci, "RACI", "The letters the team records.", RACI_ROLES, ()),
    Lens.daci: LensSpec(
        Lens.daci, "DACI", "Intuit's DACI, as in Atlassian's Team Playbook.", DACI_ROLES,
        ("DACI expects one Driver; where RACI names several R, each shows as a Driver.",)),
    Lens.rapid: LensSpec(
        Lens.rapid, "RAPID", "Bain & Company's RAPID (Rogers and Blenko, HBR, 2006).",
        RAPID_ROLES,
        ("Agree has no RACI letter, so no cell shows it.",
         "Informed has no RAPID role: those cells show a dot.")),
}

_BY_RACI: dict[Lens, dict[str, Role]] = {
    Lens.raci: {r.raci: r for r in RACI_ROLES},
    Lens.daci: {r.raci: r for r in DACI_ROLES},
    Lens.rapid: {"A": RAPID_ROLES[4], "C": RAPID_ROLES[3]},
}


def parse(value: str | None) -> Lens:
    """The lens a query names (case-insensitive); RACI when none; ValueError otherwise."""
    if value is None or not value.strip():
        return Lens.raci
    return Lens(value.strip().lower())


def role(lens: Lens, raci: str, column: str) -> Role | None:
    """The lens's role for one RACI letter on an activity of `column`; None when the lens
    has no counterpart (RAPID for I) or the letter is not a RACI letter."""
    if lens == Lens.rapid and raci == "R":
        return RAPID_ROLES[2] if column in EXECUTION_COLUMNS else RAPID_ROLES[0]
    return _BY_RACI[lens].get(raci)


def letter(lens: Lens, raci: str, column: str) -> str:
    """The letter a cell shows under the lens; "" when the lens has no counterpart."""
    found = role(lens, raci, column)
    return found.letter if found else ""


def several_drivers(letters: Mapping[str, Iterable[str]]) -> list[str]:
    """Activities (sorted) with more than one R: several DACI Drivers."""
    return sorted(a for a, given in letters.items() if sum(x == "R" for x in given) > 1)


def notes(lens: Lens, letters: Mapping[str, Iterable[str]]) -> list[str]:
    """What the lens shows that RACI's checks do not: several DACI Drivers on an activity."""
    if lens != Lens.daci:
        return []
    many = several_drivers(letters)
    if not many:
        return []
    shown = ", ".join(many[:5]) + (f" and {len(many) - 5} more" if len(many) > 5 else "")
    what = "activity has" if len(many) == 1 else "activities have"
    return [f"{len(many)} {what} several Drivers (DACI expects one): {shown}."]
