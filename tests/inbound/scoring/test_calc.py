"""RICE, WSJF, the customer importance score and demand, as the reference defines them."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.inbound.scoring import calc
from tandem.inbound.scoring.calc import Mention


@pytest.mark.parametrize(("reach", "impact", "confidence", "effort", "expected"), [
    (1000, "high", 80, 4.0, 400.0),  # 1000 x 2 x 0.8 / 4
    (500, "minimal", 100, 0.5, 250.0),
    (300, "massive", 50, 3.0, 150.0),
    (None, "high", 80, 4.0, None),
    (1000, None, 80, 4.0, None),
    (1000, "high", 80, None, None),
    (1000, "high", 80, 0.0, None),  # never divides by zero
])
def test_rice(reach: int | None, impact: str | None, confidence: int | None,
              effort: float | None, expected: float | None) -> None:
    assert calc.rice(reach, impact, confidence, effort) == expected


@pytest.mark.parametrize(("bv", "tc", "rr", "size", "expected"), [
    (8, 5, 3, 2, 8.0),
    (20, 13, 8, 8, 5.125),
    (8, None, 3, 2, None),
    (8, 5, 3, None, None),
])
def test_wsjf(bv: int, tc: int | None, rr: int, size: int | None,
              expected: float | None) -> None:
    assert calc.wsjf(bv, tc, rr, size) == expected


def _m(customer: str, importance: int | None, day: int, ev: int = 0) -> Mention:
    return Mention(customer, importance, date(2026, 1, day), ev)


def test_each_customer_counts_once_with_their_latest_importance() -> None:
    mentions = [_m("acme", 3, 1), _m("acme", 1, 5),  # acme now says nice-to-have
                _m("globex", None, 2),  # unspecified counts as nice-to-have
                _m("initech", 2, 3), _m("initech", 3, 3, ev=9)]  # same day: later id wins
    assert calc.latest_importance(mentions) == {"acme": 1, "globex": 1, "initech": 3}
    assert calc.importance_score(mentions) == 1 + 1 + 3
    custom = {3: 10.0, 2: 5.0, 1: 2.0, 0: 0.0}
    assert calc.importance_score(mentions, custom) == 2 + 2 + 10
    arr = {"acme": 12000.0, "initech": 50000.0}
    assert calc.demand(mentions, arr) == 12000 * 1 + 0 + 50000 * 3


def test_normalise_scales_to_0_100_and_keeps_gaps() -> None:
    assert calc.normalise([10, None, 20, 15]) == [0.0, None, 100.0, 50.0]
    assert calc.normalise([7, 7]) == [100.0, 100.0]
    assert calc.normalise([None]) == [None]


@pytest.mark.parametrize(("value", "effort", "expected"), [
    (10, 1, "Quick win"), (10, 9, "Big bet"), (1, 1, "Fill-in"), (1, 9, "Money pit"),
])
def test_quadrants(value: float, effort: float, expected: str) -> None:
    assert calc.quadrant(value, effort, value_split=5, effort_split=5) == expected
