"""Driver and navigator by lifecycle phase: the phase each product is in, who drives and
who navigates it in each phase, and who new work goes to by default.

New work is routed by the phase it belongs to (`WORK_PHASE`): opportunities and their
requirements documents to the development-phase driver, launches and their checklist tasks
to the launch-phase driver. A phase without a driver falls back to the driver of the phase the
product is in now, so moving the product to another phase moves the default owners. On
entering a phase, its open work that has no owner yet goes to the phase's driver.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, select

from tandem.errors import Invalid, NotFound
from tandem.inbound.opportunity import Opportunity, OpportunityStatus
from tandem.inbound.requirements.engine import Status
from tandem.inbound.requirements.models import Requirement
from tandem.market.product import Product
from tandem.outbound.checklists.models import LaunchTask
from tandem.outbound.launch import Launch, LaunchStatus
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.roles.assignment import Phase
from tandem.roles.models import Person
from tandem.roles.phases.models import PhaseOwner, ProductLifecycle
from tandem.schema import MAX_ID
from tandem.scope import Scope

PHASES: tuple[str, ...] = tuple(p.value for p in Phase)
# The kind of new work, and the phase whose driver it goes to.
WORK_PHASE: dict[str, str] = {"opportunities": Phase.development.value,
                              "launches": Phase.launch.value,
                              "requirements": Phase.development.value,
                              "launch_tasks": Phase.launch.value}
WORK_LABELS: dict[str, str] = {"opportunities": "New opportunities",
                               "launches": "New launches",
                               "requirements": "Requirements documents",
                               "launch_tasks": "Launch checklist tasks"}
OPEN_OPPORTUNITY = (OpportunityStatus.new.value, OpportunityStatus.exploring.value,
                    OpportunityStatus.validated.value, OpportunityStatus.planned.value)
OPEN_LAUNCH = (LaunchStatus.planning.value, LaunchStatus.ready.value)
OPEN_REQUIREMENT = (Status.draft.value, Status.in_review.value, Status.approved.value)


@dataclass(frozen=True)
class PhaseRow:
    phase: str
    driver_id: int | None
    driver: str
    navigator_id: int | None
    navigator: str
    current: bool


@dataclass(frozen=True)
class Route:
    kind: str
    label: str
    phase: str
    owner_id: int | None
    owner: str
    fallback: bool  # the owner is the current phase's driver, the phase itself has none


@dataclass(frozen=True)
class Lifecycle:
    product_id: int
    product: str
    phase: str | None
    since: date | None
    phases: list[PhaseRow]
    routes: list[Route]


def _product(scope: Scope, product_id: int) -> Product:
    product = scope.session.get(Product, product_id) if 1 <= product_id <= MAX_ID else None
    if product is None or product.workspace_id != scope.workspace_id:
        raise NotFound(f"There is no product {product_id} in this workspace.")
    return product


def _state(scope: Scope, product_id: int) -> ProductLifecycle | None:
    return scope.session.scalar(select(ProductLifecycle).where(
        ProductLifecycle.workspace_id == scope.workspace_id,
        ProductLifecycle.product_id == product_id))


def _owners(scope: Scope, product_id: int) -> dict[str, PhaseOwner]:
    rows = scope.session.scalars(select(PhaseOwner).where(
        PhaseOwner.workspace_id == scope.workspace_id, PhaseOwner.product_id == product_id))
    return {r.phase: r for r in rows}


def _names(scope: Scope) -> dict[int, str]:
    return dict(scope.session.execute(select(Person.id, Person.name).where(
        Person.workspace_id == scope.workspace_id)).tuples().all())


def _route(kind: str, phase: str | None, owners: dict[str, PhaseOwner],
           names: dict[int, str]) -> Route:
    target = WORK_PHASE[kind]
    row = owners.get(target)
    owner_id, fallback = (row.driver_id if row else None), False
    if owner_id is None and phase is not None and phase != target:
        current = owners.get(phase)
        owner_id = current.driver_id if current else None
        fallback = owner_id is not None
    return Route(kind, WORK_LABELS[kind], target, owner_id,
                 names.get(owner_id, "") if owner_id else "", fallback)


def lifecycle(scope: Scope, product_id: int) -> Lifecycle:
    scope.require(Action.read)
    product = _product(scope, product_id)
    state = _state(scope, product_id)
    owners = _owners(scope, product_id)
    names = _names(scope)
    phase = state.phase if state else None
    rows = []
    for p in PHASES:
        o = owners.get(p)
        d, n = (o.driver_id, o.navigator_id) if o else (None, None)
        rows.append(PhaseRow(p, d, names.get(d, "") if d else "", n,
                             names.get(n, "") if n else "", p == phase))
    return Lifecycle(product.id, product.name, phase, state.since if state else None, rows,
                     [_route(k, phase, owners, names) for k in WORK_PHASE])


def lifecycles(scope: Scope) -> list[Lifecycle]:
    scope.require(Action.read)
    ids = scope.session.scalars(select(Product.id).where(
        Product.workspace_id == scope.workspace_id).order_by(Product.name)).all()
    return [lifecycle(scope, pid) for pid in ids]


def _check_phase(phase: str) -> str:
    if phase not in PHASES:
        raise Invalid(f"'{phase[:30]}' is not a phase; use one of: {', '.join(PHASES)}.",
                      "phase")
    return phase


def _check_person(scope: Scope, person_id: int | None, field: str) -> None:
    if person_id is None:
        return
    person = scope.session.get(Person, person_id) if 1 <= person_id <= MAX_ID else None
    if person is None or person.workspace_id != scope.workspace_id:
        raise Invalid(f"There is no person {person_id} here; add them on the People page.",
                      field)


def set_owners(scope: Scope, product_id: int, phase: str, driver_id: int | None,
               navigator_id: int | None) -> Lifecycle:
    """Name the driver and navigator of one phase (None clears either)."""
    scope.require(Action.update)
    product = _product(scope, product_id)
    _check_phase(phase)
    _check_person(scope, driver_id, "driver_id")
    _check_person(scope, navigator_id, "navigator_id")
    row = _owners(scope, product_id).get(phase)
    before = (row.driver_id, row.navigator_id) if row else (None, None)
    if before == (driver_id, navigator_id):
        return lifecycle(scope, product_id)
    if row is None:
        row = PhaseOwner(workspace_id=scope.workspace_id, product_id=product_id, phase=phase)
        scope.session.add(row)
    row.driver_id, row.navigator_id = driver_id, navigator_id
    scope.session.flush()
    names = _names(scope)

    def who(pid: int | None) -> str | None:
        return names.get(pid) if pid else None

    events.record(scope, "phase_owners", "products", product.id, product.name, {
        f"{phase} driver": [who(before[0]), who(driver_id)],
        f"{phase} navigator": [who(before[1]), who(navigator_id)]})
    return lifecycle(scope, product_id)


def set_phase(scope: Scope, product_id: int, phase: str, today: date | None = None
              ) -> tuple[Lifecycle, int]:
    """Move the product to `phase`: record it, and give the phase's driver the open work of
    that phase that has no owner yet. Returns the lifecycle and how many items moved."""
    scope.require(Action.update)
    product = _product(scope, product_id)
    _check_phase(phase)
    state = _state(scope, product_id)
    before = state.phase if state else None
    if before == phase:
        return lifecycle(scope, product_id), 0
    if state is None:
        state = ProductLifecycle(workspace_id=scope.workspace_id, product_id=product_id,
                                 phase=phase)
        scope.session.add(state)
    state.phase, state.since = phase, today or date.today()
    scope.session.flush()
    moved = _hand_over(scope, phase, _owners(scope, product_id).get(phase))
    events.record(scope, "phase_changed", "products", product.id, product.name,
                  {"phase": [before, phase], "work_handed_over": [0, moved]})
    return lifecycle(scope, product_id), moved


def _hand_over(scope: Scope, phase: str, owners: PhaseOwner | None) -> int:
    """Give the phase's open work with no owner to its driver; an event for each item."""
    driver = owners.driver_id if owners else None
    if driver is None:
        return 0
    ws = scope.workspace_id
    moved = 0
    work: list[tuple[str, Any, Any]] = []
    if WORK_PHASE["opportunities"] == phase:
        work.append(("opportunities", Opportunity, and_(
            Opportunity.workspace_id == ws, Opportunity.owner_id.is_(None),
            Opportunity.status.in_(OPEN_OPPORTUNITY))))
    if WORK_PHASE["requirements"] == phase:
        work.append(("requirements", Requirement, and_(
            Requirement.workspace_id == ws, Requirement.owner_id.is_(None),
            Requirement.status.in_(OPEN_REQUIREMENT))))
    if WORK_PHASE["launches"] == phase:
        work.append(("launches", Launch, and_(
            Launch.workspace_id == ws, Launch.owner_id.is_(None),
            Launch.status.in_(OPEN_LAUNCH))))
    if WORK_PHASE["launch_tasks"] == phase:
        open_launches = select(Launch.id).where(Launch.workspace_id == ws,
                                                Launch.status.in_(OPEN_LAUNCH))
        work.append(("launch_tasks", LaunchTask, and_(
            LaunchTask.workspace_id == ws, LaunchTask.owner_id.is_(None),
            LaunchTask.done_at.is_(None), LaunchTask.launch_id.in_(open_launches))))
    for kind, model, where in work:
        for obj in scope.session.scalars(select(model).where(where)).all():
            obj.owner_id = driver
            title = str(getattr(obj, "title", None) or getattr(obj, "name", ""))
            events.record(scope, "updated", kind, obj.id, title, {"owner_id": [None, driver]})
            moved += 1
    scope.session.flush()
    return moved


def default_owner(scope: Scope, kind: str) -> int | None:
    """Who new work of `kind` goes to: the driver of its phase on the workspace's product
    (the first, by name, that names one), else None. Work does not name a product yet."""
    if kind not in WORK_PHASE:
        return None
    products = scope.session.scalars(select(Product.id).where(
        Product.workspace_id == scope.workspace_id).order_by(Product.name)).all()
    if not products:
        return None
    names = _names(scope)
    for pid in products:
        state = _state(scope, pid)
        route = _route(kind, state.phase if state else None, _owners(scope, pid), names)
        if route.owner_id is not None:
            return route.owner_id
    return None
