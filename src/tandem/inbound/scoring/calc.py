"""Prioritisation arithmetic with no database: RICE, WSJF, customer importance and demand.

Definitions follow shared/reference/frameworks.md, section 3 (RICE as published by Intercom;
WSJF as in SAFe; the customer importance score as feedback tools such as Productboard
compute it). Each function takes plain numbers and returns a float, or None when an input it
needs is missing, so a half-scored opportunity shows what it lacks instead of a made-up zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum


class Impact(StrEnum):
    """RICE impact on the published scale: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal."""

    massive = "massive"
    high = "high"
    medium = "medium"
    low = "low"
    minimal = "minimal"


IMPACT_VALUE: dict[str, float] = {"massive": 3.0, "high": 2.0, "medium": 1.0, "low": 0.5,
                                  "minimal": 0.25}


class Importance(IntEnum):
    """How much a customer says a need matters to them (stored on each evidence link)."""

    not_important = 0
    nice_to_have = 1
    important = 2
    critical = 3


# The reference's points: 3 critical, 2 important, 1 nice-to-have, 0 not important.
DEFAULT_WEIGHTS: dict[int, float] = {3: 3.0, 2: 2.0, 1: 1.0, 0: 0.0}
UNSPECIFIED = Importance.nice_to_have  # "unspecified counts 1"


def rice(reach: float | None, impact: str | None, confidence: float | None,
         effort: float | None) -> float | None:
    """Reach x Impact x Confidence / Effort, confidence in percent (80 means 80%)."""
    if reach is None or impact is None or confidence is None or not effort:
        return None
    return reach * IMPACT_VALUE[impact] * (confidence / 100.0) / effort


def rice_value(reach: float | None, impact: str | None,
               confidence: float | None) -> float | None:
    """RICE's numerator (reach x impact x confidence): the value side of value vs effort."""
    if reach is None or impact is None or confidence is None:
        return None
    return reach * IMPACT_VALUE[impact] * (confidence / 100.0)


def cost_of_delay(business_value: float | None, time_criticality: float | None,
                  risk_reduction: float | None) -> float | None:
    """WSJF's cost of delay: business value + time criticality + risk reduction."""
    if business_value is None or time_criticality is None or risk_reduction is None:
        return None
    return business_value + time_criticality + risk_reduction


def wsjf(business_value: float | None, time_criticality: float | None,
         risk_reduction: float | None, job_size: float | None) -> float | None:
    """Cost of delay / job size."""
    cod = cost_of_delay(business_value, time_criticality, risk_reduction)
    if cod is None or not job_size:
        return None
    return cod / job_size


@dataclass(frozen=True)
class Mention:
    """One customer's statement about a need: who, how important, and when."""

    customer: str
    importance: int | None
    received_on: date
    evidence_id: int = 0


def latest_importance(mentions: Iterable[Mention]) -> dict[str, int]:
    """Each customer's latest stated importance (unspecified -> nice-to-have).

    "Latest" is by date, then by evidence id, so re-running gives the same answer.
    """
    latest: dict[str, tuple[date, int, int]] = {}
    for m in mentions:
        key = (m.received_on, m.evidence_id)
        seen = latest.get(m.customer)
        if seen is None or key > seen[:2]:
            level = UNSPECIFIED.value if m.importance is None else m.importance
            latest[m.customer] = (m.received_on, m.evidence_id, level)
    return {customer: value[2] for customer, value in latest.items()}


def importance_score(mentions: Iterable[Mention],
                     weights: Mapping[int, float] = DEFAULT_WEIGHTS) -> float:
    """The sum over distinct customers of the weight of their latest importance."""
    return float(sum(weights[level] for level in latest_importance(mentions).values()))


def demand(mentions: Iterable[Mention], arr: Mapping[str, float],
           weights: Mapping[int, float] = DEFAULT_WEIGHTS) -> float:
    """ARR-weighted demand: each customer's ARR times the weight of their latest importance."""
    return float(sum(arr.get(customer, 0.0) * weights[level]
                     for customer, level in latest_importance(mentions).items()))


def normalise(values: Sequence[float | None]) -> list[float | None]:
    """Each value scaled 0-100 across the items (min -> 0, max -> 100); all equal -> 100."""
    known = [v for v in values if v is not None]
    if not known:
        return [None] * len(values)
    low, high = min(known), max(known)
    span = high - low
    return [None if v is None else (100.0 if span == 0 else (v - low) / span * 100.0)
            for v in values]


def quadrant(value: float, effort: float, value_split: float, effort_split: float) -> str:
    """Where an item falls on the value-versus-effort matrix, split at the given lines."""
    high_value = value >= value_split
    low_effort = effort <= effort_split
    if high_value and low_effort:
        return "Quick win"
    if high_value:
        return "Big bet"
    if low_effort:
        return "Fill-in"
    return "Money pit"
