"""Every API route that takes If-Match, from the route table: a stale version never writes.

Each route whose dependencies read an `If-Match` header is called as the owner, with paths
filled from the world's real objects and a version no object has. The answer must be 412
(code `stale`) where the object exists, or a 4xx the route gives before any version is known
(404 for an object this world does not have, 422 for a body the sample cannot satisfy), and
never 2xx or 5xx; afterwards every object of the world is still there, unchanged in version.
Single-object GETs of every record kind answer with the version as ETag.
"""

from __future__ import annotations

from typing import Any

from fastapi.routing import APIRoute

from tests.bounds.routes import api_routes
from tests.bounds.world import World

STALE = '"999999"'


def _headers(dependant: Any) -> list[str]:
    """The header names a route's dependencies read, sub-dependencies included."""
    found = [(p.field_info.alias or p.name).lower() for p in dependant.header_params]
    for sub in dependant.dependencies:
        found += _headers(sub)
    return found


def _takes_if_match(route: APIRoute) -> bool:
    return "if-match" in _headers(route.dependant)


def test_stale_if_match_never_writes(world: World) -> None:
    routes = [r for r in api_routes() if _takes_if_match(r)]
    before = {kind: world.client.get(f"/workspaces/acme/{kind}/{obj_id}",
                                     headers=world.owner).headers.get("ETag")
              for kind, obj_id in world.ids.items()}
    problems, refused = [], 0
    for route in routes:
        for method in sorted(route.methods):
            path = world.path_for(route)
            answer = world.client.request(method, path, params=world.query_for(route),
                                          json=world.body_for(route),
                                          headers={**world.owner, "If-Match": STALE})
            if answer.status_code == 412:
                refused += 1
                if answer.json()["error"]["code"] != "stale" or "ETag" not in answer.headers:
                    problems.append(f"{method} {path}: 412 without code or ETag")
            elif not 400 <= answer.status_code < 500:
                problems.append(f"{method} {path}: {answer.status_code} {answer.text[:120]}")
    print(f"versions: {len(routes)} routes take If-Match, {refused} refused as stale")
    assert len(routes) >= 2 * len(world.ids), "the record routes' PATCH and DELETE"
    assert refused >= 2 * len(world.ids)
    assert not problems, "\n".join(problems)
    after = {kind: world.client.get(f"/workspaces/acme/{kind}/{obj_id}",
                                    headers=world.owner).headers.get("ETag")
             for kind, obj_id in world.ids.items()}
    assert after == before and all(tag == '"1"' for tag in after.values()), after
