"""The roles workshop's arithmetic, with no database: conflicts between the participants'
proposals, agreement, gaps ranked by importance minus how well the work is done today, and
the head count the hours imply.

Each participant proposes their own letter (R, A, C, I or none) for each activity, with its
importance and today's assessment (0 to 5) and optional hours a week. The conflicts restate
the RACI rules (shared/reference/frameworks.md, section 2) over the proposals, plus the
parallel-loop rule: inbound and outbound people both claiming the same activity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tandem.roles import raci

HOURS_PER_HEAD = 40
# Finding codes of raci.check as the workshop names them.
CODES = {"several_accountable": "two_a", "no_accountable": "no_a",
         "no_responsible": "no_r", "overloaded": "too_many_a",
         "several_letters": "several_letters"}
LABELS = {"two_a": "Two or more A", "no_a": "No A", "no_r": "No R",
          "too_many_a": "Too many A for one person",
          "both_sides": "Inbound and outbound both claim it",
          "several_letters": "Several letters"}
# Words in role titles that put a person on one side of the loop.
OUTBOUND_WORDS = {"pmm", "marketing", "marcom", "sales", "brand", "growth", "demand"}
INBOUND_WORDS = {"pm", "product", "engineering", "design", "ux", "research", "cto"}


@dataclass(frozen=True)
class Proposal:
    activity: str
    person: str
    raci: str | None  # "R", "A", "C", "I" or None (no part in it)
    importance: int | None = None  # 0 to 5
    assessment: int | None = None  # 0 to 5: how well it is done today
    hours: float | None = None  # a week


@dataclass(frozen=True)
class Conflict:
    code: str
    activity: str  # "" for a conflict about a person across activities
    people: tuple[str, ...]
    message: str

    @property
    def label(self) -> str:
        return LABELS.get(self.code, self.code)


@dataclass(frozen=True)
class Gap:
    activity: str
    importance: float
    assessment: float
    answers: int

    @property
    def size(self) -> float:
        return self.importance - self.assessment


def side_of(role_titles: Sequence[str]) -> str:
    """"outbound", "inbound" or "" (both, or neither) from a person's role titles."""
    titles = [t.lower().replace("product marketing", "marketing") for t in role_titles]
    words = set(" ".join(titles).replace("+", " ").replace("/", " ").split())
    outbound = bool(words & OUTBOUND_WORDS)
    inbound = bool(words & INBOUND_WORDS)
    return "" if inbound == outbound else ("outbound" if outbound else "inbound")


def conflicts(proposals: Iterable[Proposal], activities: Sequence[str],
              sides: Mapping[str, str]) -> list[Conflict]:
    """Every conflict, by activity in catalog order, then the ones about one person."""
    given = [p for p in proposals if p.raci]
    found = [Conflict(CODES.get(f.code, f.code), f.activity,
                      tuple(x.strip() for x in f.person.split(",") if x.strip()), f.message)
             for f in raci.check(raci.Letter(p.activity, p.person, p.raci or "")
                                 for p in given)]
    claimed = {p.activity for p in given}
    for activity in activities:
        if activity not in claimed:
            found.append(Conflict("no_a", activity, (), f"Nobody claims '{activity}': "
                                                        "name an A and an R."))
    claims: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for p in given:
        if p.raci in ("A", "R") and sides.get(p.person):
            claims[p.activity][sides[p.person]].append(p.person)
    for activity, by_side in claims.items():
        if by_side.get("inbound") and by_side.get("outbound"):
            people = tuple(sorted(by_side["inbound"] + by_side["outbound"]))
            found.append(Conflict("both_sides", activity, people,
                                  f"Inbound ({', '.join(sorted(by_side['inbound']))}) and "
                                  f"outbound ({', '.join(sorted(by_side['outbound']))}) both "
                                  f"claim '{activity}': agree who drives it."))
    order = {a: i for i, a in enumerate(activities)}
    return sorted(found, key=lambda c: (c.activity == "", order.get(c.activity, len(order)),
                                        c.code))


def agreed(activities: Sequence[str], found: Iterable[Conflict]) -> list[str]:
    """Activities with no conflict: exactly one A, at least one R, one side."""
    troubled = {c.activity for c in found}
    return [a for a in activities if a not in troubled]


def gaps(proposals: Iterable[Proposal], activities: Sequence[str]) -> list[Gap]:
    """Activities ranked by mean importance minus mean assessment, largest first; only
    activities someone rated on both counts."""
    scores: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p in proposals:
        if p.importance is not None and p.assessment is not None:
            scores[p.activity].append((p.importance, p.assessment))
    order = {a: i for i, a in enumerate(activities)}
    ranked = [Gap(a, sum(i for i, _ in s) / len(s), sum(x for _, x in s) / len(s), len(s))
              for a, s in scores.items()]
    return sorted(ranked, key=lambda g: (-g.size, order.get(g.activity, len(order))))


def headcount(proposals: Iterable[Proposal], roles: Mapping[str, Sequence[str]]
              ) -> dict[str, float]:
    """Heads each role implies: its holders' hours a week over 40, a person's hours split
    evenly over the roles they hold (their name when they hold none)."""
    heads: dict[str, float] = defaultdict(float)
    for p in proposals:
        if not p.hours:
            continue
        held = [r for r in roles.get(p.person, ()) if r] or [p.person]
        for role in held:
            heads[role] += p.hours / len(held) / HOURS_PER_HEAD
    return dict(sorted(heads.items(), key=lambda kv: (-kv[1], kv[0])))
