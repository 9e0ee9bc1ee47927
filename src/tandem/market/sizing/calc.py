"""Market sizing: TAM, SAM and SOM from named inputs, top-down or bottom-up (no database).

Each method lists its inputs with a unit; each tier is a product of the tier above (or of
inputs) and more inputs, so every figure carries the formula that made it, with the values
filled in. Every input has a low, base and high value; each scenario takes that value of
every input. Definitions follow the reference (docs/market.md cites the sources):

- top-down: TAM = industry total x relevant share; SAM = TAM x geography share x
  ideal-customer share; SOM = SAM x achievable share;
- bottom-up: TAM = accounts x seats per account x price per seat per year; SAM = TAM x
  serviceable share; SOM = SAM x adoption in the planning horizon.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tandem.errors import Invalid

SCENARIOS = ("low", "base", "high")
TIERS = ("tam", "sam", "som")
DEFAULT_TIER_NAMES = {"tam": "TAM", "sam": "SAM", "som": "SOM"}
TIMES = " \u00d7 "  # the multiplication sign between the factors of a formula
MAX_VALUE = 1e15  # no market is bigger: a typo, not a figure


class Method(StrEnum):
    top_down = "top_down"
    bottom_up = "bottom_up"


METHOD_LABELS = {Method.top_down: "Top-down", Method.bottom_up: "Bottom-up"}


class Unit(StrEnum):
    money = "money"  # in the model's currency
    share = "share"  # a percentage, 0-100
    number = "number"  # a count of things: accounts, seats


@dataclass(frozen=True)
class InputSpec:
    key: str
    label: str
    unit: Unit
    help: str


# Each method's inputs, and each tier as (the tier it builds on or None, inputs multiplied).
INPUTS: dict[Method, tuple[InputSpec, ...]] = {
    Method.top_down: (
        InputSpec("industry_total", "Industry total", Unit.money,
                  "Yearly spend of the whole industry or category"),
        InputSpec("relevant_share", "Relevant share", Unit.share,
                  "Part of that spend on the problem the product solves"),
        InputSpec("geography_share", "Geography share", Unit.share,
                  "Part in the countries you can sell and serve in"),
        InputSpec("icp_share", "Ideal-customer share", Unit.share,
                  "Part that fits your ideal customer profile"),
        InputSpec("achievable_share", "Achievable share", Unit.share,
                  "Part you can win in the planning horizon"),
    ),
    Method.bottom_up: (
        InputSpec("accounts", "Potential customers", Unit.number,
                  "Companies (accounts) that have the problem"),
        InputSpec("seats", "Seats per account", Unit.number, "Users per customer"),
        InputSpec("price", "Price per seat per year", Unit.money, "Annual price of one seat"),
        InputSpec("serviceable_share", "Serviceable share", Unit.share,
                  "Part of the accounts you can reach and serve"),
        InputSpec("adoption", "Adoption in the horizon", Unit.share,
                  "Part of serviceable accounts that buy in the planning horizon"),
    ),
}
FORMULAS: dict[Method, dict[str, tuple[str | None, tuple[str, ...]]]] = {
    Method.top_down: {"tam": (None, ("industry_total", "relevant_share")),
                      "sam": ("tam", ("geography_share", "icp_share")),
                      "som": ("sam", ("achievable_share",))},
    Method.bottom_up: {"tam": (None, ("accounts", "seats", "price")),
                       "sam": ("tam", ("serviceable_share",)),
                       "som": ("sam", ("adoption",))},
}


@dataclass(frozen=True)
class Estimate:
    """One input's three values (shares in percent) and where they come from."""

    low: float
    base: float
    high: float
    note: str = ""

    def value(self, scenario: str) -> float:
        return float(getattr(self, scenario))


@dataclass
class Figure:
    tier: str
    name: str
    value: float
    formula: str  # "TAM = Industry total 4.2bn x Relevant share 35% = 1.47bn"


@dataclass
class Sizing:
    method: Method
    scenarios: dict[str, list[Figure]] = field(default_factory=dict)

    def value(self, scenario: str, tier: str) -> float:
        return next(f.value for f in self.scenarios[scenario] if f.tier == tier)


def spec(method: Method, key: str) -> InputSpec:
    for item in INPUTS[method]:
        if item.key == key:
            return item
    raise KeyError(key)


def check_inputs(method: Method, inputs: Mapping[str, Estimate]) -> None:
    """Invalid, naming the field, for a missing, negative, too large or out-of-order input,
    or a share above 100 %."""
    known = {s.key for s in INPUTS[method]}
    for key in inputs:
        if key not in known:
            raise Invalid(f"'{key}' is not an input of a {METHOD_LABELS[method].lower()} "
                          f"model (its inputs: {', '.join(sorted(known))}).", key)
    for item in INPUTS[method]:
        estimate = inputs.get(item.key)
        if estimate is None:
            raise Invalid(f"{item.label} is missing: give its low, base and high values.",
                          item.key)
        for scenario in SCENARIOS:
            value = estimate.value(scenario)
            where = f"{item.key}.{scenario}"
            if value != value:  # NaN
                raise Invalid(f"{item.label} ({scenario}) is not a number.", where)
            if value < 0:
                raise Invalid(f"{item.label} ({scenario}) cannot be negative.", where)
            if item.unit is Unit.share and value > 100:
                raise Invalid(f"{item.label} ({scenario}) is a share: at most 100%.", where)
            if value > MAX_VALUE:
                raise Invalid(f"{item.label} ({scenario}) is too large.", where)
        if not estimate.low <= estimate.base <= estimate.high:
            raise Invalid(f"{item.label}: low, base and high must not decrease "
                          f"({estimate.low:g}, {estimate.base:g}, {estimate.high:g}).",
                          item.key)


def compact(value: float, unit: Unit = Unit.money, currency: str = "") -> str:
    """4200000000 -> '4.2bn', 35 (share) -> '35%', 12000 (number) -> '12k'."""
    if unit is Unit.share:
        return f"{value:g}%"
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            text = f"{value / size:.3g}{suffix}"
            break
    else:
        text = f"{value:.3g}" if value != int(value) else f"{int(value)}"
    return f"{text} {currency}".strip() if unit is Unit.money and currency else text


def size(method: Method, inputs: Mapping[str, Estimate],
         tier_names: Mapping[str, str] | None = None, currency: str = "") -> Sizing:
    """Every tier in every scenario, with the formula that produced it."""
    check_inputs(method, inputs)
    names = {**DEFAULT_TIER_NAMES, **(tier_names or {})}
    result = Sizing(method)
    for scenario in SCENARIOS:
        figures: dict[str, Figure] = {}
        for tier in TIERS:
            above, keys = FORMULAS[method][tier]
            value = figures[above].value if above else 1.0
            parts = [f"{names[above]} {compact(value, Unit.money, currency)}"] if above else []
            for key in keys:
                item = spec(method, key)
                raw = inputs[key].value(scenario)
                value *= raw / 100 if item.unit is Unit.share else raw
                parts.append(f"{item.label} {compact(raw, item.unit, currency)}")
            formula = (f"{names[tier]} = {TIMES.join(parts)} = "
                       f"{compact(value, Unit.money, currency)}")
            figures[tier] = Figure(tier, names[tier], value, formula)
        result.scenarios[scenario] = list(figures.values())
    return result


_SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "t": 1e12}


def parse_amount(raw: str) -> float:
    """What people type in a form: '4.2bn', '12k', '4,200,000', '35%', '1e6'."""
    text = raw.strip().lower().replace(" ", "").rstrip("%")
    if not text:
        raise ValueError("is empty")
    factor = 1.0
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if text.endswith(suffix) and text[: -len(suffix)][-1:].isdigit():
            factor, text = _SUFFIXES[suffix], text[: -len(suffix)]
            break
    if "," in text and "." not in text and all(len(p) == 3 for p in text.split(",")[1:]):
        text = text.replace(",", "")
    try:
        value = float(text) * factor
    except ValueError:
        raise ValueError(f"'{raw.strip()[:40]}' is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"'{raw.strip()[:40]}' is not a number")
    return value


def editable(value: float) -> str:
    """A value as a form shows it, losslessly: 3600000000 -> '3.6bn', 12345 -> '12345'."""
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        scaled = value / size
        if abs(value) >= size and round(scaled, 2) == scaled:
            return f"{scaled:.15g}{suffix}"
    return f"{value:.15g}"
