"""Strategy on both engines: visions, the tree, grouping, and tracing up to objectives."""

from __future__ import annotations

import pytest

from tandem.errors import Forbidden, Invalid, NotFound
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.inbound.strategy import service
from tandem.inbound.strategy.calc import LifecycleStage
from tandem.inbound.strategy.records import (
    InitiativeCreate,
    KeyResultCreate,
    ObjectiveCreate,
    initiatives,
    key_results,
    objectives,
)
from tandem.loop import links
from tandem.market.product import ProductCreate, products
from tandem.scope import Scope


def _tree(scope: Scope) -> dict[str, int]:
    product = products.create(scope, ProductCreate(name="Shiftwell"))
    goal = objectives.create(scope, ObjectiveCreate(title="Win multi-site clinics",
                                                    period="2027 H1", product_id=product.id))
    key_results.create(scope, KeyResultCreate(objective_id=goal.id, title="Multi-site accounts",
                                              start=4, target=24, current=9))
    key_results.create(scope, KeyResultCreate(objective_id=goal.id, title="Churn", unit="%",
                                              start=5, target=2, current=2))
    key_results.create(scope, KeyResultCreate(objective_id=goal.id, title="NPS", target=50))
    work = initiatives.create(scope, InitiativeCreate(title="Regions",
                                                      objective_id=goal.id))
    opp = opportunities.create(scope, OpportunityCreate(title="Managing several sites"))
    rel = releases.create(scope, ReleaseCreate(name="Regions 1.0"))
    return {"product": product.id, "objective": goal.id, "initiative": work.id,
            "opportunity": opp.id, "release": rel.id}


def test_tree_with_progress_and_grouping(scope: Scope) -> None:
    ids = _tree(scope)
    service.add_item(scope, ids["initiative"], "opportunities", ids["opportunity"])
    service.add_item(scope, ids["initiative"], "opportunities", ids["opportunity"])  # no-op
    service.add_item(scope, ids["initiative"], "releases", ids["release"])
    initiatives.create(scope, InitiativeCreate(title="Someday"))
    tree = service.strategy(scope)
    (goal,) = tree.objectives
    assert [k.progress for k in goal.key_results] == [0.25, 1.0, None]
    assert goal.progress == pytest.approx(0.625)
    (work,) = goal.initiatives
    assert [o.id for o in work.opportunities] == [ids["opportunity"]]
    assert [r.title for r in work.releases] == ["Regions 1.0"]
    assert [v.initiative.title for v in tree.loose] == ["Someday"]
    service.remove_item(scope, ids["initiative"], "releases", ids["release"])
    assert service.strategy(scope).objectives[0].initiatives[0].releases == []
    with pytest.raises(NotFound):
        service.remove_item(scope, ids["initiative"], "releases", ids["release"])


def test_vision_and_stage(scope: Scope) -> None:
    ids = _tree(scope)
    service.set_vision(scope, ids["product"], "Every shift covered.\nNo group chats.",
                       LifecycleStage.growth)
    service.set_vision(scope, ids["product"], "Every shift covered.", LifecycleStage.maturity)
    (view,) = service.strategy(scope).products
    assert (view.vision, view.lifecycle_stage) == ("Every shift covered.", "maturity")
    with pytest.raises(Invalid) as long:
        service.set_vision(scope, ids["product"], "x" * 2001, LifecycleStage.growth)
    assert long.value.field == "vision"
    with pytest.raises(NotFound):
        service.set_vision(scope, 2**31 - 1, "", LifecycleStage.growth)


def test_trace_up_directly_and_through_a_release_s_opportunity(scope: Scope) -> None:
    ids = _tree(scope)
    assert service.trace(scope, "releases", ids["release"]) == []
    service.add_item(scope, ids["initiative"], "opportunities", ids["opportunity"])
    (direct,) = service.trace(scope, "opportunities", ids["opportunity"])
    assert direct.objective is not None and direct.objective.title == "Win multi-site clinics"
    assert direct.objective_progress == pytest.approx(0.625) and direct.via is None
    links.link(scope, "releases", ids["release"], "opportunities", ids["opportunity"])
    (inherited,) = service.trace(scope, "releases", ids["release"])
    assert inherited.initiative.title == "Regions" and inherited.via is not None
    assert inherited.via.id == ids["opportunity"]
    service.add_item(scope, ids["initiative"], "releases", ids["release"])
    (once,) = service.trace(scope, "releases", ids["release"])
    assert once.via is None  # grouped directly now; not listed twice


def test_rules_and_roles(scope: Scope) -> None:
    ids = _tree(scope)
    with pytest.raises(Invalid) as still:
        key_results.create(scope, KeyResultCreate(objective_id=ids["objective"], title="Flat",
                                                  start=3, target=3))
    assert still.value.field == "target"
    with pytest.raises(Invalid):
        service.add_item(scope, ids["initiative"], "evidence", 1)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        service.add_item(scope, ids["initiative"], "releases", 2**31 - 1)
    from tandem.accounts.models import Role
    from tandem.platform.actor import Member
    assert isinstance(scope.actor, Member)
    scope.actor = scope.actor.in_role(Role.viewer)
    with pytest.raises(Forbidden):
        service.add_item(scope, ids["initiative"], "releases", ids["release"])
    assert service.strategy(scope).objectives  # viewers read it
