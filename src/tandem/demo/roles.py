"""The demo's people and their RACI letters: each name in the demo assignments becomes a
person record holding the roles their letters name, and the work tied to one lifecycle
phase says which."""

from __future__ import annotations

from tandem.demo import content
from tandem.roles.assignment import PersonCreate, assignments, people
from tandem.scope import Scope

# Every demo assignment names the lifecycle phase its work belongs to.
PHASE_OF = {"Market problems": "discovery", "Product roadmap": "definition",
            "Pricing": "definition", "Positioning": "definition",
            "Requirements": "development", "Launch": "launch", "Sales tools": "launch",
            "Win/loss analysis": "growth"}


def load_roles(scope: Scope) -> None:
    titles: dict[str, list[str]] = {}
    for seed in content.ASSIGNMENTS:
        held = titles.setdefault(seed["person"], [])
        if seed["role"] not in held:
            held.append(seed["role"])
    ids = {name: people.create(scope, PersonCreate(name=name, roles=", ".join(roles))).id
           for name, roles in titles.items()}
    for seed in content.ASSIGNMENTS:
        assignments.create(scope, assignments.create_schema.model_validate({
            "activity": seed["activity"], "person_id": ids[seed["person"]],
            "role": seed["role"], "raci": seed["raci"],
            "phase": PHASE_OF.get(seed["activity"])}))
