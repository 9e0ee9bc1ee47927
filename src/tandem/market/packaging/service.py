"""A product's packaging: read it, replace it as one piece, and write its comparison.

The plans, price points, features and cells of a product are rewritten together by
`replace`, after `calc.check` passes, and the product's row version moves on, so it is the
packaging's version too (If-Match on the API, the form's hidden field on the web).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select

from tandem.errors import Invalid
from tandem.market.packaging import calc
from tandem.market.packaging.models import (
    BillingPeriod,
    FeatureState,
    Plan,
    PlanFeature,
    PlanFeatureValue,
    PlanPrice,
    PriceUnit,
)
from tandem.market.packaging.schemas import PackagingIn
from tandem.market.product import Product, products
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.storage.base import utcnow


@dataclass
class PlanView:
    plan: Plan
    prices: list[PlanPrice] = field(default_factory=list)

    def facts(self) -> calc.PlanFacts:
        return calc.PlanFacts(self.plan.name, self.plan.description,
                              tuple(price_facts(p) for p in self.prices))


@dataclass
class FeatureView:
    feature: PlanFeature
    cells: dict[str, calc.Cell] = field(default_factory=dict)  # by plan name

    def facts(self) -> calc.FeatureFacts:
        return calc.FeatureFacts(self.feature.name, dict(self.cells))


@dataclass
class Packaging:
    product: Product
    plans: list[PlanView] = field(default_factory=list)
    features: list[FeatureView] = field(default_factory=list)

    def facts(self) -> tuple[list[calc.PlanFacts], list[calc.FeatureFacts]]:
        return [p.facts() for p in self.plans], [f.facts() for f in self.features]

    def markdown(self) -> str:
        plans, features = self.facts()
        return calc.markdown(self.product.name, plans, features)


def price_facts(row: PlanPrice) -> calc.Price:
    return calc.Price(row.amount, row.currency, BillingPeriod(row.period), PriceUnit(row.unit))


def get(scope: Scope, product_id: int) -> Packaging:
    scope.require(Action.read)
    product = products.get(scope, product_id)
    return _read(scope, [product])[0]


def all_products(scope: Scope) -> list[Packaging]:
    """Every product's packaging, products by name (the packaging index page)."""
    scope.require(Action.read)
    return _read(scope, products.all(scope))


def _read(scope: Scope, found: list[Product]) -> list[Packaging]:
    session = scope.session
    ids = [p.id for p in found]
    out = {p.id: Packaging(p) for p in found}
    if not ids:
        return []
    plans: dict[int, PlanView] = {}
    for plan in session.scalars(select(Plan).where(Plan.product_id.in_(ids))
                                .order_by(Plan.position, Plan.id)).all():
        plans[plan.id] = PlanView(plan)
        out[plan.product_id].plans.append(plans[plan.id])
    if plans:
        for price in session.scalars(select(PlanPrice).where(
                PlanPrice.plan_id.in_(list(plans))).order_by(PlanPrice.position,
                                                             PlanPrice.id)).all():
            plans[price.plan_id].prices.append(price)
    features: dict[int, FeatureView] = {}
    for feat in session.scalars(select(PlanFeature).where(PlanFeature.product_id.in_(ids))
                                .order_by(PlanFeature.position, PlanFeature.id)).all():
        features[feat.id] = FeatureView(feat)
        out[feat.product_id].features.append(features[feat.id])
    if features:
        for value in session.scalars(select(PlanFeatureValue).where(
                PlanFeatureValue.feature_id.in_(list(features)))).all():
            plan_view = plans.get(value.plan_id)
            if plan_view is not None:
                features[value.feature_id].cells[plan_view.plan.name] = calc.Cell(
                    FeatureState(value.state), value.limit_text)
    return [out[i] for i in ids]


def _facts(body: PackagingIn) -> tuple[list[calc.PlanFacts], list[calc.FeatureFacts]]:
    plans = [calc.PlanFacts(p.name, p.description, tuple(
        calc.Price(x.amount, x.currency, x.period, x.unit) for x in p.prices))
        for p in body.plans]
    features = [calc.FeatureFacts(f.name, {name: calc.Cell(c.state, c.limit)
                                           for name, c in f.cells.items()})
                for f in body.features]
    return plans, features


def replace(scope: Scope, product_id: int, body: PackagingIn) -> Packaging:
    """The product's plans and features become exactly these, in this order."""
    scope.require(Action.update, products)
    product = products.get(scope, product_id)
    problems = calc.check(*_facts(body))
    if problems:
        where, message = problems[0]
        more = f" ({len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise Invalid(message + more, where)
    before = get(scope, product_id)
    old_plans = [p.plan.name for p in before.plans]
    session, ws = scope.session, scope.workspace_id
    # The old rows leave the session first: SQLite may give their ids to the new rows.
    for view in before.plans:
        for obj in (view.plan, *view.prices):
            session.expunge(obj)
    for feature_view in before.features:
        session.expunge(feature_view.feature)
    session.execute(delete(Plan).where(Plan.product_id == product_id))
    session.execute(delete(PlanFeature).where(PlanFeature.product_id == product_id))
    session.flush()
    ids: dict[str, int] = {}
    for position, plan_in in enumerate(body.plans):
        plan = Plan(workspace_id=ws, product_id=product_id, name=plan_in.name,
                    description=plan_in.description, position=position)
        session.add(plan)
        session.flush()
        ids[plan_in.name.lower()] = plan.id
        for index, price in enumerate(plan_in.prices):
            session.add(PlanPrice(workspace_id=ws, plan_id=plan.id, amount=price.amount,
                                  currency=price.currency, period=price.period.value,
                                  unit=price.unit.value, position=index))
    for position, feature_in in enumerate(body.features):
        feature = PlanFeature(workspace_id=ws, product_id=product_id, name=feature_in.name,
                              position=position)
        session.add(feature)
        session.flush()
        for plan_name, cell in feature_in.cells.items():
            session.add(PlanFeatureValue(
                workspace_id=ws, plan_id=ids[plan_name.lower()], feature_id=feature.id,
                state=cell.state.value,
                limit_text=cell.limit if cell.state is FeatureState.limit else ""))
    product.updated_at = utcnow()  # the product's version is the packaging's version
    session.flush()
    new_plans = [p.name for p in body.plans]
    events.record(scope, "packaging_updated", "products", product.id, product.name, {
        "plans": [", ".join(old_plans) or None, ", ".join(new_plans) or None],
        "features": [len(before.features), len(body.features)]})
    return get(scope, product_id)


@dataclass(frozen=True)
class PlanLine:
    """A plan in one line, as a battlecard compares it."""

    plan: str
    price: str
    included: str


def _got(plan: str, features: list[FeatureView]) -> dict[str, str]:
    """The features a plan gets, by name, as words (with its limit when capped)."""
    got = {}
    for view in features:
        cell = view.cells.get(plan)
        if cell is not None and cell.state is not FeatureState.not_included:
            got[view.feature.name] = (f"{view.feature.name} ({cell.limit})"
                                      if cell.state is FeatureState.limit and cell.limit
                                      else view.feature.name)
    return got


def included_text(plan: str, features: list[FeatureView], previous: str | None = None,
                  shown: int = 4) -> str:
    """What a plan includes, in words, the first few; when it has everything the plan
    before it has, only what it adds ("Everything in Team, plus Payroll export")."""
    got = _got(plan, features)
    before = _got(previous, features) if previous else {}
    if before and set(before) <= set(got):
        added = [words for name, words in got.items() if before.get(name) != words]
        more = f" and {len(added) - shown} more" if len(added) > shown else ""
        return f"Everything in {previous}, plus " + ", ".join(added[:shown]) + more \
            if added else f"Everything in {previous}"
    items = list(got.values())
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def plan_lines(scope: Scope, product_id: int | None = None) -> tuple[str, list[PlanLine]]:
    """(product name, its plans in one line each) for a battlecard: the given product,
    else the first one with plans; ("", []) when no product has any."""
    scope.require(Action.read)
    query = select(Product).where(Product.workspace_id == scope.workspace_id)
    if product_id is not None:
        query = query.where(Product.id == product_id)
    for packaging in _read(scope, list(scope.session.scalars(query.order_by(Product.id))
                                       .all())):
        if packaging.plans:
            names = [v.plan.name for v in packaging.plans]
            return packaging.product.name, [PlanLine(
                v.plan.name, ", ".join(calc.price_label(price_facts(p)) for p in v.prices)
                or "no price set", included_text(v.plan.name, packaging.features,
                                                 names[i - 1] if i else None))
                for i, v in enumerate(packaging.plans)]
    return "", []
