"""Pricing formulas against hand-worked examples and the reference's invariants."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.errors import Invalid
from tandem.market.pricing import calc
from tandem.market.pricing.survey import Method, analyse, parse_price, parse_share

# Five respondents (too cheap, cheap, expensive, too expensive), worked by hand:
# F_tc = .4 .8 1 1 1 1 1, F_ch = 0 .4 .8 1 1 1 1, F_ex = 0 0 0 .4 .8 1 1,
# F_te = 0 0 0 0 .4 .8 1 at prices 1..7.
HAND = [(1, 2, 4, 5), (1, 2, 4, 5), (2, 3, 5, 6), (2, 3, 5, 6), (3, 4, 6, 7)]
HAND_POINTS = {
    "opp": 3.0,  # F_tc + F_te: .8 at 2, 1.0 at 3
    "ipp": 3 + 0.2 / 0.6,  # F_ch + F_ex: .8 at 3, 1.4 at 4
    "pmc": 3.0,  # F_tc + F_ex: .8 at 2, 1.0 at 3
    "pme": 4.0,  # F_ch + F_te: .8 at 3, 1.0 at 4
    "pmc_original": 1 + 0.6 / 0.8,  # F_tc + F_ch: .4 at 1, 1.2 at 2
    "pme_original": 4 + 0.6 / 0.8,  # F_ex + F_te: .4 at 4, 1.2 at 5
}


def _columns(rows: list[tuple[float, ...]]) -> list[list[float]]:
    return [list(column) for column in zip(*rows, strict=True)]


@pytest.mark.parametrize(("point", "expected"), sorted(HAND_POINTS.items()))
def test_van_westendorp_points_match_the_hand_worked_example(point: str,
                                                             expected: float) -> None:
    result = calc.van_westendorp(*_columns(HAND))
    assert result.price(point) == pytest.approx(expected)


def test_ranges_and_curves_of_the_hand_worked_example() -> None:
    result = calc.van_westendorp(*_columns(HAND))
    assert result.acceptable_range == pytest.approx((3.0, 4.0))
    assert result.optimal_zone == pytest.approx((3.0, 3 + 1 / 3))
    assert result.curves is not None
    assert result.curves.prices == [1, 2, 3, 4, 5, 6, 7]
    assert result.curves.too_cheap == pytest.approx([0.6, 0.2, 0, 0, 0, 0, 0])
    assert result.curves.too_expensive == pytest.approx([0, 0, 0, 0, 0.4, 0.8, 1])


@pytest.mark.parametrize("count", [0, 1, 4])
def test_too_few_respondents_name_every_point_and_why(count: int) -> None:
    result = calc.van_westendorp(*([r[i] for r in HAND[:count]] for i in range(4)))
    assert result.respondents == count
    assert result.curves is None
    for point in calc.POINTS:
        assert result.price(point) is None
        assert "at least 5 valid respondents" in result.points[point].reason


def test_a_point_below_every_answer_is_not_invented() -> None:
    # Everyone's too-cheap and cheap answers are the same lowest price: F_tc + F_ch = 2
    # there, so the crossing lies somewhere below what anyone answered.
    rows = [(1, 1, 5, 9)] * 5
    result = calc.van_westendorp(*_columns(rows))
    assert result.price("pmc_original") is None
    assert "below the lowest price answered (1)" in result.points["pmc_original"].reason


# Gabor-Granger: the reference's worked checks, exactly.
@pytest.mark.parametrize(("prices", "shares", "demand", "revenue", "optimum"), [
    ([10, 20, 24, 30], [0.30, 0.50, 0.32, 0.20], [0.40, 0.40, 0.32, 0.20],
     [4.00, 8.00, 7.68, 6.00], 20),
    ([10, 15, 20], [0.90, 0.70, 0.50], [0.90, 0.70, 0.50], [9.0, 10.5, 10.0], 15),
    # Given out of order: sorted by price first.
    ([20, 10, 15], [0.50, 0.90, 0.70], [0.90, 0.70, 0.50], [9.0, 10.5, 10.0], 15),
])
def test_gabor_granger_worked_checks(prices: list[float], shares: list[float],
                                     demand: list[float], revenue: list[float],
                                     optimum: float) -> None:
    result = calc.gabor_granger(prices, shares)
    assert [p.demand for p in result.points] == pytest.approx(demand)
    assert [p.revenue for p in result.points] == pytest.approx(revenue)
    assert result.optimal_price == optimum


def test_pooling_is_weighted_by_respondents_asked() -> None:
    # 0.30 from 100 people and 0.50 from 300 pool to (30 + 150) / 400 = 0.45.
    result = calc.gabor_granger([10, 20], [0.30, 0.50], [100, 300])
    assert [p.demand for p in result.points] == pytest.approx([0.45, 0.45])
    assert result.smoothed


def test_gabor_granger_with_too_little_or_no_demand_says_why() -> None:
    assert calc.gabor_granger([10], [0.5]).reason.startswith("needs shares at two")
    none = calc.gabor_granger([10, 20], [0.0, 0.0])
    assert none.optimal_price is None and "nobody would buy" in none.reason


def test_demand_from_yes_no_answers() -> None:
    prices, shares, asked = calc.demand_from_answers(
        [10, 10, 20, 20, 20, 10], [True, False, True, False, False, True])
    assert prices == [10, 20]
    assert shares == pytest.approx([2 / 3, 1 / 3])
    assert asked == [3, 3]


# Newton-Miller-Smith, one respondent worked by hand: too cheap 2, cheap 4 (intent 5 = 70%),
# expensive 8 (intent 3 = 30%), too expensive 10.
@pytest.mark.parametrize(("price", "trial"), [
    (1, 0), (2, 0), (3, 0.35), (4, 0.70), (6, 0.50), (8, 0.30), (9, 0.15), (10, 0), (11, 0)])
def test_respondent_trial_is_linear_between_the_answers(price: float, trial: float) -> None:
    one = np.array([1.0])
    got = calc.respondent_trial(np.array([float(price)]), 2 * one, 4 * one, 8 * one, 10 * one,
                                np.array([0.7]), np.array([0.3]))
    assert got[0, 0] == pytest.approx(trial)


def test_newton_miller_smith_trial_and_revenue_peaks() -> None:
    rows = [(2, 4, 8, 10)] * 5
    result = calc.van_westendorp(*_columns(rows), intent_cheap=[5] * 5,
                                 intent_expensive=[3] * 5)
    assert result.nms is not None
    assert result.nms.trial_price == 4
    # Between 4 and 8 revenue is p * (1.1 - 0.1 p): highest at 5.5, where it is 3.025.
    assert result.nms.revenue_price == pytest.approx(5.5, abs=0.05)
    assert max(result.nms.revenue) == pytest.approx(3.025, abs=1e-3)


@pytest.mark.parametrize(("answer", "probability"), [(5, .7), (4, .5), (3, .3), (2, .1),
                                                     (1, 0.0)])
def test_intent_calibration(answer: int, probability: float) -> None:
    assert calc.intent_probability(answer) == probability


# --- properties --------------------------------------------------------------------------

respondent = st.lists(st.integers(1, 60), min_size=4, max_size=4).map(sorted)


@settings(max_examples=150, deadline=None)
@given(st.lists(respondent, min_size=5, max_size=60))
def test_point_order_invariants(rows: list[list[int]]) -> None:
    """PMC_orig <= PMC_narrow <= OPP and IPP <= PME_narrow <= PME_orig, when found."""
    result = calc.van_westendorp(*_columns([tuple(r) for r in rows]))
    for low, high in (("pmc_original", "pmc"), ("pmc", "opp"), ("ipp", "pme"),
                      ("pme", "pme_original")):
        a, b = result.price(low), result.price(high)
        if a is not None and b is not None:
            assert a <= b + 1e-9, (low, a, high, b)
    assert result.curves is not None
    for name in ("expensive", "too_expensive"):
        values = getattr(result.curves, name)
        assert all(x <= y for x, y in itertools.pairwise(values))
    # Points lie within the prices answered.
    for point in result.points.values():
        if point.price is not None:
            assert min(min(r) for r in rows) <= point.price <= max(max(r) for r in rows)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(1, 50)), min_size=2, max_size=12))
def test_gabor_granger_demand_never_rises_and_keeps_the_weighted_total(
        answers: list[tuple[float, int]]) -> None:
    prices = [float(10 + 5 * i) for i in range(len(answers))]
    shares = [a for a, _ in answers]
    weights = [float(w) for _, w in answers]
    result = calc.gabor_granger(prices, shares, weights)
    demand = [p.demand for p in result.points]
    assert all(a >= b - 1e-12 for a, b in itertools.pairwise(demand))
    assert sum(d * w for d, w in zip(demand, weights, strict=True)) == pytest.approx(
        sum(s * w for s, w in zip(shares, weights, strict=True)))
    revenue = [p.price * p.demand for p in result.points]
    if max(revenue) > 0:
        assert result.optimal_price == prices[revenue.index(max(revenue))]


# --- reading survey files ----------------------------------------------------------------

VW_FILE = """id,TC,Cheap,Expensive,Too expensive
a,1,2,4,5
b,1,2,4,5
c,2,3,5,6
d,2,3,5,6
e,3,4,6,7
f,5,4,6,7
g,1,,4,5
h,1,two,4,5
i,-1,2,4,5
"""


def test_bad_rows_are_reported_by_line_and_left_out() -> None:
    result = analyse(Method.van_westendorp, VW_FILE, {"too_cheap": "TC"})
    assert result.respondents == 5 and result.dropped == 4
    messages = {p.line: (p.field, p.message) for p in result.problems}
    assert messages[7] == ("Cheap", "out of order: cheap 4 is below too cheap 5")
    assert messages[8] == ("Cheap", "cheap is empty")
    assert messages[9] == ("Cheap", "cheap 'two' is not a price")
    assert messages[10] == ("TC", "too cheap -1 is negative")
    assert result.van_westendorp is not None
    assert result.van_westendorp.price("opp") == pytest.approx(3.0)


def test_a_missing_column_names_the_field_and_the_files_columns() -> None:
    with pytest.raises(Invalid) as err:
        analyse(Method.van_westendorp, VW_FILE)
    assert err.value.field == "too_cheap"
    assert "id, TC, Cheap, Expensive, Too expensive" in err.value.message
    with pytest.raises(Invalid, match="'Nope' for cheap is not in the file"):
        analyse(Method.van_westendorp, VW_FILE, {"too_cheap": "TC", "cheap": "Nope"})


def test_gabor_granger_file_shapes() -> None:
    shares = analyse(Method.gabor_granger, "price,share\n10,30%\n20,0.5\n24,0.32\n30,0.2\n")
    assert shares.gabor_granger is not None and shares.gabor_granger.optimal_price == 20
    answers = analyse(Method.gabor_granger, "who,price,buy\nx,10,yes\ny,10,no\nx,20,YES\n"
                      "y,20,maybe\n", {"respondent": "who"})
    assert answers.respondents == 2 and answers.dropped == 1
    assert answers.problems[0].message == "buy 'maybe' is not yes or no"
    with pytest.raises(Invalid, match="not both"):
        analyse(Method.gabor_granger, "price,share,buy\n10,0.5,yes\n")


@pytest.mark.parametrize(("raw", "value"), [("12", 12.0), ("$12.50", 12.5), ("€1,200", 1200.0),
                                             (" 7 EUR", 7.0)])
def test_prices_people_write(raw: str, value: float) -> None:
    assert parse_price(raw) == value


@pytest.mark.parametrize("raw", ["", "abc", "nan", "inf", "-3", "1,2,3"])
def test_not_prices(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_price(raw)


@pytest.mark.parametrize(("raw", "value"), [("0.45", 0.45), ("45%", 0.45), ("100%", 1.0)])
def test_shares(raw: str, value: float) -> None:
    assert parse_share(raw) == pytest.approx(value)


def test_a_binary_file_is_refused() -> None:
    with pytest.raises(Invalid, match="NUL characters"):
        analyse(Method.gabor_granger, "price,share\n10\x00,0.5\n")
