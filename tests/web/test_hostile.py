"""Hostile input through every web page and form, from the web's route table: control
characters, overlong text, huge and non-ASCII numbers in query parameters and form fields.
Never a 5xx; control characters always a 422 (they are refused before anything reads them).
Runs on both engines.
"""

from __future__ import annotations

import os
import re

from fastapi.routing import APIRoute, iter_route_contexts

from tandem.registry import RESOURCES
from tandem.runtime import Runtime
from tandem.server import create_app
from tests.web.conftest import Browser
from tests.web.engines import rt_on_both_engines  # noqa: F401 - `rt` on both engines

VALUES = ["nul\x00", "esc\x1b[0m", "x" * 20_000, "99999999999999999999999", "\u00b2", "-1"]
REFUSED = {"nul\x00", "esc\x1b[0m"}
FULL = int(os.environ.get("TANDEM_FUZZ_EXAMPLES", "3")) > 4  # `make fuzz`
QUERY = ["q", "offset", "limit", "kind", "verb", "object_id", "status", "next", "tag",
         "opportunity_id", "segment_id", "horizon", "linked"]
FORM = ["email", "password", "name", "title", "text", "workspace", "role", "slug", "horizon",
        "to_id", "to_type", "importance", "opportunity_id", "tags", "received_on", "q"]


def _query_sets(value: str) -> list[list[str]]:
    """`make fuzz` sends each query parameter alone; `make test` sends them all at once
    (pages read each parameter on its own, so one bad value cannot hide another's 5xx),
    except overlong text, which would make the URL longer than a client sends."""
    return [[name] for name in QUERY] if FULL or len(value) > 1000 else [QUERY]


def _routes(rt: Runtime) -> list[tuple[str, str]]:
    app = create_app(rt)
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and not route.path.startswith(("/static", "/signout")):
            for method in sorted(route.methods):
                found.append((method, route.path))
    return found


def _fill(path: str) -> str:
    values = {"slug": "acme", "kind": "evidence", "item_id": "1", "release_id": "1",
              "job_id": "1", "token_id": "1"}
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: values.get(m.group(1), "1"), path)


def test_hostile_queries_and_forms_on_every_page(signed_in: Browser, rt: Runtime) -> None:
    signed_in.post("/w/acme/evidence", {"text": "Something to show"})
    signed_in.post("/w/acme/releases", {"name": "Something to move"})
    problems: list[str] = []
    tried = 0
    routes = _routes(rt)
    kinds = sorted(RESOURCES)
    for method, path in routes + [("GET", f"/w/{{slug}}/{k}") for k in kinds]:
        url = _fill(path)
        for value in VALUES:
            if method == "GET":
                for names in _query_sets(value):
                    answer = signed_in.get(url, params={name: value for name in names})
                    tried += 1
                    if answer.status_code >= 500 or (value in REFUSED
                                                     and answer.status_code != 422):
                        problems.append(f"GET {url}?{','.join(names)}={value[:12]!r}: "
                                        f"{answer.status_code}")
            else:
                answer = signed_in.post(url, {name: value for name in FORM})
                tried += 1
                if answer.status_code >= 500 or (value in REFUSED
                                                 and answer.status_code != 422):
                    problems.append(f"POST {url} {value[:12]!r}: {answer.status_code}")
    assert signed_in.get("/w/acme").status_code == 200  # still signed in: every page was tried
    print(f"web hostile input: {len(routes)} routes, {tried} requests")
    assert len(routes) >= 35 and tried >= 500
    assert not problems, "\n".join(problems[:40])
