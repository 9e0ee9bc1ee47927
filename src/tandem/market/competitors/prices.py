"""A competitor's plans and prices as seen on their pricing page, kept current.

Observing a plan again (same plan name, billing period and unit) updates its row; a new
plan or a changed price also goes into the competitor's timeline (kind "pricing"), so the
page shows when they moved their prices.
"""

from __future__ import annotations

from sqlalchemy import func, select

from tandem.crud import require_version
from tandem.errors import Invalid, NotFound
from tandem.market.competitor import competitors
from tandem.market.competitors.models import ChangeKind, CompetitorChange, CompetitorPrice
from tandem.market.competitors.schemas import PriceObserved
from tandem.market.packaging import calc
from tandem.market.packaging.models import BillingPeriod, PriceUnit
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope

MAX_PRICES = 40  # per competitor


def facts(row: CompetitorPrice) -> calc.Price:
    return calc.Price(row.amount, row.currency, BillingPeriod(row.period), PriceUnit(row.unit))


def label(row: CompetitorPrice) -> str:
    return calc.price_label(facts(row))


def prices(scope: Scope, competitor_id: int) -> list[CompetitorPrice]:
    """Their plans, cheapest first (unpublished prices last), then by name."""
    competitors.get(scope, competitor_id)
    rows = list(scope.session.scalars(select(CompetitorPrice).where(
        CompetitorPrice.competitor_id == competitor_id)
        .order_by(CompetitorPrice.plan, CompetitorPrice.id)).all())
    return sorted(rows, key=lambda r: (calc.monthly(facts(r)) is None,
                                       calc.monthly(facts(r)) or 0, r.plan.lower()))


def _timeline(scope: Scope, competitor_id: int, body: PriceObserved, summary: str) -> None:
    scope.session.add(CompetitorChange(
        workspace_id=scope.workspace_id, competitor_id=competitor_id,
        happened_on=body.observed_on, kind=ChangeKind.pricing.value, summary=summary[:500],
        source=body.source_url[:500]))


def observe(scope: Scope, competitor_id: int, body: PriceObserved) -> CompetitorPrice:
    """Record a plan's price as seen; the same plan, period and unit seen again is updated,
    and the timeline says what it was before."""
    scope.require(Action.update, competitors)
    competitor = competitors.get(scope, competitor_id)
    if body.amount is not None and not body.currency:
        raise Invalid("Say the currency of the price (EUR, USD...).", "currency")
    row = scope.session.scalar(select(CompetitorPrice).where(
        CompetitorPrice.competitor_id == competitor_id,
        func.lower(CompetitorPrice.plan) == body.plan.lower(),
        CompetitorPrice.period == body.period.value,
        CompetitorPrice.unit == body.unit.value))
    new_label = calc.price_label(calc.Price(body.amount, body.currency, body.period,
                                            body.unit))
    if row is None:
        count = scope.session.scalar(select(func.count(CompetitorPrice.id)).where(
            CompetitorPrice.competitor_id == competitor_id)) or 0
        if count >= MAX_PRICES:
            raise Invalid(f"{competitor.name} has {MAX_PRICES} price points already: remove "
                          "old ones first.", "plan")
        row = CompetitorPrice(workspace_id=scope.workspace_id, competitor_id=competitor_id,
                              plan=body.plan)
        scope.session.add(row)
        summary, before = f"Price seen: {body.plan}, {new_label}", None
    else:
        before = label(row)
        summary = f"{row.plan}: {before} → {new_label}" if before != new_label else ""
    row.amount, row.currency = body.amount, body.currency
    row.period, row.unit = body.period.value, body.unit.value
    row.included, row.source_url, row.observed_on = body.included, body.source_url, \
        body.observed_on
    if summary:  # a price seen again unchanged only moves its "seen on" date
        _timeline(scope, competitor_id, body, summary)
    scope.session.flush()
    events.record(scope, "price_observed", "competitors", competitor_id, competitor.name,
                  {f"price {body.plan}"[:60]: [before, new_label]})
    return row


def price(scope: Scope, competitor_id: int, price_id: int) -> CompetitorPrice:
    """One of the competitor's price points (NotFound when it is not theirs)."""
    scope.require(Action.read, competitors)
    competitor = competitors.get(scope, competitor_id)
    row = scope.session.get(CompetitorPrice, price_id) if 1 <= price_id <= MAX_ID else None
    if row is None or row.competitor_id != competitor_id \
            or row.workspace_id != scope.workspace_id:
        raise NotFound(f"{competitor.name} has no price {price_id}.")
    return row


def remove(scope: Scope, competitor_id: int, price_id: int,
           expected: int | None = None) -> None:
    """Remove a price point; `expected` is the version the remover saw (observing the same
    plan again updates it, so a stale one removes nothing)."""
    scope.require(Action.update, competitors)
    competitor = competitors.get(scope, competitor_id)
    row = price(scope, competitor_id, price_id)
    require_version(row, expected, "price")
    was = label(row)
    scope.session.delete(row)
    scope.session.flush()
    events.record(scope, "price_removed", "competitors", competitor_id, competitor.name,
                  {f"price {row.plan}"[:60]: [was, None]})


def lines(scope: Scope, competitor_id: int) -> list[tuple[str, str, str, str]]:
    """(plan, prices, what is included, where and when seen) per plan, for a battlecard:
    a plan's price points joined ("10 USD / seat / month, 96 USD / seat / year")."""
    by_plan: dict[str, list[CompetitorPrice]] = {}
    for row in prices(scope, competitor_id):
        by_plan.setdefault(row.plan.lower(), []).append(row)
    out = []
    for rows in by_plan.values():
        latest = max(rows, key=lambda r: r.observed_on)
        seen = f"{latest.observed_on.isoformat()}" + (
            f", {latest.source_url}" if latest.source_url else "")
        included = next((r.included for r in rows if r.included), "")
        out.append((rows[0].plan, ", ".join(label(r) for r in rows), included, seen))
    return out
