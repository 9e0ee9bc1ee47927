"""Packaging arithmetic and text, table-driven: price labels, monthly equivalents, the
yearly discount, the checks, and the comparison table."""

from __future__ import annotations

import pytest

from tandem.market.packaging import calc
from tandem.market.packaging.calc import Cell, FeatureFacts, PlanFacts, Price
from tandem.market.packaging.models import BillingPeriod as P
from tandem.market.packaging.models import FeatureState as S
from tandem.market.packaging.models import PriceUnit as U


@pytest.mark.parametrize(("price", "label"), [
    (Price(49, "EUR", P.monthly, U.per_seat), "49 EUR / seat / month"),
    (Price(490, "EUR", P.annual, U.flat), "490 EUR / year"),
    (Price(1200, "USD", P.one_off, U.flat), "1,200 USD one-off"),
    (Price(9.5, "GBP", P.monthly, U.flat), "9.50 GBP / month"),
    (Price(0, "EUR", P.monthly, U.per_seat), "Free"),
    (Price(None, "", P.monthly, U.flat), "Contact sales"),
    (Price(25, "USD", P.one_off, U.per_seat), "25 USD / seat one-off"),
])
def test_price_label(price: Price, label: str) -> None:
    assert calc.price_label(price) == label


@pytest.mark.parametrize(("price", "monthly"), [
    (Price(49, "EUR", P.monthly), 49.0),
    (Price(480, "EUR", P.annual), 40.0),
    (Price(1200, "EUR", P.one_off), None),
    (Price(None, "", P.annual), None),
])
def test_monthly_equivalent(price: Price, monthly: float | None) -> None:
    assert calc.monthly(price) == monthly


@pytest.mark.parametrize(("prices", "discount"), [
    ((Price(10, "EUR", P.monthly, U.per_seat), Price(96, "EUR", P.annual, U.per_seat)), 0.2),
    ((Price(10, "EUR", P.monthly), Price(120, "EUR", P.annual)), 0.0),
    ((Price(10, "EUR", P.monthly, U.per_seat), Price(96, "EUR", P.annual, U.flat)), None),
    ((Price(10, "EUR", P.monthly), Price(96, "USD", P.annual)), None),
    ((Price(96, "EUR", P.annual),), None),
    ((), None),
])
def test_annual_discount(prices: tuple[Price, ...], discount: float | None) -> None:
    found = calc.annual_discount(prices)
    assert (found if found is None else round(found, 6)) == discount


PLANS = [PlanFacts("Free"), PlanFacts("Team")]


@pytest.mark.parametrize(("plans", "features", "problems"), [
    (PLANS, [FeatureFacts("Rota", {"Team": Cell(S.included)})], []),
    ([PlanFacts("Team"), PlanFacts("team")], [], [("plans[1].name", "Two plans")]),
    (PLANS, [FeatureFacts("Rota"), FeatureFacts("ROTA")], [("features[1].name", "twice")]),
    (PLANS, [FeatureFacts("Rota", {"Gold": Cell(S.included)})],
     [("features[0].cells", "'Gold' that is not")]),
    (PLANS, [FeatureFacts("Sites", {"Free": Cell(S.limit, " ")})],
     [("features[0].cells", "say what the limit is")]),
    (PLANS, [FeatureFacts("Sites", {"Team": Cell(), "team": Cell()})],
     [("features[0].cells", "names a plan twice")]),
])
def test_check(plans: list[PlanFacts], features: list[FeatureFacts],
               problems: list[tuple[str, str]]) -> None:
    found = calc.check(plans, features)
    assert [f for f, _ in found] == [f for f, _ in problems]
    for (_, message), (_, part) in zip(found, problems, strict=True):
        assert part in message


def test_rows_and_markdown() -> None:
    plans = [PlanFacts("Free", "Trying it", (Price(0, "EUR"),)),
             PlanFacts("Team", "Most shops", (Price(8, "EUR", P.monthly, U.per_seat),
                                              Price(76.8, "EUR", P.annual, U.per_seat)))]
    features = [FeatureFacts("Rota", {"Free": Cell(S.included), "team": Cell(S.included)}),
                FeatureFacts("Sites", {"Free": Cell(S.limit, "1 site"),
                                       "Team": Cell(S.limit, "")}),
                FeatureFacts("Payroll | export", {"Team": Cell(S.included)})]
    assert calc.rows(plans, features) == [["Rota", "✓", "✓"], ["Sites", "1 site", "✓"],
                                          ["Payroll | export", "—", "✓"]]
    text = calc.markdown("Shiftwise", plans, features)
    lines = text.splitlines()
    assert lines[0] == "# Shiftwise: plans compared"
    assert "| | **Free** | **Team** |" in lines
    assert "| Price | Free | 8 EUR / seat / month |" in lines
    assert "|  |  | 76.80 EUR / seat / year |" in lines
    assert "| For | Trying it | Most shops |" in lines
    assert "| Payroll \\| export | — | ✓ |" in lines
    assert "Paying yearly saves: Team 20 %." in text
    assert "has no plans yet" in calc.markdown("Shiftwise", [], [])
    assert calc.summary(plans[1]) == \
        "Team: 8 EUR / seat / month, 76.80 EUR / seat / year"
