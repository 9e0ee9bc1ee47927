"""A hostile-input corpus through every field of every API route, from the route table.

Each body field, query parameter and path parameter of every route gets, one at a time, NUL
and other control characters, lone surrogates, overlong text, huge and negative numbers,
digits that are not ASCII and values of the wrong type; each body also arrives as invalid
UTF-8 and as broken JSON. Every answer must be a 4xx (or a success, for values a route may
accept, such as a long search term being cut), never a 5xx; where the value must be refused
(control characters, overlong text, numbers beyond the columns) the answer is 422 and names
the field. Runs as the workspace owner, so refusals come from validation, not the policy.
"""

from __future__ import annotations

import itertools
import json
import os
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute

from tandem.registry import RESOURCES
from tests.bounds.routes import api_routes, body_model
from tests.bounds.world import World

HUGE = 2**63
# `make test` tries one value of each class (FULL is off); `make fuzz` tries every value.
FULL = int(os.environ.get("TANDEM_FUZZ_EXAMPLES", "3")) > 4
PARTS = 3  # the routes are split over this many tests, so parallel workers share them
# value -> whether it must be refused with 422 naming the field
STRING_CASES: list[tuple[Any, bool]] = [
    ("nul\x00inside", True), ("escape\x1b[31m", True), ("bell\x07", True), ("del\x7f", True),
    ("c1\x85inside", True), ("lone\ud800surrogate", True), ("x" * 100_001, True),
    (12345, False), ({"a": 1}, False), (["a"], False), (None, False), (True, False),
]
INT_CASES: list[tuple[Any, bool]] = [
    (HUGE, True), (-HUGE, True), (10**30, True), (2**31, True),
    ("\u00b2", False), ("12", False), (1.5, False), ("x" * 1000, False), ({}, False),
    (None, False), (-1, False), (0, False),
]
PARAM_CASES = ["\x00", "a\x1bb", "x" * 50_000, "99999999999999999999999", str(2**31),
               "\u00b2", "-1", "0", "", "%", "' OR 1=1 --", "\u202e"]
REFUSED_PARAMS = {"\x00", "a\x1bb"}
RAW_BODIES = [b'{"text": "\xff\xfe"}', b'{"unclosed": ', b"[]", b"null", b"\x00"]
if not FULL:  # one of each class: a control character, a lone surrogate or C1, overlong
    # text, an overflowing or non-ASCII number, the wrong type, nothing at all
    STRING_CASES = [STRING_CASES[i] for i in (0, 4, 5, 6, 7, 8, 10)]
    INT_CASES = [INT_CASES[i] for i in (0, 3, 4, 6, 9)]
    PARAM_CASES = [PARAM_CASES[i] for i in (0, 2, 3, 5, 8, 10)]
# `make test` gives each field the first value of its list (a control character or an
# overflowing number, which must be refused by name) and SAMPLED more, taken in turn from the
# rest so that every value still meets many fields of many routes; `make fuzz` gives each
# field every value.
SAMPLED = 2
_turn = itertools.count()


def _cases(cases: list[Any]) -> list[Any]:
    """The values one field gets: all of them under `make fuzz`, else a rotating sample."""
    if FULL or len(cases) <= 1 + SAMPLED:
        return cases
    start = next(_turn)
    rest = cases[1:]
    return [cases[0], *(rest[(start + i) % len(rest)] for i in range(SAMPLED))]


def _kind(annotation: Any) -> str:
    text = str(annotation)
    if "int" in text and "str" not in text:
        return "int"
    return "str"


def _send(world: World, route: APIRoute, method: str, *, path: str | None = None,
          params: dict[str, str] | None = None, body: Any = None,
          raw: bytes | None = None) -> tuple[int, dict[str, Any] | None, str]:
    headers = dict(world.owner)
    kwargs: dict[str, Any] = {}
    if raw is not None:
        kwargs["content"] = raw
        headers["Content-Type"] = "application/json"
    elif body is not None:
        kwargs["content"] = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    response = world.client.request(method, path or world.path_for(route),
                                    params=params if params is not None else world.query_for(route),
                                    headers=headers, **kwargs)
    try:
        payload = response.json()
    except ValueError:
        payload = None
    return response.status_code, payload, response.text[:200]


def _field(payload: dict[str, Any] | None) -> str | None:
    if not isinstance(payload, dict) or not isinstance(payload.get("error"), dict):
        return None
    field = payload["error"].get("field")
    return field if isinstance(field, str) else None


def _check(problems: list[str], what: str, status: int, payload: Any, text: str,
           must_refuse: bool, field: str) -> None:
    if status >= 500:
        problems.append(f"{what}: {status} {text}")
    elif must_refuse and (status != 422 or (_field(payload) or "").split(".")[0] != field):
        problems.append(f"{what}: expected 422 naming {field}, got {status} {text}")


def _body_cases(world: World, route: APIRoute, method: str, problems: list[str]) -> int:
    model = body_model(route)
    base = world.body_for(route)
    if base is None:
        return 0
    tried = 0
    for raw in _cases(RAW_BODIES):
        status, payload, text = _send(world, route, method, raw=raw)
        tried += 1
        if status >= 500 or status < 400:
            problems.append(f"{method} {route.path} raw {raw!r}: {status} {text}")
    fields = getattr(model, "model_fields", {})
    for name, info in fields.items():
        cases = INT_CASES if _kind(info.annotation) == "int" else STRING_CASES
        for value, must_refuse in _cases(cases):
            status, payload, text = _send(world, route, method, body={**base, name: value})
            tried += 1
            _check(problems, f"{method} {route.path} {name}={str(value)[:30]!r}", status,
                   payload, text, must_refuse, name)
    return tried


def _param_cases(world: World, route: APIRoute, method: str, problems: list[str]) -> int:
    tried = 0
    base_params = world.query_for(route)
    names = [p.name for p in route.dependant.query_params]
    kind = next((part for part in route.path.split("/") if part in RESOURCES), None)
    if kind is not None and route.path.endswith(kind) and method == "GET":
        names += list(RESOURCES[kind].filters)  # list filters arrive as extra parameters
    body = world.body_for(route)
    for name in names:
        for value in _cases(PARAM_CASES):
            status, payload, text = _send(world, route, method, body=body,
                                          params={**base_params, name: value})
            tried += 1
            _check(problems, f"{method} {route.path}?{name}={value[:20]!r}", status, payload,
                   text, value in REFUSED_PARAMS, name)
    for param in route.dependant.path_params:
        for value in _cases(PARAM_CASES):
            if not value or value == "%":
                continue  # an empty segment is another route; a bare % is not a URL
            path = route.path
            filled = world.path_for(route).split("/")
            template = path.split("/")
            for index, part in enumerate(template):
                if "{" + param.name + "}" in part:  # a whole segment, or part of one (chart.{fmt})
                    before, after = part.split("{" + param.name + "}")
                    filled[index] = before + quote(value, safe="") + after
            status, payload, text = _send(world, route, method, path="/".join(filled),
                                          body=body)
            tried += 1
            _check(problems, f"{method} {route.path} {param.name}={value[:20]!r}", status,
                   payload, text, value in REFUSED_PARAMS, param.name)
    return tried


@pytest.mark.parametrize("part", range(PARTS))
def test_hostile_input_through_every_field_of_every_route(world: World, part: int) -> None:
    problems: list[str] = []
    tried = 0
    routes = 0
    for route in api_routes()[part::PARTS]:
        for method in sorted(route.methods):
            routes += 1
            tried += _body_cases(world, route, method, problems)
            tried += _param_cases(world, route, method, problems)
    print(f"hostile input, part {part}: {routes} operations, {tried} cases")  # for the docs
    assert routes >= 70 // PARTS and tried >= 500, (routes, tried)
    assert not problems, f"{len(problems)} of {tried} cases failed:\n" + "\n".join(problems[:60])
