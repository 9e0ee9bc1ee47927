"""Driver and navigator by lifecycle phase, on both engines: owners per phase, a recorded
phase change that hands open work to the new phase's driver, and new work routed to the
driver of its phase."""

from __future__ import annotations

import pytest

from tandem.accounts.models import Role
from tandem.errors import Forbidden, Invalid, NotFound
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.inbound.requirements import service as requirements
from tandem.inbound.requirements.schemas import RequirementBody
from tandem.market.product import ProductCreate, products
from tandem.outbound.launch import LaunchCreate, launches
from tandem.platform.events import service as events
from tandem.roles.assignment import PersonCreate, people
from tandem.roles.phases import service
from tandem.scope import Scope


def test_owners_phase_change_and_routing(scope: Scope) -> None:
    product = products.create(scope, ProductCreate(name="Shiftwell")).id
    dan = people.create(scope, PersonCreate(name="Dan", roles="PM")).id
    pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
    life = service.lifecycle(scope, product)
    assert life.phase is None and life.phases[0].phase == "discovery"
    assert all(r.owner_id is None for r in life.routes)
    # Nobody named yet: new work has no default owner.
    early = opportunities.create(scope, OpportunityCreate(title="Before anyone")).id
    assert opportunities.get(scope, early).owner_id is None

    service.set_owners(scope, product, "discovery", dan, pia)
    service.set_owners(scope, product, "launch", pia, dan)
    life = service.lifecycle(scope, product)
    assert (life.phases[0].driver, life.phases[0].navigator) == ("Dan", "Pia")
    routes = {r.kind: r for r in life.routes}
    assert routes["launches"].owner == "Pia" and routes["opportunities"].owner == ""

    # In discovery, with no development driver, new opportunities fall back to Dan, the
    # current phase's driver; moving to launch moves that default to Pia.
    service.set_phase(scope, product, "discovery")
    assert service.lifecycle(scope, product).routes[0].fallback
    assert opportunities.create(scope, OpportunityCreate(title="Swaps")).owner_id == dan
    service.set_phase(scope, product, "launch")
    assert opportunities.create(scope, OpportunityCreate(title="Payroll")).owner_id == pia
    # Launches always go to the launch driver; a named owner is kept.
    release = releases.create(scope, ReleaseCreate(name="R1")).id
    assert launches.create(scope, LaunchCreate(name="L1", release_id=release)).owner_id == pia
    assert launches.create(scope, LaunchCreate(name="L2", release_id=release,
                                               owner_id=dan)).owner_id == dan

    # The phase change is recorded, with who went where.
    changed = events.history(scope, kind="products", object_id=product,
                             verb="phase_changed").items
    assert changed[0].changes is not None
    assert changed[0].changes["phase"] == ["discovery", "launch"]

    # Entering development hands its open, ownerless work to the development driver.
    service.set_owners(scope, product, "development", dan, None)
    life, moved = service.set_phase(scope, product, "development")
    assert moved == 1 and opportunities.get(scope, early).owner_id == dan
    assert life.phase == "development" and life.phases[2].current
    assert service.set_phase(scope, product, "development")[1] == 0  # no change, no event


def test_phases_refuse_bad_input_and_viewers(scope: Scope) -> None:
    product = products.create(scope, ProductCreate(name="P")).id
    with pytest.raises(Invalid):
        service.set_phase(scope, product, "adolescence")
    with pytest.raises(Invalid):
        service.set_owners(scope, product, "growth", 999_999, None)
    with pytest.raises(NotFound):
        service.lifecycle(scope, 999_999)
    with pytest.raises(NotFound):  # past the 32-bit ids: missing, never a database error
        service.set_phase(scope, 2**40, "growth")
    with pytest.raises(Invalid):
        service.set_owners(scope, product, "growth", 2**40, None)
    scope.actor = scope.actor.in_role(Role.viewer)  # type: ignore[attr-defined]
    assert service.lifecycles(scope)[0].product == "P"
    with pytest.raises(Forbidden):
        service.set_phase(scope, product, "growth")


def test_requirements_go_to_the_development_driver_and_move_with_the_phase(
        scope: Scope) -> None:
    product = products.create(scope, ProductCreate(name="Shiftwell")).id
    dan = people.create(scope, PersonCreate(name="Dan", roles="PM")).id
    pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
    first = opportunities.create(scope, OpportunityCreate(title="Swaps")).id
    second = opportunities.create(scope, OpportunityCreate(title="Payroll")).id
    # Nobody drives development yet: the first document has no owner.
    doc = requirements.save(scope, first, RequirementBody(title="Swaps PRD"))
    assert doc.owner_id is None
    service.set_owners(scope, product, "development", dan, pia)
    routes = {r.kind: r for r in service.lifecycle(scope, product).routes}
    assert routes["requirements"].owner == "Dan" and routes["launch_tasks"].owner == ""
    # A new document goes to Dan; one named for Pia stays hers.
    assert requirements.save(scope, second, RequirementBody(title="Payroll PRD")
                             ).owner_id == dan
    assert requirements.save(scope, second, RequirementBody(title="Payroll PRD",
                                                            owner_id=pia)).owner_id == pia
    assert requirements.save(scope, second, RequirementBody(title="Payroll PRD v2")
                             ).owner_id == pia  # left out: unchanged
    assert requirements.document(scope, second).owner == "Pia"
    with pytest.raises(Invalid) as exc:
        requirements.save(scope, second, RequirementBody(title="X", owner_id=999))
    assert exc.value.field == "owner_id"
    # Entering development hands the unowned document to Dan, with an event.
    _, moved = service.set_phase(scope, product, "development")
    assert moved >= 1 and requirements.find(scope, first).owner_id == dan  # type: ignore[union-attr]
    changed = events.history(scope, kind="requirements", object_id=doc.id, limit=5).items
    assert changed[0].changes == {"owner_id": [None, dan]}
