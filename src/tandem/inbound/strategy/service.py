"""Strategy commands and queries: the vision and lifecycle stage of each product, the tree of
objectives, key results and initiatives, grouping opportunities and releases under an
initiative, and tracing any of them up to the objective it serves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select

from tandem.crud import require_version
from tandem.errors import Invalid, NotFound
from tandem.inbound.opportunity import Opportunity, opportunities
from tandem.inbound.release import Release, releases
from tandem.inbound.strategy.calc import LifecycleStage, overall, progress
from tandem.inbound.strategy.models import (
    Initiative,
    InitiativeItem,
    KeyResult,
    Objective,
    ProductVision,
)
from tandem.inbound.strategy.records import initiatives, key_results, objectives
from tandem.loop.links import Linked, linked
from tandem.market.product import Product, products
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.scope import Scope

ItemKind = Literal["opportunities", "releases"]
VISION_LENGTH = 2000


@dataclass
class KeyResultView:
    key_result: KeyResult
    progress: float | None


@dataclass
class InitiativeView:
    initiative: Initiative
    opportunities: list[Linked] = field(default_factory=list)
    releases: list[Linked] = field(default_factory=list)


@dataclass
class ObjectiveView:
    objective: Objective
    key_results: list[KeyResultView] = field(default_factory=list)
    initiatives: list[InitiativeView] = field(default_factory=list)

    @property
    def progress(self) -> float | None:
        return overall(kr.progress for kr in self.key_results)


@dataclass
class ProductView:
    product: Product
    vision: str
    lifecycle_stage: str | None
    row_version: int = 0  # of the vision; 0 while none is saved (what a form carries)


@dataclass
class Strategy:
    products: list[ProductView]
    objectives: list[ObjectiveView]
    loose: list[InitiativeView]  # initiatives that serve no objective yet


@dataclass
class Serves:
    """How an opportunity or release traces up: the initiative, its objective, and the
    opportunity it comes through when a release inherits it."""

    initiative: Initiative
    objective: Objective | None
    objective_progress: float | None
    via: Linked | None = None


def strategy(scope: Scope) -> Strategy:
    """The whole tree, for the strategy page and GET /strategy."""
    scope.require(Action.read, objectives)
    visions = {v.product_id: v for v in scope.session.scalars(
        select(ProductVision).where(ProductVision.workspace_id == scope.workspace_id))}
    product_views = [ProductView(p, visions[p.id].vision if p.id in visions else "",
                                 visions[p.id].lifecycle_stage if p.id in visions else None,
                                 visions[p.id].row_version if p.id in visions else 0)
                     for p in products.all(scope)]
    views = {o.id: ObjectiveView(o) for o in objectives.all(scope)}
    for kr in key_results.all(scope):
        if kr.objective_id in views:
            views[kr.objective_id].key_results.append(
                KeyResultView(kr, progress(kr.start, kr.target, kr.current)))
    loose: list[InitiativeView] = []
    by_id: dict[int, InitiativeView] = {}
    for initiative in initiatives.all(scope):
        view = by_id[initiative.id] = InitiativeView(initiative)
        target = views.get(initiative.objective_id or 0)
        (target.initiatives if target is not None else loose).append(view)
    _fill_items(scope, by_id)
    return Strategy(product_views, list(views.values()), loose)


def _fill_items(scope: Scope, views: dict[int, InitiativeView]) -> None:
    if not views:
        return
    rows = scope.session.execute(
        select(InitiativeItem.initiative_id, Opportunity.id, Opportunity.title, Release.id,
               Release.name)
        .outerjoin(Opportunity, Opportunity.id == InitiativeItem.opportunity_id)
        .outerjoin(Release, Release.id == InitiativeItem.release_id)
        .where(InitiativeItem.workspace_id == scope.workspace_id)
        .order_by(InitiativeItem.id)).all()
    for initiative_id, opp_id, opp_title, rel_id, rel_name in rows:
        view = views.get(initiative_id)
        if view is None:
            continue
        if opp_id is not None:
            view.opportunities.append(Linked("opportunities", opp_id, opp_title))
        if rel_id is not None:
            view.releases.append(Linked("releases", rel_id, rel_name))


def set_vision(scope: Scope, product_id: int, vision: str, stage: LifecycleStage,
               expected: int | None = None) -> ProductVision:
    """Write a product's vision and lifecycle stage (one of each per product); `expected` is
    the version the writer read (If-Match)."""
    scope.require(Action.update, products)
    product = products.get(scope, product_id)
    if len(vision) > VISION_LENGTH:
        raise Invalid(f"A vision is at most {VISION_LENGTH} characters.", "vision")
    row = scope.session.scalar(select(ProductVision).where(
        ProductVision.workspace_id == scope.workspace_id,
        ProductVision.product_id == product.id))
    require_version(row, expected, "product vision")
    before = (row.vision, row.lifecycle_stage) if row is not None else ("", None)
    if row is None:
        row = ProductVision(workspace_id=scope.workspace_id, product_id=product.id)
        scope.session.add(row)
    row.vision, row.lifecycle_stage = vision.strip(), stage.value
    changes = {k: [b, a] for k, b, a in (("vision", before[0], row.vision),
                                         ("lifecycle_stage", before[1], row.lifecycle_stage))
               if b != a}
    if changes:
        events.record(scope, "updated", "products", product.id, product.name, changes)
    scope.session.flush()
    return row


def _column(kind: ItemKind) -> str:
    if kind not in ("opportunities", "releases"):
        raise Invalid("An initiative groups opportunities and releases.", "kind")
    return "opportunity_id" if kind == "opportunities" else "release_id"


def add_item(scope: Scope, initiative_id: int, kind: ItemKind, object_id: int) -> None:
    """Group an opportunity or a release under an initiative (again is a no-op)."""
    scope.require(Action.update, initiatives)
    initiative = initiatives.get(scope, initiative_id)
    column = _column(kind)
    obj = (opportunities if kind == "opportunities" else releases).get(scope, object_id)
    exists = scope.session.scalar(select(InitiativeItem.id).where(
        InitiativeItem.initiative_id == initiative.id,
        getattr(InitiativeItem, column) == obj.id))
    if exists is not None:
        return
    scope.session.add(InitiativeItem(workspace_id=scope.workspace_id,
                                     initiative_id=initiative.id, **{column: obj.id}))
    events.record(scope, "grouped", "initiatives", initiative.id, initiative.title,
                  {kind: [None, obj.id]})
    scope.session.flush()


def remove_item(scope: Scope, initiative_id: int, kind: ItemKind, object_id: int) -> None:
    """Take an opportunity or a release out of an initiative."""
    scope.require(Action.update, initiatives)
    initiative = initiatives.get(scope, initiative_id)
    column = _column(kind)
    row = scope.session.scalar(select(InitiativeItem).where(
        InitiativeItem.initiative_id == initiative.id,
        getattr(InitiativeItem, column) == object_id))
    if row is None:
        label = "opportunity" if kind == "opportunities" else "release"
        raise NotFound(f"That {label} is not in '{initiative.title}'.")
    scope.session.delete(row)
    events.record(scope, "ungrouped", "initiatives", initiative.id, initiative.title,
                  {kind: [object_id, None]})
    scope.session.flush()


def trace(scope: Scope, kind: ItemKind, object_id: int) -> list[Serves]:
    """The initiatives (and their objectives) an opportunity or release serves. A release
    also serves what the opportunities it addresses serve."""
    column = _column(kind)
    (opportunities if kind == "opportunities" else releases).get(scope, object_id)
    direct = _serving(scope, column, [object_id])
    found = [_serves(scope, initiative, None) for initiative in direct]
    if kind == "releases":
        seen = {s.initiative.id for s in found}
        addressed = linked(scope, "releases", {object_id}, "opportunities").get(object_id, [])
        for opp in addressed:
            for initiative in _serving(scope, "opportunity_id", [opp.id]):
                if initiative.id not in seen:
                    seen.add(initiative.id)
                    found.append(_serves(scope, initiative, opp))
    return found


def _serving(scope: Scope, column: str, ids: list[int]) -> list[Initiative]:
    return list(scope.session.scalars(
        select(Initiative).join(InitiativeItem, InitiativeItem.initiative_id == Initiative.id)
        .where(InitiativeItem.workspace_id == scope.workspace_id,
               getattr(InitiativeItem, column).in_(ids))
        .order_by(Initiative.title)))


def _serves(scope: Scope, initiative: Initiative, via: Linked | None) -> Serves:
    objective = (scope.session.get(Objective, initiative.objective_id)
                 if initiative.objective_id is not None else None)
    shares = [progress(kr.start, kr.target, kr.current) for kr in scope.session.scalars(
        select(KeyResult).where(KeyResult.objective_id == objective.id))] if objective else []
    return Serves(initiative, objective, overall(shares), via)
