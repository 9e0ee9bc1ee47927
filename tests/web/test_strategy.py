"""The strategy page: vision, objectives with progress, grouping; and the Serves panel."""

from __future__ import annotations

from tandem.accounts.models import User
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.strategy.records import (
    InitiativeCreate,
    KeyResultCreate,
    ObjectiveCreate,
    initiatives,
    key_results,
    objectives,
)
from tandem.market.product import ProductCreate, products
from tandem.runtime import Runtime
from tests.web.conftest import Browser


def _seed(rt: Runtime, user: User) -> dict[str, int]:
    with rt.scope(user, "acme") as scope:
        product = products.create(scope, ProductCreate(name="Shiftwell"))
        goal = objectives.create(scope, ObjectiveCreate(title="Win multi-site clinics"))
        key_results.create(scope, KeyResultCreate(objective_id=goal.id, title="Accounts",
                                                  start=0, target=10, current=3))
        work = initiatives.create(scope, InitiativeCreate(title="Regions",
                                                          objective_id=goal.id))
        opp = opportunities.create(scope, OpportunityCreate(title="Several sites"))
        return {"product": product.id, "initiative": work.id, "opportunity": opp.id}


def test_strategy_page_vision_and_grouping(signed_in: Browser, rt: Runtime,
                                           user: User) -> None:
    ids = _seed(rt, user)
    page = signed_in.get("/w/acme/strategy")
    assert page.status_code == 200
    assert "Win multi-site clinics" in page.text and "30%" in page.text
    assert 'href="/w/acme/strategy"' in page.text  # in the sidebar
    saved = signed_in.post(f"/w/acme/strategy/products/{ids['product']}/vision",
                           {"vision": "Every shift covered.", "lifecycle_stage": "growth"})
    shown = signed_in.follow(saved).text
    assert "Vision saved." in shown and "Every shift covered." in shown
    bad = signed_in.post(f"/w/acme/strategy/products/{ids['product']}/vision",
                         {"vision": "", "lifecycle_stage": "teen"})
    assert "Choose a lifecycle stage" in signed_in.follow(bad).text
    added = signed_in.post(f"/w/acme/strategy/initiatives/{ids['initiative']}/items",
                           {"item": f"opportunities:{ids['opportunity']}"})
    assert "Added to the initiative." in signed_in.follow(added).text
    panel = signed_in.get(f"/w/acme/opportunities/{ids['opportunity']}").text
    assert "Serves" in panel and "Win multi-site clinics" in panel and "through" in panel
    junk = signed_in.post(f"/w/acme/strategy/initiatives/{ids['initiative']}/items",
                          {"item": "opportunities:²"})
    assert "Choose an opportunity or a release" in signed_in.follow(junk).text
    removed = signed_in.post(f"/w/acme/strategy/initiatives/{ids['initiative']}/items/remove",
                             {"item": f"opportunities:{ids['opportunity']}"})
    assert "Taken out" in signed_in.follow(removed).text
    assert "Serves no objective yet" in signed_in.get(
        f"/w/acme/opportunities/{ids['opportunity']}").text
