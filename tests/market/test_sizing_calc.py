"""Market sizing formulas against hand-worked figures, and the checks on inputs."""

from __future__ import annotations

import pytest

from tandem.errors import Invalid
from tandem.market.sizing import report
from tandem.market.sizing.calc import (
    Estimate,
    Method,
    Unit,
    compact,
    editable,
    parse_amount,
    size,
)


def flat(**values: float) -> dict[str, Estimate]:
    return {k: Estimate(v, v, v) for k, v in values.items()}


TOP_DOWN = flat(industry_total=4e9, relevant_share=25, geography_share=40, icp_share=50,
                achievable_share=2)
BOTTOM_UP = flat(accounts=12_000, seats=45, price=96, serviceable_share=60, adoption=4)


@pytest.mark.parametrize(("method", "inputs", "tam", "sam", "som"), [
    # 4bn x 25% = 1bn; x 40% x 50% = 200m; x 2% = 4m
    (Method.top_down, TOP_DOWN, 1e9, 2e8, 4e6),
    # 12,000 x 45 x 96 = 51.84m; x 60% = 31.104m; x 4% = 1.24416m
    (Method.bottom_up, BOTTOM_UP, 51_840_000, 31_104_000, 1_244_160),
])
def test_hand_worked_figures(method: Method, inputs: dict[str, Estimate], tam: float,
                             sam: float, som: float) -> None:
    result = size(method, inputs)
    for scenario in ("low", "base", "high"):
        assert result.value(scenario, "tam") == pytest.approx(tam)
        assert result.value(scenario, "sam") == pytest.approx(sam)
        assert result.value(scenario, "som") == pytest.approx(som)


def test_scenarios_take_each_inputs_own_value_and_formulas_show_them() -> None:
    inputs = dict(TOP_DOWN, achievable_share=Estimate(1, 2, 5, "two reps"))
    result = size(Method.top_down, inputs, {"sam": "OAM"}, "EUR")
    assert [result.value(s, "som") for s in ("low", "base", "high")] == pytest.approx(
        [2e6, 4e6, 1e7])
    som = result.scenarios["high"][2]
    assert som.name == "SOM"
    assert som.formula == "SOM = OAM 200m EUR \u00d7 Achievable share 5% = 10m EUR"
    assert result.scenarios["base"][1].formula == (
        "OAM = TAM 1bn EUR \u00d7 Geography share 40% \u00d7 Ideal-customer share 50% = "
        "200m EUR")


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"icp_share": Estimate(10, 120, 130)}, "icp_share.base", "at most 100%"),
    ({"industry_total": Estimate(-1, 1, 2)}, "industry_total.low", "cannot be negative"),
    ({"relevant_share": Estimate(30, 20, 40)}, "relevant_share", "must not decrease"),
    ({"bogus": Estimate(1, 1, 1)}, "bogus", "is not an input"),
])
def test_bad_inputs_name_the_field(change: dict[str, Estimate], field: str,
                                   message: str) -> None:
    with pytest.raises(Invalid) as err:
        size(Method.top_down, {**TOP_DOWN, **change})
    assert err.value.field == field and message in err.value.message


def test_a_missing_input_is_named() -> None:
    inputs = dict(BOTTOM_UP)
    del inputs["seats"]
    with pytest.raises(Invalid, match="Seats per account is missing") as err:
        size(Method.bottom_up, inputs)
    assert err.value.field == "seats"


@pytest.mark.parametrize(("raw", "value"), [("4.2bn", 4.2e9), ("350k", 350_000.0),
                                             ("1,200", 1200.0), ("35%", 35.0), ("3 m", 3e6),
                                             ("1e6", 1e6)])
def test_amounts_people_type(raw: str, value: float) -> None:
    assert parse_amount(raw) == value


@pytest.mark.parametrize("value", [3e9, 3.6e9, 12_345.0, 0.5, 1.25e6, 96.0])
def test_editable_values_read_back_the_same(value: float) -> None:
    assert parse_amount(editable(value)) == value


@pytest.mark.parametrize(("value", "unit", "text"), [
    (4.2e9, Unit.money, "4.2bn"), (35, Unit.share, "35%"), (1_244_160, Unit.money, "1.24m"),
    (950, Unit.number, "950")])
def test_compact(value: float, unit: Unit, text: str) -> None:
    assert compact(value, unit) == text


def test_exports_carry_inputs_sources_and_formulas() -> None:
    inputs = dict(BOTTOM_UP, price=Estimate(72, 96, 120, "8 EUR a month"))
    result = size(Method.bottom_up, inputs, currency="EUR")
    md = report.markdown("Restaurants", Method.bottom_up, inputs, result, "EUR", "3 years",
                         "Managers are free.", "Restaurant groups")
    assert "| base | 51.8m EUR | 31.1m EUR | 1.24m EUR |" in md
    assert "| Price per seat per year | EUR | 72 | 96 | 120 | 8 EUR a month |" in md
    assert "- TAM = Potential customers 12k \u00d7 Seats per account 45" in md
    assert "## Assumptions" in md and "planning horizon 3 years" in md
    rows = report.csv_text(Method.bottom_up, inputs, result, "EUR").splitlines()
    assert rows[0] == "kind,scenario,key,name,value,unit,detail"
    assert "input,high,price,Price per seat per year,120,EUR,8 EUR a month" in rows
    assert any(r.startswith("figure,base,som,SOM,1244160.00,EUR,SOM = SAM") for r in rows)
