"""The API's route table, for tests generated from it (a new route is covered by itself)."""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from fastapi.routing import APIRoute, iter_route_contexts

from tandem.api.app import create_api
from tandem.runtime import Runtime


@cache
def api_routes() -> tuple[APIRoute, ...]:
    """Every documented API route (the app is built without a database: routes only)."""
    app = create_api(cast(Runtime, None))
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and route.include_in_schema:
            found.append(route)
    return tuple(found)


def body_model(route: APIRoute) -> Any:
    body = route.body_field
    return None if body is None else body.field_info.annotation
