"""Every API route that takes If-Match, from the route table: a stale version never writes.

Each route whose dependencies read an `If-Match` header is called as the owner, with paths
filled from the world's real objects and a version no object has. The answer must be 412
(code `stale`) where the object exists, or a 4xx the route gives before any version is known
(404 for an object this world does not have, 422 for a body the sample cannot satisfy), and
never 2xx or 5xx; afterwards every object of the world is still there, unchanged in version.
Single-object GETs of every record kind answer with the version as ETag.

Every update route (PUT or PATCH) of the route table must take If-Match and document its
412; each is then called for real (`updates.py` says how): a write, a second write from a
fresh read, a third from the stale read, which must get 412 and change nothing. Every
DELETE takes If-Match too, unless it removes something nobody edits (listed with why).
"""

from __future__ import annotations

from typing import Any

from fastapi.routing import APIRoute

from tests.bounds.routes import api_routes
from tests.bounds.updates import case_for
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


UPDATES = ("PUT", "PATCH")
# Update routes that need not honour If-Match, each with the reason (none today).
EXEMPT: dict[str, str] = {}


def _updates() -> list[tuple[str, APIRoute]]:
    return [(method, route) for route in api_routes() for method in sorted(route.methods)
            if method in UPDATES and route.path not in EXEMPT]


def test_every_update_route_takes_if_match_and_documents_412() -> None:
    routes = _updates()
    assert len(routes) >= 30, "the route table lost its update routes"
    missing = [f"{m} {r.path}" for m, r in routes
               if not _takes_if_match(r) or 412 not in r.responses]
    assert not missing, ("update routes without If-Match (IfMatch from api/versions.py) or "
                         "without responses=STALE_RESPONSES:\n" + "\n".join(missing))


def _send(world: World, method: str, url: str, body: dict[str, Any],
          tag: str | None = None) -> Any:
    headers = {**world.owner, **({"If-Match": tag} if tag else {})}
    return world.client.request(method, url, json=body, headers=headers)


def test_every_update_route_refuses_a_stale_if_match(world: World) -> None:
    problems: list[str] = []
    for method, route in _updates():
        case = case_for(world, route)
        if case is None:
            problems.append(f"{method} {route.path}: no case in tests/bounds/updates.py")
            continue

        first = _send(world, method, case.url, case.first)
        fresh = _send(world, method, case.url, case.second, first.headers.get("ETag"))
        stale = _send(world, method, case.url, case.first, first.headers.get("ETag"))
        again = _send(world, method, case.url, case.second, fresh.headers.get("ETag"))
        where = f"{method} {route.path}"
        if first.status_code >= 300 or "ETag" not in first.headers:
            problems.append(f"{where}: first write {first.status_code} {first.text[:150]}")
        elif fresh.status_code >= 300 or fresh.headers.get("ETag") == first.headers["ETag"]:
            problems.append(f"{where}: a write from a fresh read got {fresh.status_code} "
                            f"{fresh.headers.get('ETag')} {fresh.text[:150]}")
        elif stale.status_code != 412 or stale.json()["error"]["code"] != "stale":
            problems.append(f"{where}: a stale If-Match got {stale.status_code}")
        elif stale.headers.get("ETag") != fresh.headers["ETag"]:
            problems.append(f"{where}: 412 without the current ETag")
        elif again.status_code >= 300:  # the stale write left the version as it was
            problems.append(f"{where}: the stale write changed something "
                            f"({again.status_code} {again.text[:150]})")
    assert not problems, "\n".join(problems)


# DELETE routes that take no If-Match: what they remove has no version that could move.
DELETE_EXEMPT: dict[str, str] = {
    "/tokens/{token_id}": "a token is never edited",
    "/workspaces/{workspace}/members": "a membership is a pair; its role has its own route",
    "/workspaces/{workspace}/invitations/{invitation_id}": "an invitation is never edited",
    "/workspaces/{workspace}/roadmap/shares/{share_id}": "a share link is never edited",
    "/workspaces/{workspace}/initiatives/{initiative_id}/items/{kind}/{object_id}":
        "an initiative item is a pair",
    "/workspaces/{workspace}/competitors/{competitor_id}/aliases": "an alias is a name",
    "/workspaces/{workspace}/competitors/{competitor_id}/changes/{change_id}":
        "a timeline change is never edited",
    "/workspaces/{workspace}/links": "a link is a pair",
}


def test_every_delete_route_takes_if_match_or_says_why_not() -> None:
    routes = [r for r in api_routes() if "DELETE" in r.methods]
    missing = [r.path for r in routes if r.path not in DELETE_EXEMPT
               and (not _takes_if_match(r) or 412 not in r.responses)]
    assert not missing, ("DELETE routes without If-Match and STALE_RESPONSES, and not in "
                         "DELETE_EXEMPT:\n" + "\n".join(missing))
    assert set(DELETE_EXEMPT) <= {r.path for r in routes}, "an exempt route is gone"
