"""How to call each API update route (PUT or PATCH) for real: the object it changes, made in
the world, and two different bodies, so a test can write, write again from a fresh read,
then try a stale read. Record routes (`/{kind}/{item_id}`) are derived from the registry;
every other update route needs an entry in `CASES` (a test fails for a route without one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi.routing import APIRoute

from tandem.registry import RESOURCES
from tests.bounds.world import VICTIM, World

W = f"/workspaces/{VICTIM}"
Body = dict[str, Any]


@dataclass
class Case:
    url: str
    first: Body
    second: Body  # differs from `first`, so writing it gives a new version


def _ok(answer: Any) -> Any:
    assert answer.status_code < 300, answer.text
    return answer.json()


def _post(world: World, path: str, body: Body) -> Any:
    return _ok(world.client.post(W + path, json=body, headers=world.owner))


def _get(world: World, path: str) -> Any:
    return _ok(world.client.get(W + path, headers=world.owner))


def _house(world: World) -> Any:
    return _post(world, "/messaging", {
        "name": f"House {len(_get(world, '/messaging')) + 1}", "product_id": world.ids["products"],
        "core_message": "Rotas in minutes", "pillars": [{"title": "Fast"}, {"title": "Fair"}]})


def _workshop(world: World) -> int:
    title = f"Who does what {len(_get(world, '/workshops')) + 1}"
    return int(_post(world, "/workshops", {"title": title,
                                           "participant_ids": [world.ids["people"]]})["id"])


def _activity(world: World) -> str:
    return str(_get(world, "/roles/activities")[0]["name"])


def _theme(world: World) -> int:
    from tandem.inbound.themes.models import Theme
    from tandem.platform.actor import LocalAdmin

    with world.runtime.scope(LocalAdmin(), VICTIM) as scope:
        theme = Theme(workspace_id=scope.workspace_id, label="Rota swaps")
        scope.session.add(theme)
        scope.session.flush()
        return theme.id


def _proof_point(world: World) -> Case:
    pillar = _house(world)["pillars"][0]["id"]
    body = {"claim": "Payroll in minutes", "kind": "metric", "metric": "9 min",
            "source": "survey"}
    point = _post(world, f"/messaging/pillars/{pillar}/proof-points", body)["id"]
    return Case(f"{W}/messaging/proof-points/{point}", body, {**body, "claim": "Payroll fast"})


def _launch_task(world: World) -> Case:
    launch = world.ids["launches"]
    task = _post(world, f"/launches/{launch}/checklist/tasks", {"title": "Brief sales"})["id"]
    return Case(f"{W}/launch-tasks/{task}", {"title": "Brief the sales team"},
                {"title": "Brief support", "critical": True})


def _matrix_row(world: World) -> Case:
    house = _house(world)["id"]
    body = {"persona_id": world.ids["personas"], "key_message": "Swaps sort themselves"}
    row = _post(world, f"/messaging/{house}/matrix", body)["id"]
    return Case(f"{W}/messaging/matrix/{row}", body, {**body, "key_message": "No more texts"})


def _asset(world: World) -> int:
    rival = _get(world, f"/competitors/{world.ids['competitors']}")["name"]
    return int(_post(world, "/assets", {"kind": "battlecard", "competitor": rival})["id"])


def _weights(world: World) -> Case:
    now = _get(world, "/importance-weights")
    return Case(f"{W}/importance-weights", {**now, "critical": 5.0}, {**now, "critical": 6.0})


def _sizing(world: World) -> Case:
    from tandem.demo.market import CLINICS_TOP_DOWN

    made = _post(world, "/sizing", {"name": "Clinics", "method": "top_down",
                                     "inputs": CLINICS_TOP_DOWN})["id"]
    return Case(f"{W}/sizing/{made}", {"name": "Clinics EU"}, {"name": "Clinics NA"})


def _survey(world: World) -> Case:
    made = _post(world, "/pricing/surveys", {
        "name": "Q3", "method": "van_westendorp",
        "csv": "too_cheap,cheap,expensive,too_expensive\n5,10,20,30\n6,12,22,35\n"})["id"]
    return Case(f"{W}/pricing/surveys/{made}", {"name": "Q3 survey"}, {"name": "Q3 again"})


def _phase_names() -> list[str]:
    from tandem.roles.phases.service import PHASES

    return list(PHASES)


CASES: dict[str, Callable[[World], Case]] = {
    "/workspaces/{workspace}/strategy/products/{product_id}/vision": lambda w: Case(
        f"{W}/strategy/products/{w.ids['products']}/vision",
        {"vision": "Rotas that run themselves", "lifecycle_stage": "growth"},
        {"vision": "Rotas nobody argues about", "lifecycle_stage": "growth"}),
    "/workspaces/{workspace}/importance-weights": _weights,
    "/workspaces/{workspace}/opportunities/{opportunity_id}/requirements": lambda w: Case(
        f"{W}/opportunities/{w.ids['opportunities']}/requirements",
        {"title": "Shift swaps"}, {"title": "Shift swaps on phones"}),
    "/workspaces/{workspace}/roles/preset": lambda w: Case(
        f"{W}/roles/preset", {"preset": "solo"}, {"preset": "merged"}),
    "/workspaces/{workspace}/roles/activities/{name}": lambda w: Case(
        f"{W}/roles/activities/{quote(_activity(w))}", {"hidden": True}, {"hidden": False}),
    "/workspaces/{workspace}/workshops/{workshop_id}/answers/{person_id}": lambda w: Case(
        f"{W}/workshops/{_workshop(w)}/answers/{w.ids['people']}",
        {"answers": [{"activity": _activity(w), "raci": "R"}]},
        {"answers": [{"activity": _activity(w), "raci": "A"}]}),
    "/workspaces/{workspace}/workshops/{workshop_id}/reassess": lambda w: Case(
        f"{W}/workshops/{_workshop(w)}/reassess",
        {"reassess_on": "2027-01-15"}, {"reassess_on": "2027-02-15"}),
    "/workspaces/{workspace}/products/{product_id}/lifecycle/phase": lambda w: Case(
        f"{W}/products/{w.ids['products']}/lifecycle/phase",
        {"phase": _phase_names()[0]}, {"phase": _phase_names()[1]}),
    "/workspaces/{workspace}/products/{product_id}/lifecycle/owners": lambda w: Case(
        f"{W}/products/{w.ids['products']}/lifecycle/owners",
        {"phase": _phase_names()[0], "driver_id": w.ids["people"]},
        {"phase": _phase_names()[0], "driver_id": None}),
    "/workspaces/{workspace}/health/settings": lambda w: Case(
        f"{W}/health/settings", {"due_weeks": 3}, {"due_weeks": 5}),
    "/workspaces/{workspace}/pricing/surveys/{survey_id}": _survey,
    "/workspaces/{workspace}/sizing/{model_id}": _sizing,
    "/workspaces/{workspace}/positioning/{canvas_id}/draft": lambda w: Case(
        f"{W}/positioning/{_post(w, '/positioning', {'product_id': w.ids['products']})['id']}"
        "/draft", {"category": "Scheduling software"}, {"category": "Rota app"}),
    "/workspaces/{workspace}/messaging/{house_id}": lambda w: Case(
        f"{W}/messaging/{_house(w)['id']}", {"name": "Core"}, {"name": "Other"}),
    "/workspaces/{workspace}/messaging/proof-points/{point_id}": _proof_point,
    "/workspaces/{workspace}/messaging/matrix/{row_id}": _matrix_row,
    "/workspaces/{workspace}/assets/{asset_id}/body": lambda w: Case(
        f"{W}/assets/{_asset(w)}/body", {"markdown": "# Short card\n"},
        {"markdown": "# Shorter card\n"}),
    "/workspaces/{workspace}/assets/{asset_id}/status": lambda w: Case(
        f"{W}/assets/{_asset(w)}/status", {"status": "in_review"}, {"status": "approved"}),
    "/workspaces/{workspace}/claims/settings": lambda w: Case(
        f"{W}/claims/settings", {"evidence_max_age_days": 100},
        {"evidence_max_age_days": 200}),
    "/workspaces/{workspace}/launch-tasks/{task_id}": _launch_task,
    "/workspaces/{workspace}/products/{product_id}/packaging": lambda w: Case(
        f"{W}/products/{w.ids['products']}/packaging",
        {"plans": [{"name": "Starter", "prices": [{"amount": 9, "currency": "EUR",
                                                    "period": "monthly", "unit": "per_seat"}]}]},
        {"plans": [{"name": "Starter"}, {"name": "Team"}]}),
    "/workspaces/{workspace}/themes/{theme_id}": lambda w: Case(
        f"{W}/themes/{_theme(w)}", {"label": "Rota swaps by text"}, {"label": "Swap chaos"}),
}


# Record kinds the world's sample bodies cannot make (see World.skipped), made here; and
# kinds whose title is not free text, changed through another field.
MADE_BY_HAND: dict[str, Callable[[World], Body]] = {
    "contacts": lambda w: {"email": "casey@example.com"},
    "assignments": lambda w: {"activity": _activity(w), "person_id": w.ids["people"]},
}
CHANGES: dict[str, tuple[Body, Body]] = {"assignments": ({"role": "PM"}, {"role": "PMM"})}


def record_kind(route: APIRoute) -> str | None:
    """The registry kind of a generic record route (`/workspaces/{workspace}/<kind>/{item_id}`)."""
    parts = route.path.split("/")
    if len(parts) == 5 and parts[4] == "{item_id}" and parts[3] in RESOURCES:
        return parts[3]
    return None


def case_for(world: World, route: APIRoute) -> Case | None:
    """How to call `route` for real, or None when nobody wrote it down yet."""
    kind = record_kind(route)
    if kind is not None:
        field = RESOURCES[kind].title_field
        if kind not in world.ids:  # a kind whose sample body the world could not satisfy
            world.ids[kind] = _post(world, f"/{kind}", MADE_BY_HAND[kind](world))["id"]
        first, second = CHANGES.get(kind, ({field: f"First {kind}"}, {field: f"Second {kind}"}))
        return Case(f"{W}/{kind}/{world.ids[kind]}", first, second)
    build = CASES.get(route.path)
    return None if build is None else build(world)
