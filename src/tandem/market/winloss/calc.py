"""Win/loss arithmetic (no database): win rates with "no decision" stated both ways,
breakdowns, and the reasons ranked with their quotes.

Win rate = won / (won + lost), excluding deals that ended with no decision; the rate that
counts them as losses, won / (won + lost + no decision), is always shown beside it
(reference, frameworks.md section 9: 12 won, 26 lost, 9 no decision gives 31.6 % and 25.5 %).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Outcome(StrEnum):
    won = "won"
    lost = "lost"
    no_decision = "no_decision"


# Deal-size bands (upper bounds, exclusive), for breakdowns by size.
SIZE_BANDS = ((10_000, "under 10k"), (50_000, "10k-50k"), (250_000, "50k-250k"))
TOP_SIZE = "250k and more"


@dataclass(frozen=True)
class DealFacts:
    outcome: Outcome
    competitor: str = ""
    segment: str = ""
    amount: float | None = None
    closed_on: date | None = None
    reasons: tuple[str, ...] = ()
    quote: str = ""
    company: str = ""


@dataclass
class WinRate:
    won: int = 0
    lost: int = 0
    no_decision: int = 0

    @property
    def deals(self) -> int:
        return self.won + self.lost + self.no_decision

    @property
    def excluding(self) -> float | None:
        """Won / (won + lost): "no decision" left out."""
        decided = self.won + self.lost
        return self.won / decided if decided else None

    @property
    def including(self) -> float | None:
        """Won / all deals: "no decision" counted as not won."""
        return self.won / self.deals if self.deals else None

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)


@dataclass
class Reason:
    text: str
    count: int = 0
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (quote, company)


def win_rate(deals: Iterable[DealFacts]) -> WinRate:
    rate = WinRate()
    for deal in deals:
        rate.add(deal.outcome)
    return rate


def size_band(amount: float | None) -> str:
    if amount is None:
        return "size unknown"
    for limit, label in SIZE_BANDS:
        if amount < limit:
            return label
    return TOP_SIZE


def quarter(day: date | None) -> str:
    return "date unknown" if day is None else f"{day.year} Q{(day.month - 1) // 3 + 1}"


def breakdown(deals: Iterable[DealFacts], key: Callable[[DealFacts], str]
              ) -> list[tuple[str, WinRate]]:
    """Win rates per group, largest group first (ties by name)."""
    groups: dict[str, WinRate] = {}
    for deal in deals:
        groups.setdefault(key(deal) or "none", WinRate()).add(deal.outcome)
    return sorted(groups.items(), key=lambda item: (-item[1].deals, item[0].lower()))


def by_quarter(deals: Iterable[DealFacts]) -> list[tuple[str, WinRate]]:
    """The trend: win rates per quarter, oldest first."""
    return sorted(breakdown(deals, lambda d: quarter(d.closed_on)), key=lambda item: item[0])


def top_reasons(deals: Iterable[DealFacts], outcome: Outcome, limit: int = 10
                ) -> list[Reason]:
    """The reasons given for deals with `outcome`, most often first (same words, any case,
    count as one reason), each with the quotes of the deals that gave it."""
    found: dict[str, Reason] = {}
    for deal in deals:
        if deal.outcome is not outcome:
            continue
        for text in deal.reasons:
            cleaned = " ".join(text.split())
            if not cleaned:
                continue
            reason = found.setdefault(cleaned.lower(), Reason(cleaned))
            reason.count += 1
            if deal.quote and len(reason.quotes) < 3:
                reason.quotes.append((deal.quote, deal.company))
    return sorted(found.values(), key=lambda r: (-r.count, r.text.lower()))[:limit]


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"
