"""Pricing research formulas: Van Westendorp, Newton-Miller-Smith and Gabor-Granger.

Pure functions over numbers, no database and no files, so the tests can check them against
hand-worked examples and the invariants of docs/market.md (which cites the sources):

- Van Westendorp (1976): with F_x(p) the share of answers x <= p, each point is the lowest
  price where a sum of two of those curves reaches 1 (table below). The empirical curves
  are evaluated at every price anyone answered and joined by straight lines, so a point can
  fall between two answered prices (the `pricesensitivitymeter` R package offers the same
  interpolation as an option; without it a point snaps to an answered price).
- Newton, Miller and Smith (1993): purchase intent at the cheap and expensive prices on a
  5-point scale, calibrated 70/50/30/10/0 %, zero at too cheap and too expensive, linear in
  between per respondent; trial(p) is the mean, revenue(p) = p * trial(p).
- Gabor and Granger (1966): demand D(p) = share who would buy at p, made non-increasing by
  pool-adjacent-violators (weighted by respondents per price), revenue R(p) = p * D(p).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]

MIN_RESPONDENTS = 5  # fewer valid answers than this find no point: too few to mean anything

# Each point: the two curves whose shares add up to 1 there, and what it means.
POINTS: dict[str, tuple[str, str, str]] = {
    "opp": ("too_cheap", "too_expensive", "Optimal price point: too cheap x too expensive"),
    "ipp": ("cheap", "expensive", "Indifference price point: cheap x expensive"),
    "pmc": ("too_cheap", "expensive", "Point of marginal cheapness: too cheap x expensive"),
    "pme": ("cheap", "too_expensive", "Point of marginal expensiveness: too expensive x cheap"),
    "pmc_original": ("too_cheap", "cheap",
                     "Marginal cheapness, original 1976 definition: too cheap x not cheap"),
    "pme_original": ("expensive", "too_expensive",
                     "Marginal expensiveness, original 1976 definition: "
                     "too expensive x not expensive"),
}
ANSWERS = ("too_cheap", "cheap", "expensive", "too_expensive")
# Newton-Miller-Smith calibration: answer on the 5-point scale -> probability of buying.
INTENT_CALIBRATION = {5: 0.70, 4: 0.50, 3: 0.30, 2: 0.10, 1: 0.0}
CHUNK = 2000  # respondents per block when averaging trial curves


@dataclass
class PricePoint:
    """One point: its price, or None with the reason it could not be found."""

    price: float | None
    reason: str = ""


@dataclass
class Curves:
    """The four Van Westendorp curves at each price on the grid (shares 0..1)."""

    prices: list[float]
    too_cheap: list[float]  # 1 - F_tc
    cheap: list[float]  # 1 - F_ch
    expensive: list[float]  # F_ex
    too_expensive: list[float]  # F_te


@dataclass
class NmsResult:
    """Newton-Miller-Smith: trial share and revenue per respondent at each price."""

    prices: list[float]
    trial: list[float]
    revenue: list[float]
    trial_price: float  # the price with the highest trial
    revenue_price: float  # the price with the highest revenue


@dataclass
class VanWestendorp:
    respondents: int
    points: dict[str, PricePoint]
    curves: Curves | None
    nms: NmsResult | None = None

    def price(self, name: str) -> float | None:
        return self.points[name].price

    @property
    def acceptable_range(self) -> tuple[float, float] | None:
        low, high = self.price("pmc"), self.price("pme")
        return (low, high) if low is not None and high is not None else None

    @property
    def optimal_zone(self) -> tuple[float, float] | None:
        low, high = self.price("opp"), self.price("ipp")
        return (low, high) if low is not None and high is not None else None


def ecdf(values: Floats, at: Floats) -> Floats:
    """F(p): the share of `values` at or below each price in `at`."""
    ordered = np.sort(values)
    counts = np.searchsorted(ordered, at, side="right")
    shares: Floats = counts / float(len(values))
    return shares


def lowest_crossing(prices: Floats, total: Floats) -> PricePoint:
    """The lowest price where `total` (a non-decreasing sum of two CDFs) reaches 1, with the
    curves joined by straight lines between the grid's prices."""
    gap = total - 1.0
    if gap[0] > 0:
        return PricePoint(None, f"the curves already cross below the lowest price answered "
                                f"({prices[0]:g}), so the point cannot be placed")
    above = np.nonzero(gap >= 0)[0]
    if len(above) == 0:  # cannot happen with ordered answers: at the top every F is 1
        return PricePoint(None, "the curves never cross")
    i = int(above[0])
    if gap[i] == 0 or i == 0:
        return PricePoint(float(prices[i]))
    p0, p1, g0, g1 = prices[i - 1], prices[i], gap[i - 1], gap[i]
    return PricePoint(float(p0 + (0.0 - g0) * (p1 - p0) / (g1 - g0)))


def van_westendorp(too_cheap: Sequence[float], cheap: Sequence[float],
                   expensive: Sequence[float], too_expensive: Sequence[float],
                   intent_cheap: Sequence[int] | None = None,
                   intent_expensive: Sequence[int] | None = None) -> VanWestendorp:
    """Every point of the price sensitivity meter for answers already checked to be in order
    (too cheap <= cheap <= expensive <= too expensive); the Newton-Miller-Smith curves too
    when both intent columns are given (answers 1..5)."""
    answers = {name: np.asarray(values, dtype=np.float64) for name, values in
               zip(ANSWERS, (too_cheap, cheap, expensive, too_expensive), strict=True)}
    n = len(answers["too_cheap"])
    if any(len(v) != n for v in answers.values()):
        raise ValueError("every answer column needs one value per respondent")
    if n < MIN_RESPONDENTS:
        why = (f"needs at least {MIN_RESPONDENTS} valid respondents, "
               f"{'found none' if n == 0 else f'found only {n}'}")
        return VanWestendorp(n, {name: PricePoint(None, why) for name in POINTS}, None)
    grid = np.unique(np.concatenate(list(answers.values())))
    cdf = {name: ecdf(values, grid) for name, values in answers.items()}
    points = {name: lowest_crossing(grid, cdf[a] + cdf[b]) for name, (a, b, _) in POINTS.items()}
    curves = Curves(prices=grid.tolist(), too_cheap=(1 - cdf["too_cheap"]).tolist(),
                    cheap=(1 - cdf["cheap"]).tolist(), expensive=cdf["expensive"].tolist(),
                    too_expensive=cdf["too_expensive"].tolist())
    result = VanWestendorp(n, points, curves)
    if intent_cheap is not None and intent_expensive is not None:
        result.nms = newton_miller_smith(answers["too_cheap"], answers["cheap"],
                                         answers["expensive"], answers["too_expensive"],
                                         intent_cheap, intent_expensive, grid)
    return result


def intent_probability(answer: int) -> float:
    """A 5-point purchase-intent answer as a probability of buying (70/50/30/10/0 %)."""
    if answer not in INTENT_CALIBRATION:
        raise ValueError(f"purchase intent must be 1 to 5, not {answer}")
    return INTENT_CALIBRATION[answer]


def respondent_trial(at: Floats, tc: Floats, ch: Floats, ex: Floats, te: Floats,
                     p_ch: Floats, p_ex: Floats) -> Floats:
    """Each respondent's probability of buying at each price (rows: respondents): zero at
    and beyond too cheap and too expensive, straight lines through the cheap and expensive
    answers in between. Equal neighbouring answers make a step, never a division by zero."""
    p = at[np.newaxis, :]
    tc, ch, ex, te = (v[:, np.newaxis] for v in (tc, ch, ex, te))
    p_ch, p_ex = p_ch[:, np.newaxis], p_ex[:, np.newaxis]

    def line(x0: Floats, y0: Floats | float, x1: Floats, y1: Floats | float) -> Floats:
        width = np.where(x1 > x0, x1 - x0, 1.0)
        share = np.clip((p - x0) / width, 0.0, 1.0)
        result: Floats = y0 + (y1 - y0) * share
        return result

    trial = np.where(p < ch, line(tc, 0.0, ch, p_ch),
                     np.where(p <= ex, line(ch, p_ch, ex, p_ex), line(ex, p_ex, te, 0.0)))
    out: Floats = np.where((p <= tc) | (p >= te), 0.0, trial)
    return out


def newton_miller_smith(tc: Floats, ch: Floats, ex: Floats, te: Floats,
                        intent_cheap: Sequence[int], intent_expensive: Sequence[int],
                        grid: Floats, steps: int = 200) -> NmsResult:
    """Trial and revenue curves on the answered prices plus `steps` even steps between the
    lowest and highest, so the revenue peak between two answers is not missed."""
    p_ch = np.array([intent_probability(int(a)) for a in intent_cheap], dtype=np.float64)
    p_ex = np.array([intent_probability(int(a)) for a in intent_expensive], dtype=np.float64)
    at = np.unique(np.concatenate([grid, np.linspace(grid[0], grid[-1], steps)]))
    total = np.zeros_like(at)
    for start in range(0, len(tc), CHUNK):  # bounded memory for large surveys
        part = slice(start, start + CHUNK)
        total += respondent_trial(at, tc[part], ch[part], ex[part], te[part], p_ch[part],
                                  p_ex[part]).sum(axis=0)
    trial = total / len(tc)
    revenue = at * trial
    return NmsResult(prices=at.tolist(), trial=trial.tolist(), revenue=revenue.tolist(),
                     trial_price=float(at[int(np.argmax(trial))]),
                     revenue_price=float(at[int(np.argmax(revenue))]))


# --- Gabor-Granger --------------------------------------------------------------------------


@dataclass
class DemandPoint:
    price: float
    raw: float  # share who said yes at this price, as answered
    demand: float  # after pool-adjacent-violators: never higher than at a lower price
    revenue: float  # price x demand, per respondent asked
    respondents: float  # weight: how many were asked at this price (1 for a given share)


@dataclass
class GaborGranger:
    points: list[DemandPoint] = field(default_factory=list)
    optimal_price: float | None = None
    reason: str = ""  # why there is no optimal price, when there is none
    smoothed: bool = False  # whether any raw share had to be pooled

    @property
    def max_revenue(self) -> float | None:
        return max((p.revenue for p in self.points), default=None)


def non_increasing(values: Sequence[float] | Floats, weights: Sequence[float] | Floats) -> Floats:
    """The closest non-increasing sequence (weighted least squares): pool-adjacent-violators,
    through scikit-learn's IsotonicRegression."""
    from sklearn.isotonic import IsotonicRegression

    y = np.asarray(values, dtype=np.float64)
    x = np.arange(len(y), dtype=np.float64)
    fitted = IsotonicRegression(increasing=False).fit_transform(
        x, y, sample_weight=np.asarray(weights, dtype=np.float64))
    out: Floats = np.asarray(fitted, dtype=np.float64)
    return out


def gabor_granger(prices: Sequence[float], shares: Sequence[float],
                  weights: Sequence[float] | None = None) -> GaborGranger:
    """Demand and revenue at each price (one share per distinct price, 0..1), and the
    revenue-maximising price (the lowest of equal maxima)."""
    if len(prices) != len(shares) or (weights is not None and len(weights) != len(prices)):
        raise ValueError("one share (and weight) per price")
    if len(set(prices)) != len(prices):
        raise ValueError("each price once")
    if len(prices) < 2:
        return GaborGranger(reason="needs shares at two or more prices, "
                                   f"found {len(prices)}")
    order = np.argsort(np.asarray(prices, dtype=np.float64))
    p = np.asarray(prices, dtype=np.float64)[order]
    raw = np.asarray(shares, dtype=np.float64)[order]
    w = (np.ones_like(p) if weights is None
         else np.asarray(weights, dtype=np.float64)[order])
    demand = non_increasing(raw, w)
    revenue = p * demand
    points = [DemandPoint(float(a), float(b), float(c), float(d), float(e))
              for a, b, c, d, e in zip(p, raw, demand, revenue, w, strict=True)]
    if float(revenue.max()) <= 0:
        return GaborGranger(points, None, "nobody would buy at any price asked",
                            smoothed=not np.allclose(raw, demand))
    return GaborGranger(points, float(p[int(np.argmax(revenue))]),
                        smoothed=not np.allclose(raw, demand))


def demand_from_answers(prices: Sequence[float], buys: Sequence[bool]
                        ) -> tuple[list[float], list[float], list[float]]:
    """One row per respondent and price asked: (prices, share yes, respondents asked)."""
    asked: dict[float, list[int]] = {}
    for price, buy in zip(prices, buys, strict=True):
        counts = asked.setdefault(float(price), [0, 0])
        counts[0] += 1
        counts[1] += int(bool(buy))
    ordered = sorted(asked)
    return (ordered, [asked[p][1] / asked[p][0] for p in ordered],
            [float(asked[p][0]) for p in ordered])
