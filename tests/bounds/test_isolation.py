"""Every API route, from the route table, as people who must not see or change the victim's
workspace: anonymous, a member of another workspace, and (for writes) a viewer.

Paths are filled with the victim's real objects. The answer must be 401, 403 or 404 and
never contain the victim's data (every victim text holds `SECRET`).
"""

from __future__ import annotations

from fastapi.routing import APIRoute

from tests.bounds.routes import api_routes
from tests.bounds.world import SECRET, World

# Answer without a token: email and password, or a link's secret, instead.
OPEN_ROUTES = {("POST", "/tokens"), ("POST", "/password-reset"),
               ("POST", "/password-reset/confirm"), ("POST", "/invitations/accept")}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# POST routes that only read (their question is too big for a query string).
READ_POSTS = {("POST", "/workspaces/{workspace}/customers/summary")}


def _calls(world: World, route: APIRoute) -> list[tuple[str, str]]:
    return [(method, world.path_for(route)) for method in sorted(route.methods)]


def _send(world: World, method: str, path: str, route: APIRoute,
          headers: dict[str, str]) -> tuple[int, str]:
    response = world.client.request(method, path, params=world.query_for(route),
                                    json=world.body_for(route), headers=headers)
    return response.status_code, response.text


def test_routes_refuse_anonymous_callers(world: World) -> None:
    problems = []
    checked = 0
    for route in api_routes():
        for method, path in _calls(world, route):
            if (method, route.path) in OPEN_ROUTES:
                continue
            status, text = _send(world, method, path, route, {})
            checked += 1
            if status != 401 or SECRET in text:
                problems.append(f"{method} {path}: {status} {text[:120]}")
    print(f"isolation, anonymous: {checked} requests")
    assert checked >= 70
    assert not problems, "\n".join(problems)


def test_routes_hide_the_workspace_from_members_of_another(world: World) -> None:
    problems = []
    for route in api_routes():
        for method, path in _calls(world, route):
            if (method, route.path) in OPEN_ROUTES:
                continue
            status, text = _send(world, method, path, route, world.outsider)
            scoped = "{workspace}" in route.path or "{token_id}" in route.path
            if SECRET in text or (scoped and status not in (403, 404)):
                problems.append(f"{method} {path}: {status} {text[:120]}")
    assert not problems, "\n".join(problems)


def test_viewers_cannot_write(world: World) -> None:
    problems = []
    checked = 0
    for route in api_routes():
        for method, path in _calls(world, route):
            if method not in WRITES or "{workspace}" not in route.path \
                    or (method, route.path) in READ_POSTS:
                continue
            status, text = _send(world, method, path, route, world.viewer)
            checked += 1
            if status not in (403, 404):
                problems.append(f"{method} {path}: {status} {text[:120]}")
    print(f"isolation, viewer writes: {checked} requests")
    assert checked >= 25
    assert not problems, "\n".join(problems)
