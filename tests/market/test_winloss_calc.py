"""Win/loss arithmetic: the reference's worked check, breakdowns and ranked reasons."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.market.winloss.calc import (
    DealFacts,
    Outcome,
    WinRate,
    breakdown,
    by_quarter,
    percent,
    quarter,
    size_band,
    top_reasons,
    win_rate,
)


@pytest.mark.parametrize(("won", "lost", "undecided", "excluding", "including"), [
    (12, 26, 9, "31.6%", "25.5%"),  # the reference's example
    (1, 0, 0, "100.0%", "100.0%"),
    (0, 0, 3, "-", "0.0%"),
    (0, 0, 0, "-", "-"),
])
def test_win_rate_states_no_decision_both_ways(won: int, lost: int, undecided: int,
                                               excluding: str, including: str) -> None:
    deals = ([DealFacts(Outcome.won)] * won + [DealFacts(Outcome.lost)] * lost
             + [DealFacts(Outcome.no_decision)] * undecided)
    rate = win_rate(deals)
    assert (percent(rate.excluding), percent(rate.including)) == (excluding, including)


@pytest.mark.parametrize(("amount", "band"), [(None, "size unknown"), (0, "under 10k"),
                                               (9_999, "under 10k"), (10_000, "10k-50k"),
                                               (250_000, "250k and more")])
def test_size_bands(amount: float | None, band: str) -> None:
    assert size_band(amount) == band


@pytest.mark.parametrize(("day", "label"), [(date(2026, 1, 1), "2026 Q1"),
                                             (date(2026, 3, 31), "2026 Q1"),
                                             (date(2026, 12, 1), "2026 Q4"),
                                             (None, "date unknown")])
def test_quarters(day: date | None, label: str) -> None:
    assert quarter(day) == label


def test_breakdowns_and_reasons() -> None:
    deals = [
        DealFacts(Outcome.won, "RotaBoard", closed_on=date(2026, 2, 1),
                  reasons=("Payroll export", "Price"), quote="Export saved us hours",
                  company="Harbor"),
        DealFacts(Outcome.lost, "RotaBoard", closed_on=date(2025, 11, 1),
                  reasons=("price ",), quote="Too expensive", company="Pine"),
        DealFacts(Outcome.lost, "CrewCast", reasons=("Price", "No forecasting")),
        DealFacts(Outcome.no_decision, "", closed_on=date(2026, 2, 9)),
    ]
    rows = breakdown(deals, lambda d: d.competitor)
    assert [(label, r.won, r.lost, r.no_decision) for label, r in rows] == [
        ("RotaBoard", 1, 1, 0), ("CrewCast", 0, 1, 0), ("none", 0, 0, 1)]
    assert [label for label, _ in by_quarter(deals)] == ["2025 Q4", "2026 Q1", "date unknown"]
    lose = top_reasons(deals, Outcome.lost)
    assert [(r.text, r.count) for r in lose] == [("price", 2), ("No forecasting", 1)]
    assert lose[0].quotes == [("Too expensive", "Pine")]
    assert [r.text for r in top_reasons(deals, Outcome.won)] == ["Payroll export", "Price"]
    assert WinRate(1, 1, 0).excluding == 0.5
