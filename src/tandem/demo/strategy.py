"""The demo's strategy: Shiftwell's vision and stage, two objectives with key results at
different progress, and initiatives grouping the demo's opportunities and releases, so the
Strategy page and every Serves panel have something true to show."""

from __future__ import annotations

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
from tandem.market.product import products
from tandem.scope import Scope

VISION = ("Every shift in a small business covered without a group chat: staff swap and "
          "pick up shifts themselves, and owners see labour cost before it is spent.")

# objective -> (period, key results as (title, unit, start, target, current), initiatives as
# (title, opportunity keys, release keys))
PLAN: dict[str, tuple[str, list[tuple[str, str, float, float, float | None]],
                      list[tuple[str, list[str], list[str]]]]] = {
    "Make scheduling self-serve for staff": (
        "2027 H1",
        [("Swaps settled without a manager", "%", 20, 70, 46),
         ("Weekly active staff per location", "people", 6, 15, 9),
         ("Scheduling tickets per 100 accounts", "tickets", 12, 4, 9)],
        [("Self-serve swaps", ["shift-swaps", "availability"], ["swap-center"])]),
    "Win multi-site operators": (
        "2027",
        [("Accounts with 3 or more sites", "accounts", 9, 40, 14),
         ("Net revenue retention of multi-site accounts", "%", 101, 115, None)],
        [("Payroll and labour cost", ["payroll-export", "labour-cost", "overtime-surprises"],
          ["payroll-sync", "labour-guardrails"]),
         ("Regions", ["multi-site-view"], ["regions"])]),
}


def load_strategy(scope: Scope, opp_ids: dict[str, int], release_ids: dict[str, int]) -> None:
    for product in products.all(scope)[:1]:
        service.set_vision(scope, product.id, VISION, LifecycleStage.growth)
    for title, (period, results, groups) in PLAN.items():
        goal = objectives.create(scope, ObjectiveCreate(title=title, period=period))
        for kr_title, unit, start, target, current in results:
            key_results.create(scope, KeyResultCreate(
                objective_id=goal.id, title=kr_title, unit=unit, start=start, target=target,
                current=current))
        for name, opp_keys, release_keys in groups:
            work = initiatives.create(scope, InitiativeCreate(title=name, objective_id=goal.id))
            for key in opp_keys:
                if key in opp_ids:
                    service.add_item(scope, work.id, "opportunities", opp_ids[key])
            for key in release_keys:
                if key in release_ids:
                    service.add_item(scope, work.id, "releases", release_ids[key])
