"""Which tables make up a workspace, for export and import (the file's version 2).

Table-driven: every table with a `workspace_id` column, and every table without one that
hangs off such a table by a foreign key (evidence tags, a requirement's personas), travels
unless `EXCLUDED` names it with the reason. A new feature's tables therefore travel without
anyone remembering them; a test fails when a table is neither travelling nor excluded, or when
a column may hold ids that no foreign key declares and `EMBEDDED` / `PLAIN_IDS` do not say
what they are.

For each table this module knows its columns, its foreign keys (rewritten to the new ids on
import), its references to user accounts (mapped by e-mail on import), and the ids kept inside
other columns (`EMBEDDED`: a theme's quotes, a canvas's proof, a workshop decision's people).
"""

from __future__ import annotations

import json
import math
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from tandem.storage.base import Base

# Tables that do not travel, each with the reason.
EXCLUDED: dict[str, str] = {
    "workspaces": "the import makes a new workspace (its name and slug travel in the header)",
    "memberships": "accounts belong to an instance; the importer owns the new workspace",
    "invitations": "single-use links sent from the exporting instance",
    "jobs": "background work of the exporting instance",
    "events": "the exporting instance's history and outbox (already delivered there)",
    "search_documents": "derived: rebuilt from the objects at the end of the import",
    "embeddings": "derived: vectors are recomputed by the evidence.embed job after import",
    "vector_generations": "bookkeeping of the vectors, recomputed with them",
    "vector_changes": "bookkeeping of the vectors, recomputed with them",
    "duplicate_scans": "bookkeeping of the duplicate scan over the vectors, rerun with them",
    "roadmap_shares": "secret links to a public roadmap: a copy must not open with the "
                      "original's links (their hashes are unique per instance); share anew",
}

# Skipped in every row: the workspace is the new one, row_version counts saves in this
# database (an imported copy starts again at 1).
SKIPPED = frozenset({"workspace_id", "row_version"})

USERS = "users"


def _id_list(rewrite: Callable[[int], int | None], value: Any) -> Any:
    """A JSON list of ids."""
    if not isinstance(value, list):
        return value
    return [rewrite(v) if _is_id(v) else v for v in value]


def _comma_ids(rewrite: Callable[[int], int | None], value: Any) -> Any:
    """"3,4,9": ids in a text column."""
    if not isinstance(value, str) or not value:
        return value
    parts = [p.strip() for p in value.split(",")]
    return ",".join(str(rewrite(int(p))) if p.isascii() and p.isdigit() else p for p in parts)


def _citations(rewrite: Callable[[int], int | None], value: Any) -> Any:
    """[{"evidence_id": 3, "quote": ...}, ...] (a requirement's problem citations)."""
    if not isinstance(value, list):
        return value
    return [{**c, "evidence_id": rewrite(c["evidence_id"])}
            if isinstance(c, dict) and _is_id(c.get("evidence_id")) else c for c in value]


def _canvas(rewrite: Callable[[int], int | None], value: Any) -> Any:
    """A positioning canvas (draft or version): attributes[].evidence_ids."""
    if not isinstance(value, dict) or not isinstance(value.get("attributes"), list):
        return value
    attributes = [{**a, "evidence_ids": _id_list(rewrite, a["evidence_ids"])}
                  if isinstance(a, dict) and "evidence_ids" in a else a
                  for a in value["attributes"]]
    return {**value, "attributes": attributes}


def _one_id(rewrite: Callable[[int], int | None], value: Any) -> Any:
    return rewrite(value) if _is_id(value) else value


Rewrite = Callable[[Callable[[int], int | None], Any], Any]


@dataclass(frozen=True)
class Embedded:
    """Ids kept inside a column that no foreign key declares."""

    target: str  # the table they are ids of
    rewrite: Rewrite  # given old id -> new id, the column's value with its ids replaced


# Ids inside columns, rewritten on import like foreign keys. An id whose object did not
# travel (deleted before the export) stays as it was, as in the exporting workspace.
EMBEDDED: dict[tuple[str, str], Embedded] = {
    ("themes", "quote_ids"): Embedded("evidence", _id_list),
    ("requirements", "problem_citations"): Embedded("evidence", _citations),
    ("positioning_canvases", "draft"): Embedded("evidence", _canvas),
    ("positioning_versions", "content"): Embedded("evidence", _canvas),
    ("messaging_proof_points", "cited_evidence_id"): Embedded("evidence", _one_id),
    ("workshop_decisions", "responsible_ids"): Embedded("people", _comma_ids),
}
# Columns that look as if they held ids (or are free JSON) but hold none that the import
# should rewrite, with the reason.
PLAIN_IDS: dict[tuple[str, str], str] = {
    ("evidence_merges", "merged_id"): "the id a merged-away evidence had; the row is gone",
    ("evidence_merges", "snapshot"): "a copy of merged-away evidence, kept as it was",
    ("themes", "centroid"): "a vector",
    ("requirements", "stories"): "text",
    ("requirements", "non_goals"): "text",
    ("requirements", "metrics"): "text and numbers",
    ("personas", "goals"): "text",
    ("personas", "pains"): "text",
    ("personas", "jobs"): "text",
    ("personas", "objections"): "text",
    ("personas", "channels"): "text",
    ("personas", "buying_roles"): "text",
    ("segments", "criteria"): "text and numbers",
    ("sizing_models", "tier_names"): "text",
    ("sizing_models", "inputs"): "named numbers",
    ("pricing_surveys", "mapping"): "column names",
}


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _owner_table(table: Table) -> Table | None:
    """The workspace table a table without workspace_id hangs off (None: not a workspace's)."""
    for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
        target = fk.column.table
        if "workspace_id" in target.c and target.name not in EXCLUDED:
            return target
    return None


def workspace_tables() -> list[Table]:
    """Every table that belongs to a workspace (travelling or not), in metadata order."""
    return [t for t in Base.metadata.sorted_tables
            if t.name != "workspaces" and ("workspace_id" in t.c or _owner_table(t) is not None)]


@dataclass(frozen=True)
class Ref:
    """A column holding ids of `target` (a foreign key or an `Embedded`)."""

    column: str
    target: str
    embedded: Embedded | None = None
    nullable: bool = True


@dataclass(frozen=True)
class Spec:
    """How one travelling table is written and read."""

    table: Table
    columns: tuple[str, ...]  # in the file, in table order
    refs: tuple[Ref, ...]  # to other travelling tables (or the same one)
    users: tuple[str, ...]  # columns holding a user account's id
    deferred: frozenset[str]  # refs written in a second pass (their rows come later)
    parent: str | None  # for a table without workspace_id: the column naming its owner row

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def has_id(self) -> bool:
        return "id" in self.table.c and self.table.c.id.primary_key

    def ref(self, column: str) -> Ref | None:
        return next((r for r in self.refs if r.column == column), None)


def _refs(table: Table) -> list[Ref]:
    refs = []
    for column in table.c:
        if column.name in SKIPPED:
            continue
        for fk in column.foreign_keys:
            target = fk.column.table.name
            if target != USERS:
                refs.append(Ref(column.name, target, None, bool(column.nullable)))
        embedded = EMBEDDED.get((table.name, column.name))
        if embedded is not None:
            refs.append(Ref(column.name, embedded.target, embedded, True))
    return refs


@cache
def specs() -> tuple[Spec, ...]:
    """The travelling tables, each after the tables it refers to."""
    return build([t for t in workspace_tables() if t.name not in EXCLUDED])


def build(tables: list[Table]) -> tuple[Spec, ...]:
    """`tables` in an order where each comes after those it refers to. A reference to a
    table not yet placed (itself, or a cycle, broken at a nullable reference) is deferred:
    written as null first and set once every row exists."""
    refs = {t.name: _refs(t) for t in tables}
    pending = list(tables)
    placed: list[str] = []
    while pending:
        ready = next((t for t in pending
                      if all(r.target in placed or r.target == t.name for r in refs[t.name])),
                     None)
        if ready is None:  # a cycle: place a table whose unmet references may wait
            ready = next((t for t in pending
                          if all(r.nullable for r in refs[t.name] if r.target not in placed)),
                          None)
        if ready is None:
            raise RuntimeError(f"References between {[t.name for t in pending]} form a "
                               "cycle of required columns.")
        placed.append(ready.name)
        pending.remove(ready)
    by_name = {t.name: t for t in tables}
    out = []
    for position, name in enumerate(placed):
        table = by_name[name]
        before = set(placed[:position])
        owner = _owner_table(table) if "workspace_id" not in table.c else None
        parent = None
        if owner is not None:
            parent = next(c.name for c in table.c
                          if any(fk.column.table is owner for fk in c.foreign_keys))
        out.append(Spec(
            table=table,
            columns=tuple(c.name for c in table.c if c.name not in SKIPPED),
            refs=tuple(refs[name]),
            users=tuple(c.name for c in table.c
                        if any(fk.column.table.name == USERS for fk in c.foreign_keys)),
            deferred=frozenset(r.column for r in refs[name] if r.target not in before),
            parent=parent))
    return tuple(out)


def spec(name: str) -> Spec | None:
    return next((s for s in specs() if s.name == name), None)


# --- values ---------------------------------------------------------------------------------


def to_json(column: Column[Any], value: Any) -> Any:
    """A column's value as it is written in the file."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


INT32 = 2**31 - 1
INT64 = 2**63 - 1


def from_json(column: Column[Any], value: Any) -> Any:
    """A value from the file, checked against its column; ValueError says what is wrong."""
    if value is None:
        if not column.nullable and column.default is None and column.server_default is None:
            raise ValueError("must have a value")
        return None
    kind = column.type
    if isinstance(kind, JSON):
        json.dumps(value)  # came from JSON, so it is JSON
        return value
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if isinstance(kind, Integer):  # BigInteger too
        limit = INT64 if isinstance(kind, BigInteger) else INT32
        if not _is_id(value) or not -limit - 1 <= value <= limit:
            raise ValueError("must be a whole number in range")
        return value
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value):
            raise ValueError("must be a finite number")
        return float(value)
    if isinstance(kind, DateTime) or isinstance(getattr(kind, "impl", None), DateTime):
        return _datetime(value)
    if isinstance(kind, Date):
        if not isinstance(value, str):
            raise ValueError("must be a date (YYYY-MM-DD)")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a date (YYYY-MM-DD)") from None
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            raise ValueError("must be text")
        if "\x00" in value:
            raise ValueError("must not contain NUL characters")
        length = getattr(kind, "length", None)
        if length is not None and len(value) > length:
            raise ValueError(f"must be at most {length} characters")
        return value
    raise ValueError(f"cannot be imported ({type(kind).__name__})")


def _datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("must be a date and time (ISO 8601)")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be a date and time (ISO 8601)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@cache
def _hints(table: str) -> dict[str, Any]:
    """The mapped class's annotations for its columns (Mapped[X] -> X)."""
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table:
            hints = typing.get_type_hints(mapper.class_)
            return {name: typing.get_args(hint)[0] for name, hint in hints.items()
                    if typing.get_origin(hint) is not None and typing.get_args(hint)}
    return {}


@cache
def json_shape(table: str, column: str) -> TypeAdapter[Any] | None:
    """What a JSON column holds, from its model's annotation (`Mapped[list[str]]`), so an
    import refuses a list where the pages expect text; None when the model does not say."""
    hint = _hints(table).get(column)
    return None if hint is None else TypeAdapter(hint)


def unique_keys(table: Table) -> list[tuple[str, ...]]:
    """The table's unique column sets, without workspace_id (every row shares it)."""
    keys = []
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            keys.append(tuple(c.name for c in constraint.columns if c.name != "workspace_id"))
    for index in table.indexes:
        if index.unique and all(isinstance(e, Column) for e in index.expressions):
            keys.append(tuple(c.name for c in index.columns if c.name != "workspace_id"))
    if not ("id" in table.c and table.c.id.primary_key):
        keys.append(tuple(c.name for c in table.primary_key.columns
                          if c.name != "workspace_id"))
    return [k for k in keys if k]


def counts(tables: Mapping[str, list[Any]]) -> dict[str, int]:
    return {name: len(rows) for name, rows in tables.items()}
