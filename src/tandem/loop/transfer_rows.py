"""The workspace file's version 2: every travelling table (`loop.tables`), row by row.

Export: each table's rows in id order, every column but workspace_id and row_version
(timestamps are kept), and the e-mail of every user account a row refers to. Import: the
whole file is checked first (`plan_rows`: each value against its column, each reference
against the rows of the file, the unique keys across the file; errors name the place), then
written `BATCH` rows per transaction (`write_rows`) with new ids, every reference rewritten
to them, and user references mapped by e-mail to this instance's accounts (or left empty).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import JSON, Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from tandem.accounts.models import User
from tandem.crud import Resource
from tandem.errors import Conflict, Invalid
from tandem.loop.tables import (
    Spec,
    from_json,
    json_shape,
    specs,
    to_json,
    unique_keys,
    workspace_tables,
)
from tandem.registry import RESOURCES
from tandem.schema import Email, Name, ShortText, friendly_error
from tandem.scope import Scope
from tandem.storage.base import Base

VERSION = 2
BATCH = 500  # rows written per transaction

Progress = Callable[[int, int], None]


def _scoped(spec: Spec, workspace_id: int) -> Any:
    """The condition selecting the workspace's rows of a table."""
    table = spec.table
    if spec.parent is None:
        return table.c.workspace_id == workspace_id
    ref = spec.ref(spec.parent)
    owner = Base.metadata.tables[ref.target if ref is not None else ""]
    return table.c[spec.parent].in_(select(owner.c.id).where(owner.c.workspace_id ==
                                                             workspace_id))


def export_rows(scope: Scope) -> tuple[dict[str, str], dict[str, list[dict[str, Any]]]]:
    """Every travelling table's rows of the workspace, and the accounts they refer to."""
    session = scope.session
    tables: dict[str, list[dict[str, Any]]] = {}
    users: set[int] = set()
    for spec in specs():
        table = spec.table
        order = [table.c.id] if spec.has_id else list(table.primary_key.columns)
        rows = session.execute(select(*(table.c[c] for c in spec.columns))
                               .where(_scoped(spec, scope.workspace_id)).order_by(*order))
        out = []
        for row in rows:
            values = {c: to_json(table.c[c], v) for c, v in zip(spec.columns, row, strict=True)}
            users.update(values[c] for c in spec.users if values[c] is not None)
            out.append(values)
        tables[spec.name] = out
    emails = dict(session.execute(select(User.id, User.email).where(User.id.in_(users)))
                  .tuples().all()) if users else {}
    return {str(k): emails[k] for k in sorted(emails)}, tables


class Meta(BaseModel):
    name: Name = "Imported"
    slug: ShortText | None = None


class _RowsFile(BaseModel):
    """The envelope of a version-2 file; each row is checked later against its table."""

    workspace: Meta = Meta()
    users: dict[str, Email] = Field(default_factory=dict, max_length=100_000)
    tables: dict[str, list[dict[str, Any]]] = {}


@dataclass
class RowPlan:
    """A whole version-2 file, checked: what `write_rows` will create, in order."""

    name: str
    slug: str | None
    users: dict[int, str]  # the file's account ids -> e-mail
    tables: list[tuple[Spec, list[dict[str, Any]]]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(rows) for _, rows in self.tables)


def _where(path: str, exc: ValidationError) -> Invalid:
    first = exc.errors()[0]
    where = ".".join(p for p in [path, *(str(p) for p in first["loc"])] if p)
    return Invalid(friendly_error(first, where), where)


def plan_rows(data: dict[str, Any]) -> RowPlan:
    """Check a whole version-2 file without writing anything; Invalid names the place."""
    try:
        parsed = _RowsFile.model_validate(data)
    except ValidationError as exc:
        raise _where("", exc) from None
    users: dict[int, str] = {}
    for key, email in parsed.users.items():
        if not (key.isascii() and key.isdigit()) or len(key) > 18:
            raise Invalid(f"users.{key[:20]}: must be an account id.", "users")
        users[int(key)] = email.lower()
    travelling = {s.name for s in specs()}
    unknown = set(parsed.tables) - travelling
    if unknown:
        raise Invalid(f"Unknown tables in file: {', '.join(sorted(unknown))[:200]}.", "tables")
    plan = RowPlan(parsed.workspace.name, parsed.workspace.slug, users)
    known: dict[str, set[int]] = {}
    later: list[tuple[str, str, int]] = []  # (path, target, old id) of deferred references
    for spec in specs():
        rows = parsed.tables.get(spec.name, [])
        known[spec.name] = set()
        res = _resource(spec.name)
        plan.tables.append((spec, [_plan_row(spec, res, f"tables.{spec.name}[{i}]", raw, known,
                                             users, later) for i, raw in enumerate(rows)]))
        _check_unique(spec, plan.tables[-1][1])
    for path, target, old in later:
        if old not in known[target]:
            raise Invalid(f"{path}: refers to {old}, which is not in the file.", path)
    return plan


def _plan_row(spec: Spec, res: Resource[Any] | None, path: str, raw: dict[str, Any],
              known: dict[str, set[int]], users: dict[int, str],
              later: list[tuple[str, str, int]]) -> dict[str, Any]:
    table = spec.table
    extra = set(raw) - set(spec.columns)
    if extra:
        name = sorted(extra)[0][:40]
        raise Invalid(f"{path}.{name}: {spec.name} has no such column.", f"{path}.{name}")
    values: dict[str, Any] = {}
    for column in spec.columns:
        where = f"{path}.{column}"
        if column not in raw:
            col = table.c[column]
            if (not col.nullable and col.default is None and col.server_default is None
                    and not col.primary_key):
                raise Invalid(f"{where}: missing.", where)
            continue
        try:
            values[column] = from_json(table.c[column], raw[column])
        except ValueError as exc:
            raise Invalid(f"{where}: {exc}.", where) from None
        shape = json_shape(spec.name, column) if isinstance(table.c[column].type, JSON) \
            else None
        if shape is not None and values[column] is not None:
            try:
                shape.validate_python(values[column], strict=True)
            except ValidationError as exc:
                raise _where(where, exc) from None
    if res is not None:  # a record kind's table: its schema's rules apply too
        try:
            res.create_schema.model_validate(
                {k: v for k, v in raw.items() if k in res.create_schema.model_fields})
        except ValidationError as exc:
            raise _where(path, exc) from None
    if spec.has_id:
        old = values.get("id")
        if old is None:
            raise Invalid(f"{path}.id: missing.", f"{path}.id")
        if old in known[spec.name]:
            raise Invalid(f"{path}.id: {old} appears twice.", f"{path}.id")
    for column in spec.users:
        if values.get(column) is not None and values[column] not in users:
            raise Invalid(f"{path}.{column}: account {values[column]} is not listed in "
                          "users.", f"{path}.{column}")
    for ref in spec.refs:
        value = values.get(ref.column)
        if ref.embedded is not None or value is None:
            continue  # ids inside a column may name objects that are gone, as exported
        if ref.column in spec.deferred:
            later.append((f"{path}.{ref.column}", ref.target, value))
        elif value not in known[ref.target]:
            raise Invalid(f"{path}.{ref.column}: refers to {value}, which is not in the "
                          "file.", f"{path}.{ref.column}")
    if spec.has_id:
        known[spec.name].add(values["id"])
    return values


def _resource(table: str) -> Resource[Any] | None:
    return next((r for r in RESOURCES.values() if r.model.__table__.name == table), None)


def _check_unique(spec: Spec, rows: list[dict[str, Any]]) -> None:
    """Two rows of the file that the table's unique keys (and its record kind's, which
    ignore case) would refuse together."""
    res = _resource(spec.name)
    keys = [(k, False) for k in unique_keys(spec.table)] + [
        ((k,) if isinstance(k, str) else tuple(k), True) for k in (res.unique if res else ())]
    for key, fold in keys:
        seen: dict[tuple[Any, ...], int] = {}
        for index, row in enumerate(rows):
            value = tuple(str(row.get(c)).lower() if fold and row.get(c) is not None
                          else row.get(c) for c in key)
            if any(v is None for v in value):
                continue
            first = seen.setdefault(value, index)
            if first != index:
                path = f"tables.{spec.name}[{index}]"
                raise Conflict(f"{path}: same {', '.join(key)} as tables.{spec.name}[{first}].",
                               f"{path}.{key[-1]}")


def match_accounts(session: Session, plan: RowPlan) -> dict[int, int | None]:
    """The file's account ids -> this instance's account with the same e-mail, or None."""
    emails = set(plan.users.values())
    found = dict(session.execute(select(func.lower(User.email), User.id).where(
        func.lower(User.email).in_(emails))).tuples().all()) if emails else {}
    return {old: found.get(email) for old, email in plan.users.items()}


def account_report(plan: RowPlan, accounts: dict[int, int | None]) -> dict[str, list[str]]:
    """Which referenced accounts were found here (by e-mail) and which were left empty."""
    matched = sorted({plan.users[o] for o, new in accounts.items() if new is not None})
    unmatched = sorted({plan.users[o] for o, new in accounts.items() if new is None})
    return {"matched": matched, "unmatched": unmatched}


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Runs of at most BATCH consecutive rows with the same columns (one statement each)."""
    start = 0
    while start < len(rows):
        end = start + 1
        while end < len(rows) and end - start < BATCH and rows[end].keys() == rows[start].keys():
            end += 1
        yield rows[start:end]
        start = end


def write_rows(scopes: Callable[[], AbstractContextManager[Scope]], plan: RowPlan,
               progress: Progress | None = None, pause: float = 0.0) -> int:
    """Create the plan's rows, at most `BATCH` per transaction from `scopes()`, `pause`
    seconds apart; deferred references are set at the end. Returns how many were written."""
    with scopes() as scope:
        accounts = match_accounts(scope.session, plan)
    new_ids: dict[str, dict[int, int]] = {}
    done = 0
    for spec, rows in plan.tables:
        ids: dict[int, int] = {}
        new_ids[spec.name] = ids
        for chunk in _chunks(rows):
            with scopes() as scope:
                values = [_new_values(spec, row, scope.workspace_id, new_ids, accounts)
                          for row in chunk]
                _insert(scope.session, spec, chunk, values, ids)
            done += len(chunk)
            time.sleep(pause)
            if progress is not None:
                progress(done, plan.size)
    _write_deferred(scopes, plan, new_ids)
    return done


def _new_values(spec: Spec, row: dict[str, Any], workspace_id: int,
                new_ids: dict[str, dict[int, int]], accounts: dict[int, int | None]
                ) -> dict[str, Any]:
    values = {k: v for k, v in row.items() if k != "id"}
    if spec.parent is None:
        values["workspace_id"] = workspace_id
    for column in spec.users:
        if values.get(column) is not None:
            values[column] = accounts.get(values[column])
    for ref in spec.refs:
        value = values.get(ref.column)
        if value is None or (ref.column in spec.deferred and ref.embedded is not None):
            continue  # embedded ids of later rows: rewritten in the second pass
        if ref.column in spec.deferred:
            values[ref.column] = None
        elif ref.embedded is not None:
            values[ref.column] = ref.embedded.rewrite(_mapper(new_ids[ref.target]), value)
        else:
            values[ref.column] = new_ids[ref.target][value]
    return values


def _mapper(known: dict[int, int]) -> Callable[[int], int | None]:
    """Old id -> new id; an id whose object did not travel stays as it was."""
    return lambda old: known.get(old, old)


def _insert(session: Session, spec: Spec, chunk: list[dict[str, Any]],
            values: list[dict[str, Any]], ids: dict[int, int]) -> None:
    table: Table = spec.table
    if not spec.has_id:
        session.execute(insert(table), values)
        return
    made = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                           values).scalars().all()
    for row, new in zip(chunk, made, strict=True):
        ids[row["id"]] = new


def _write_deferred(scopes: Callable[[], AbstractContextManager[Scope]], plan: RowPlan,
                    new_ids: dict[str, dict[int, int]]) -> None:
    """Second pass: the references to rows that did not exist yet when theirs were written."""
    for spec, rows in plan.tables:
        if not spec.deferred:
            continue
        table = spec.table
        todo = [row for row in rows if any(row.get(c) is not None for c in spec.deferred)]
        for first in range(0, len(todo), BATCH):
            with scopes() as scope:
                for row in todo[first:first + BATCH]:
                    changes: dict[str, Any] = {}
                    for ref in spec.refs:
                        value = row.get(ref.column)
                        if ref.column not in spec.deferred or value is None:
                            continue
                        known = new_ids[ref.target]
                        changes[ref.column] = (known[value] if ref.embedded is None else
                                               ref.embedded.rewrite(_mapper(known), value))
                    if row.get("updated_at") is not None:  # the kept time, not this pass's
                        changes["updated_at"] = row["updated_at"]
                    scope.session.execute(update(table).where(
                        table.c.id == new_ids[spec.name][row["id"]]).values(**changes))


def discard_rows(session: Session, workspace_id: int, keep: set[str]) -> None:
    """Delete a workspace's rows from every workspace table but `keep`, children first."""
    for table in reversed(workspace_tables()):
        if table.name in keep:
            continue
        if "workspace_id" in table.c:
            session.execute(delete(table).where(table.c.workspace_id == workspace_id))
            continue
        for spec in specs():
            if spec.table is table:
                session.execute(delete(table).where(_scoped(spec, workspace_id)))
