"""A populated workspace and the people around it, built through the API from its route table.

The victim workspace `acme` gets one object of every kind that has a create route (sample
bodies derived from each Create schema), a link and a background job; its owner, a viewer,
and an outsider who owns another workspace each get an API token. Request paths for any
route are filled from these real objects, so every route is exercised against real data.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel

from tandem.accounts import service as accounts
from tandem.accounts.models import Role
from tandem.registry import RESOURCES
from tandem.runtime import Runtime
from tests.bounds.routes import api_routes, body_model
from tests.conftest import PASSWORD

SECRET = "Zanzibar"  # in every text of the victim's objects: must never reach an outsider
VICTIM = "acme"
OUTSIDER_WS = "elsewhere"


def _plain(annotation: Any) -> Any:
    if get_origin(annotation) is Annotated:  # list items keep their constraints here
        return _plain(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if args else annotation
    return annotation


def sample_value(name: str, annotation: Any, marker: str = "Sample") -> Any:
    """A value the schema accepts for one field (pydantic-level only)."""
    kind = _plain(annotation)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return next(iter(kind)).value
    if kind is int:
        return 1
    if kind is float:
        return 1.0
    if kind is bool:
        return False
    if kind is date:
        return "2025-03-31"
    if get_origin(kind) is Literal:
        return get_args(kind)[0]
    if get_origin(kind) is list:
        return []
    if get_origin(kind) is dict:
        return {}
    if "email" in name:
        return "someone@example.com"
    return f"{marker} {name}"


def _fill(name: str, info: Any, marker: str) -> Any:
    """A field's sample, with as many list items as the field needs at least."""
    value = sample_value(name, info.annotation, marker)
    fewest = next((getattr(m, "min_length", None) for m in info.metadata
                   if getattr(m, "min_length", None)), None)
    if isinstance(value, list) and fewest:
        item = get_args(_plain(info.annotation))[0]
        if isinstance(item, type) and issubclass(item, BaseModel):
            return [sample_body(item, f"{marker} {i}") for i in range(fewest)]
        return [sample_value(name, item, f"{marker} {i}") for i in range(fewest)]
    return value


def sample_body(model: type[BaseModel], marker: str = "Sample") -> dict[str, Any]:
    """The required fields of `model`, each with a value it accepts."""
    return {name: _fill(name, info, marker)
            for name, info in model.model_fields.items() if info.is_required()}


@dataclass
class World:
    runtime: Runtime
    client: TestClient
    owner: dict[str, str]
    viewer: dict[str, str]
    outsider: dict[str, str]
    ids: dict[str, int] = field(default_factory=dict)
    job_id: int = 0
    token_id: int = 0
    skipped: list[str] = field(default_factory=list)

    def path_for(self, route: APIRoute, workspace: str = VICTIM) -> str:
        """The route's path with its parameters filled from the victim's real objects."""
        path = route.path
        kind = next((part for part in path.split("/") if part in self.ids), "evidence")
        values = {"workspace": workspace, "kind": kind, "item_id": str(self.ids.get(kind, 0)),
                  "job_id": str(self.job_id), "token_id": str(self.token_id)}
        for param in route.dependant.path_params:  # a choice such as chart.{fmt}
            choice = _plain(param.field_info.annotation)
            if get_origin(choice) is Literal:
                values[param.name] = str(get_args(choice)[0])
        # Parameters of routes this world knows nothing about get an id that may not exist.
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "1"), path)

    def query_for(self, route: APIRoute) -> dict[str, str]:
        """Values for the route's required query parameters."""
        params: dict[str, str] = {}
        for param in route.dependant.query_params:
            if not param.field_info.is_required():
                continue
            name = param.name
            if name.endswith("_id"):
                params[name] = str(self.ids["evidence" if name == "from_id" else "opportunities"])
            elif name == "from_type":
                params[name] = "evidence"
            elif name == "to_type":
                params[name] = "opportunities"
            elif name == "email":
                params[name] = "viewer@example.com"
            else:
                params[name] = SECRET
        return params

    def body_for(self, route: APIRoute, marker: str = "Sample") -> Any:
        model = body_model(route)
        if isinstance(model, type) and issubclass(model, BaseModel):
            return sample_body(model, marker)
        if model is bytes:  # a raw upload, such as a CSV file
            return f"name\n{marker}\n"
        return None if model is None else {}


def _token(runtime: Runtime, email: str, name: str) -> tuple[dict[str, str], int]:
    with runtime.session() as session:
        user = accounts.get_user_by_email(session, email)
        token, plain = accounts.create_token(session, user, name)
    return {"Authorization": f"Bearer {plain}"}, token.id


def build_world(runtime: Runtime, client: TestClient) -> World:
    with runtime.session() as session:
        owner = accounts.create_user(session, "owner@example.com", PASSWORD, f"{SECRET} Owner")
        victim = accounts.create_workspace(session, f"{SECRET} Inc", owner, VICTIM)
        viewer = accounts.create_user(session, "viewer@example.com", PASSWORD, "Vera Viewer")
        outsider = accounts.create_user(session, "out@example.com", PASSWORD, "Oscar Out")
        accounts.create_workspace(session, "Elsewhere", outsider, OUTSIDER_WS)
        session.add(accounts.Membership(workspace_id=victim.id, user_id=viewer.id,
                                        role=Role.viewer.value))
    owner_auth, token_id = _token(runtime, "owner@example.com", f"{SECRET} token")
    world = World(runtime, client, owner_auth,
                  _token(runtime, "viewer@example.com", "viewer")[0],
                  _token(runtime, "out@example.com", "outsider")[0], token_id=token_id)
    for kind in _creation_order():
        route = next(r for r in api_routes() if r.name == f"create_{kind}")
        body = world.body_for(route, SECRET)
        made = client.post(world.path_for(route), json=body, headers=owner_auth)
        if made.status_code == 201:
            world.ids[kind] = made.json()["id"]
        else:  # a kind whose rules a sample body cannot meet (e.g. a catalog entry first)
            assert made.status_code < 500, (kind, made.text)
            world.skipped.append(kind)
    assert len(world.ids) >= len(_creation_order()) - 2, world.skipped
    linked = client.post(f"/workspaces/{VICTIM}/links", headers=owner_auth, json={
        "from_type": "evidence", "from_id": world.ids["evidence"],
        "to_type": "opportunities", "to_id": world.ids["opportunities"]})
    assert linked.status_code == 201, linked.text
    job = client.post(f"/workspaces/{VICTIM}/search/reindex", headers=owner_auth)
    world.job_id = job.json()["id"]
    return world


def _creation_order() -> list[str]:
    return [name for name in RESOURCES
            if any(r.name == f"create_{name}" for r in api_routes())]
