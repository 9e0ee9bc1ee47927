"""Packaging arithmetic and text (no database): price labels, the checks a product's
packaging must pass, and the plan comparison table as rows and as Markdown.

A price reads the way pricing pages write it: "49 EUR / seat / month", "490 EUR / year",
"1,200 USD one-off", "Free". The comparison shows each feature once per plan: a tick when
included, the limit in words when capped, a dash when not included.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tandem.market.packaging.models import BillingPeriod, FeatureState, PriceUnit

INCLUDED = "✓"
NOT_INCLUDED = "—"
PERIOD_WORDS = {BillingPeriod.monthly: "month", BillingPeriod.annual: "year"}


@dataclass(frozen=True)
class Price:
    amount: float | None  # None: not published ("contact sales")
    currency: str = ""
    period: BillingPeriod = BillingPeriod.monthly
    unit: PriceUnit = PriceUnit.flat


@dataclass(frozen=True)
class PlanFacts:
    name: str
    description: str = ""
    prices: tuple[Price, ...] = ()


@dataclass(frozen=True)
class Cell:
    state: FeatureState = FeatureState.not_included
    limit: str = ""


@dataclass(frozen=True)
class FeatureFacts:
    name: str
    cells: dict[str, Cell] = field(default_factory=dict)  # by plan name


def amount_text(amount: float) -> str:
    """49 -> "49", 49.5 -> "49.50", 1200 -> "1,200"."""
    if float(amount).is_integer():
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


def price_label(price: Price) -> str:
    if price.amount is None:
        return "Contact sales"
    if price.amount == 0:
        return "Free"
    parts = [f"{amount_text(price.amount)} {price.currency}".strip()]
    if price.unit is PriceUnit.per_seat:
        parts.append("seat")
    if price.period is BillingPeriod.one_off:
        return " / ".join(parts) + " one-off"
    parts.append(PERIOD_WORDS[price.period])
    return " / ".join(parts)


def monthly(price: Price) -> float | None:
    """What the price comes to per month (a yearly price over 12); None for a one-off or
    an unpublished price, which have no monthly equivalent."""
    if price.amount is None or price.period is BillingPeriod.one_off:
        return None
    return price.amount / 12 if price.period is BillingPeriod.annual else price.amount


def annual_discount(prices: tuple[Price, ...]) -> float | None:
    """How much cheaper paying yearly is than paying monthly (0.2 = 20 %), when a plan has
    both on the same currency and unit; None otherwise."""
    by_key = {(p.period, p.unit, p.currency): p for p in prices if p.amount}
    for (period, unit, currency), month in by_key.items():
        if period is not BillingPeriod.monthly:
            continue
        year = by_key.get((BillingPeriod.annual, unit, currency))
        if year is not None and month.amount:
            return 1 - (year.amount or 0) / (12 * month.amount)
    return None


def cell_text(cell: Cell) -> str:
    if cell.state is FeatureState.included:
        return INCLUDED
    if cell.state is FeatureState.limit:
        return cell.limit or INCLUDED
    return NOT_INCLUDED


def check(plans: list[PlanFacts], features: list[FeatureFacts]) -> list[tuple[str, str]]:
    """Problems as (field, message): plan and feature names are unique (in any case), a
    cell names a plan that exists, a limit says what it is; empty list when all is well."""
    problems: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for i, plan in enumerate(plans):
        key = plan.name.strip().lower()
        if key in seen:
            problems.append((f"plans[{i}].name", f"Two plans are called '{plan.name}': plan "
                             "names must differ."))
        seen.setdefault(key, i)
    features_seen: set[str] = set()
    for i, feature in enumerate(features):
        key = feature.name.strip().lower()
        if key in features_seen:
            problems.append((f"features[{i}].name", f"The feature '{feature.name}' is listed "
                             "twice."))
        features_seen.add(key)
        if len({name.strip().lower() for name in feature.cells}) < len(feature.cells):
            problems.append((f"features[{i}].cells", f"'{feature.name}' names a plan "
                             "twice."))
        for plan_name, cell in feature.cells.items():
            if plan_name.strip().lower() not in seen:
                problems.append((f"features[{i}].cells", f"'{feature.name}' names a plan "
                                 f"'{plan_name}' that is not in the packaging."))
            elif cell.state is FeatureState.limit and not cell.limit.strip():
                problems.append((f"features[{i}].cells", f"'{feature.name}' is limited on "
                                 f"{plan_name}: say what the limit is (e.g. '3 projects')."))
    return problems


def _cell_of(feature: FeatureFacts, plan: str) -> Cell:
    wanted = plan.lower()
    for name, cell in feature.cells.items():
        if name.lower() == wanted:
            return cell
    return Cell()


def rows(plans: list[PlanFacts], features: list[FeatureFacts]) -> list[list[str]]:
    """The comparison as text: one row per feature, one cell per plan, in order."""
    return [[f.name, *(cell_text(_cell_of(f, p.name)) for p in plans)] for f in features]


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def markdown(product: str, plans: list[PlanFacts], features: list[FeatureFacts]) -> str:
    """The plan comparison table: plans across, prices first, then each feature."""
    out = [f"# {_md(product)}: plans compared", ""]
    if not plans:
        out += [f"_{_md(product)} has no plans yet: add them on the packaging page._", ""]
        return "\n".join(out)
    out += ["| | " + " | ".join(f"**{_md(p.name)}**" for p in plans) + " |",
            "|---|" + "---|" * len(plans)]
    depth = max(len(p.prices) for p in plans)
    for index in range(depth):
        label = "Price" if index == 0 else ""
        out.append(f"| {label} | " + " | ".join(
            price_label(p.prices[index]) if index < len(p.prices) else ""
            for p in plans) + " |")
    if any(p.description for p in plans):
        out.append("| For | " + " | ".join(_md(p.description) for p in plans) + " |")
    for row in rows(plans, features):
        out.append("| " + " | ".join(_md(c) for c in row) + " |")
    out.append("")
    discounts = [(p.name, annual_discount(p.prices)) for p in plans]
    noted = [f"{name} {round(d * 100)} %" for name, d in discounts if d and d > 0]
    if noted:
        out += [f"Paying yearly saves: {', '.join(noted)}.", ""]
    out += [f"{INCLUDED} included · {NOT_INCLUDED} not included · words state a limit.", ""]
    return "\n".join(out)


def summary(plan: PlanFacts) -> str:
    """One line for a plan, as a battlecard shows it: "Pro: 19 EUR / seat / month"."""
    prices = ", ".join(price_label(p) for p in plan.prices) or "no price set"
    return f"{plan.name}: {prices}"
