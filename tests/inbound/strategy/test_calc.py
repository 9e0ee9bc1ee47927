"""Key-result progress and an objective's overall progress."""

from __future__ import annotations

import pytest

from tandem.inbound.strategy.calc import overall, progress


@pytest.mark.parametrize(("start", "target", "current", "expected"), [
    (0, 100, None, None),      # nothing measured yet
    (0, 100, 0, 0.0),
    (0, 100, 25, 0.25),
    (0, 100, 150, 1.0),        # past the target stays at 1
    (10, 20, 5, 0.0),          # the wrong way stays at 0
    (5, 2, 3.5, 0.5),          # a target below the start: the fall is progress
    (5, 2, 1, 1.0),
    (5, 2, 6, 0.0),
    (-10, 10, 0, 0.5),
    (3, 3, 3, None),           # no distance to cover (the records refuse it)
])
def test_progress(start: float, target: float, current: float | None,
                  expected: float | None) -> None:
    assert progress(start, target, current) == expected


@pytest.mark.parametrize(("shares", "expected"), [
    ([], None), ([None], None), ([0.5, None, 1.0], 0.75), ([0.2], 0.2)])
def test_overall(shares: list[float | None], expected: float | None) -> None:
    assert overall(shares) == expected
