"""Schemas agree with their columns, for every field of every request shape.

Generated: every resource's Create schema against its table, and every request body the API
route table takes (`Strict` shapes that name their table in `stored_in`) against theirs. A new
kind or route is checked without anyone listing it here.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, get_args

import pytest
from pydantic import BaseModel
from sqlalchemy import JSON, BigInteger, Integer, String, Table, Text

from tandem.registry import RESOURCES
from tandem.schema import MAX_INT, MIN_INT, Strict
from tests.bounds.routes import api_routes, body_model


def prop(schema: type[BaseModel], field: str) -> dict[str, Any]:
    """The field's JSON schema (what pydantic enforces), the non-null branch of a union."""
    found: dict[str, Any] = schema.model_json_schema()["properties"][field]
    for branch in found.get("anyOf", []):
        if branch.get("type") != "null":
            return {**found, **branch}
    return found


def max_length(schema: type[BaseModel], field: str) -> int | None:
    value = prop(schema, field).get("maxLength")
    return None if value is None else int(value)


def bounds(schema: type[BaseModel], field: str) -> tuple[Any, Any]:
    found = prop(schema, field)
    return found.get("minimum"), found.get("maximum")


def unbounded_strings(node: Any, path: str = "") -> list[str]:
    """Every string in a JSON schema with no maxLength (enums and formats are bounded)."""
    out: list[str] = []
    if isinstance(node, dict):
        if node.get("type") == "string" and "maxLength" not in node and "enum" not in node \
                and "format" not in node and "const" not in node:
            out.append(path)
        for key, value in node.items():
            out += unbounded_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += unbounded_strings(value, f"{path}[{index}]")
    return out


def inner(annotation: Any) -> Any:
    args = [a for a in get_args(annotation) if a is not type(None)]
    return args[0] if len(args) == 1 else annotation


def pairs() -> list[tuple[str, type[BaseModel], Table]]:
    out = []
    for res in RESOURCES.values():
        out.append((res.name, res.create_schema, res.model.__table__))  # type: ignore[attr-defined]
    for model in body_models():
        table = getattr(model, "stored_in", None)
        if table is not None:
            out.append((model.__name__, model, table.__table__))
    return out


def body_models() -> list[type[BaseModel]]:
    seen: dict[str, type[BaseModel]] = {}
    for route in api_routes():
        model = body_model(route)
        if isinstance(model, type) and issubclass(model, BaseModel):
            seen[model.__name__] = model
    return list(seen.values())


@pytest.mark.parametrize(("name", "schema", "table"), pairs(), ids=lambda v: str(v)[:40])
def test_string_lengths_equal_column_lengths(name: str, schema: type[BaseModel],
                                             table: Table) -> None:
    for field, info in schema.model_fields.items():
        column = table.c.get(field)
        if column is None or isinstance(column.type, JSON):
            continue  # a list kept as JSON: its items' bounds are checked with the bodies
        kind = inner(info.annotation)
        if isinstance(kind, type) and issubclass(kind, Enum):
            assert isinstance(column.type, String) and column.type.length
            longest = max(len(str(m.value)) for m in kind)
            assert longest <= column.type.length, f"{name}.{field}: {longest}"
        elif isinstance(column.type, String) and not isinstance(column.type, Text) \
                and column.type.length:
            assert max_length(schema, field) == column.type.length, (
                f"{name}.{field}: schema allows {max_length(schema, field)} characters, the column "
                f"{table.name}.{field} holds {column.type.length}")
        elif isinstance(column.type, String):  # Text: no length of its own, still bounded
            assert max_length(schema, field) is not None, f"{name}.{field} has no length bound"
        elif isinstance(column.type, Integer):
            low, high = bounds(schema, field)
            widest = 2**63 - 1 if isinstance(column.type, BigInteger) else MAX_INT
            assert high is not None and high <= widest, f"{name}.{field}: no upper bound"
            assert low is not None and low >= MIN_INT, f"{name}.{field}: no lower bound"


def test_every_request_body_is_strict_and_every_string_bounded() -> None:
    models = body_models()
    assert len(models) >= 5
    for model in models:
        assert issubclass(model, Strict), f"{model.__name__} does not derive from Strict"
        missing = unbounded_strings(model.model_json_schema())
        assert not missing, f"{model.__name__}: unbounded strings at {missing}"


def test_account_shapes_are_paired_with_their_tables() -> None:
    checked = {table.name for _, _, table in pairs()}
    assert {"users", "workspaces", "api_tokens"} <= checked
    assert len(checked) >= len(RESOURCES) + 3
