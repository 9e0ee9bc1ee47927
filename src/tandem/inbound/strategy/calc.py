"""Key-result progress: pure arithmetic, tested alone.

Progress is how far `current` has gone from `start` towards `target`, as a share from 0 to 1;
a target below the start (churn from 5% down to 2%) counts the fall as progress. Past the
target it stays at 1; moving the wrong way it stays at 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class LifecycleStage(StrEnum):
    introduction = "introduction"
    growth = "growth"
    maturity = "maturity"
    decline = "decline"


def progress(start: float, target: float, current: float | None) -> float | None:
    """Share of the way from start to target, 0 to 1; None before anything is measured."""
    if current is None or target == start:  # records refuse target == start
        return None
    share = (current - start) / (target - start)
    return min(1.0, max(0.0, share))


def overall(shares: Iterable[float | None]) -> float | None:
    """An objective's progress: the mean of its measured key results."""
    measured = [s for s in shares if s is not None]
    return sum(measured) / len(measured) if measured else None
