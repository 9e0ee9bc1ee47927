"""Workspace-scoped create / read / update / delete / list, shared by every resource.

A `Resource` describes one kind of object (its table, schemas, unique fields, searchable
fields, filters and references). Services, the API, the web pages and the CLI all go
through it, so scoping, validation and error messages are the same on every face.
"""

from __future__ import annotations

import builtins
import json
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from types import SimpleNamespace
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Integer, Table, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute

from tandem.accounts.models import Workspace
from tandem.errors import Conflict, Invalid, NotFound, Stale
from tandem.paging import DEFAULT_LIMIT, MAX_LIMIT, Page
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.schema import MAX_ID, nullable, public_model, search_term, update_model, whole_number
from tandem.scope import Scope
from tandem.storage.base import Base, WorkspaceOwned
from tandem.storage.dialects import for_engine
from tandem.storage.fulltext import TITLE_LENGTH, fulltext_for
from tandem.storage.vectors import vectors_for

M = TypeVar("M", bound=WorkspaceOwned)
FilterFn = Callable[[str], ColumnElement[bool]]


def _searchable(value: Any) -> str:
    """A field's value in a search document; a list (a persona's goals) one item a line."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value)


def require_version(obj: WorkspaceOwned | None, expected: int | None,
                    label: str = "object") -> None:
    """Refuse a write made from a stale read: `expected` is the version the writer saw (an
    API's If-Match, a form's hidden field); None means the writer did not say, and the write
    goes ahead (the version counter still stops two writes of the same read, see
    `WorkspaceOwned`). `obj` None is an object made on its first write (a product's vision,
    a requirements document): it is at version 0 until then."""
    if expected is not None and obj is None:
        if expected != 0:
            raise Stale(f"This {label} has not been saved yet (version 0), so it is not at "
                        f"version {expected}. Nothing was saved.", "row_version", current=0)
        return
    if expected is not None and obj is not None and obj.row_version != expected:
        raise Stale(f"This {label} was changed by someone else: it is at version "
                    f"{obj.row_version}, not {expected}. Nothing was saved; re-read it and "
                    "apply your change again.", "row_version", current=obj.row_version)


def _insert_returning_ids(scope: Scope, table: Table, rows: Sequence[Mapping[str, Any]]
                          ) -> builtins.list[int]:
    """Insert `rows` in multi-row statements; their new ids, in the order of `rows`.
    PostgreSQL: SQLAlchemy's ordered RETURNING. SQLite: asked for that order, SQLAlchemy
    falls back to one statement per row (SQLite does not promise the order RETURNING hands
    rows back), so the ids are sorted instead: SQLite gives a new row the largest id plus
    one, and a multi-row INSERT inserts its rows in order, all under the write lock."""
    stmt = insert(table)
    if for_engine(scope.session, {"sqlite": True, "postgresql": False}, "bulk insert"):
        return sorted(int(i) for i in scope.session.scalars(stmt.returning(table.c.id), rows))
    return [int(i) for i in scope.session.scalars(
        stmt.returning(table.c.id, sort_by_parameter_order=True), rows)]


def content_version(value: Any) -> int:
    """The version of a setting kept without a row version (importance weights, the roles
    preset, a product's lifecycle...): a checksum of what GET shows, at most ten digits so
    it reads back as an If-Match or a form's `_version`."""
    text = json.dumps(value, sort_keys=True, default=str, separators=(",", ":"))
    return zlib.crc32(text.encode()) or 1


def lock_workspace(scope: Scope) -> None:
    """Queue this transaction behind any other writing the workspace's settings: on
    PostgreSQL the workspace row is locked until the transaction ends (FOR NO KEY UPDATE,
    so rows that merely reference the workspace can still be inserted meanwhile); SQLite
    writers are serialised already. Without it two writers with the same If-Match could
    both pass the checksum comparison under READ COMMITTED and both write."""
    scope.session.execute(select(Workspace.id).where(Workspace.id == scope.workspace_id)
                          .with_for_update(key_share=True))


def require_content(scope: Scope, read: Callable[[], Any], expected: int | None,
                    label: str) -> None:
    """Refuse a write to a content-versioned setting that changed since the writer read it
    (`expected`: its If-Match or the form's `_version`; None writes regardless). Locks the
    workspace first and only then calls `read` (the setting as GET shows it), so the
    comparison and the write that follows are one step for concurrent writers. Call it
    before the transaction reads the setting (a row read earlier stays in the session)."""
    lock_workspace(scope)
    if expected is None:
        return
    current = content_version(read())
    if current != expected:
        raise Stale(f"Someone else changed the {label} since your read. Nothing was saved; "
                    "read again and apply your change.", "If-Match", current=current)


@dataclass
class Resource(Generic[M]):
    """One kind of workspace object. `name` is its URL segment (plural, e.g. "opportunities")."""

    name: str
    label: str
    plural: str
    model: type[M]
    create_schema: type[BaseModel]
    title_field: str
    unique: Sequence[str | tuple[str, ...]] = ()
    search: Sequence[str] = ()
    filters: Mapping[str, InstrumentedAttribute[Any] | FilterFn] = field(default_factory=dict)
    order_by: Sequence[Any] = ()
    # Other orders a list may ask for by name (`sort=`); a leading '-' means largest first.
    sorts: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    # Checks across fields, given the object as it would be after the change.
    rules: Sequence[Callable[[Mapping[str, Any]], None]] = ()
    # The same, for checks that read the workspace (e.g. "names someone who exists here").
    checks: Sequence[Callable[[Scope, Mapping[str, Any]], None]] = ()
    # Fills in derived values before the checks, given the scope, the values sent and the
    # object being changed (None on create): evidence resolves its free-text customer into
    # records, a company normalises its revenue to one annual figure.
    prepare: Callable[[Scope, dict[str, Any], Any], None] | None = None
    # For `insert_many`: writes the fields the table has no column for (evidence's tags, a
    # table of their own), given the new ids and each item's values.
    insert_related: Callable[[Scope, Sequence[int], Sequence[Mapping[str, Any]]], None] \
        | None = None
    # Before `prepare` runs on each item of a batch (imports): look up at once what the
    # batch's items will need (evidence reads the companies and contacts they name).
    prepare_many: Callable[[Scope, list[dict[str, Any]]], None] | None = None
    update_schema: type[BaseModel] = field(init=False)
    public_schema: type[BaseModel] = field(init=False)

    def __post_init__(self) -> None:
        self.update_schema = update_model(self.create_schema)
        self.public_schema = public_model(self.create_schema)

    @cached_property
    def references(self) -> dict[str, type[Base]]:
        """Field -> the model it points at, read from the table's foreign keys (the
        workspace key aside), so a relation is declared once, on the column."""
        found: dict[str, type[Base]] = {}
        table: Any = getattr(self.model, "__table__")  # noqa: B009 - mypy sees no __table__
        for fk in table.foreign_keys:
            if fk.parent.name == "workspace_id":
                continue
            for mapper in Base.registry.mappers:
                if mapper.local_table is fk.column.table:
                    found[fk.parent.name] = mapper.class_
        return found

    @cached_property
    def ref_kinds(self) -> dict[str, str]:
        """Field -> the kind name it refers to, for forms, filters and links on pages."""
        from tandem.registry import name_of_model

        found = {}
        for name, model in self.references.items():
            kind = name_of_model(model)
            if kind is not None:
                found[name] = kind
        return found

    # --- queries ---------------------------------------------------------------------

    @property
    def a_label(self) -> str:
        """'An opportunity', 'A release': for messages that start a sentence."""
        label = self.label.lower()
        return ("An " if label[0] in "aeiou" else "A ") + label

    def title_of(self, obj: Any) -> str:
        """The object's title (an ORM object or anything with the same attribute names)."""
        return str(getattr(obj, self.title_field))

    def search_text(self, obj: Any) -> tuple[str, str]:
        """Title and body of the object's search document (an ORM object or a row with the
        same attribute names); migration 0002 fills the index the same way."""
        values = (getattr(obj, f) for f in self.search)
        return (self.title_of(obj)[:TITLE_LENGTH],
                "\n".join(_searchable(v) for v in values))

    def _scoped(self, scope: Scope) -> Any:
        return select(self.model).where(self.model.workspace_id == scope.workspace_id)

    def filter_clause(self, key: str, raw: str) -> ColumnElement[bool]:
        """The WHERE clause of one declared filter (Invalid for unknown keys or values)."""
        return self._filter_clause(key, raw)

    def _filter_clause(self, key: str, raw: str) -> ColumnElement[bool]:
        spec = self.filters.get(key)
        if spec is None:
            known = ", ".join(sorted(self.filters)) or "none"
            raise Invalid(f"Unknown filter '{key}' for {self.plural} (known: {known}).", key)
        if not isinstance(spec, InstrumentedAttribute):
            return spec(raw)
        value: Any = raw
        info = self.create_schema.model_fields.get(key)
        choices = info.annotation if info is not None else None
        if isinstance(choices, type) and issubclass(choices, Enum):
            allowed = [c.value for c in choices]
            if raw not in allowed:
                raise Invalid(f"Filter '{key}' takes one of {', '.join(map(str, allowed))}, "
                              f"not '{raw}'.", key)
        if isinstance(spec.type, Integer):
            value = whole_number(raw, 0, MAX_ID)
            if value is None:
                raise Invalid(f"Filter '{key}' needs a whole number from 0 to {MAX_ID}, "
                              f"not '{raw[:40]}'.", key)
        clause: ColumnElement[bool] = spec == value
        return clause

    def list(
        self,
        scope: Scope,
        *,
        q: str | None = None,
        filters: Mapping[str, str] | None = None,
        offset: int = 0,
        limit: int = DEFAULT_LIMIT,
        sort: str | None = None,
    ) -> Page[M]:
        scope.require(Action.read, self)
        if not 0 <= offset <= MAX_ID:
            raise Invalid("offset must be 0 or more.", "offset")
        if not 1 <= limit <= MAX_LIMIT:
            raise Invalid(f"limit must be between 1 and {MAX_LIMIT}.", "limit")
        if sort and sort not in self.sorts:
            known = ", ".join(self.sorts) or "none: they have one order"
            raise Invalid(f"Sort {self.plural.lower()} by one of {known}; not "
                          f"'{sort[:40]}'.", "sort")
        stmt = self._scoped(scope)
        for key, raw in (filters or {}).items():
            if raw not in ("", None):
                stmt = stmt.where(self._filter_clause(key, raw))
        if q and search_term(q).strip():
            found = fulltext_for(scope.session).matching(scope.workspace_id, self.name, q)
            stmt = stmt.where(self.model.id.in_(found))
        total = scope.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        order = list(self.sorts[sort] if sort else self.order_by) or [self.model.id.desc()]
        rows = scope.session.scalars(stmt.order_by(*order).offset(offset).limit(limit)).all()
        return Page(list(rows), total, offset, limit)

    def all(self, scope: Scope) -> builtins.list[M]:
        scope.require(Action.read, self)
        order = list(self.order_by) or [self.model.id]
        return list(scope.session.scalars(self._scoped(scope).order_by(*order)).all())

    def get(self, scope: Scope, obj_id: int, *, lock: bool = False) -> M:
        """One object of this workspace. `lock` (for writers) reads it afresh and, on
        PostgreSQL, locks its row until the transaction ends, so a version check and the
        write that follows see the same row (SQLite writers are serialised already)."""
        scope.require(Action.read, self)
        obj: M | None = None
        if 1 <= obj_id <= MAX_ID:
            obj = scope.session.get(self.model, obj_id, with_for_update=True,
                                    populate_existing=True) if lock \
                else scope.session.get(self.model, obj_id)
        if obj is None or obj.workspace_id != scope.workspace_id:
            raise NotFound(f"No {self.label.lower()} {obj_id} in this workspace.")
        return obj

    def count(self, scope: Scope, *where: ColumnElement[bool]) -> int:
        stmt = select(func.count(self.model.id)).where(
            self.model.workspace_id == scope.workspace_id, *where
        )
        return scope.session.scalar(stmt) or 0

    # --- commands --------------------------------------------------------------------

    def _check(self, scope: Scope, values: Mapping[str, Any], current: M | None,
               unique: bool = True, references: bool = True) -> None:
        if self.rules or self.checks:
            after = {n: getattr(current, n) for n in self.create_schema.model_fields} \
                if current is not None else {}
            after.update(values)
            for rule in self.rules:
                rule(after)
            for check in self.checks:
                check(scope, after)
        for name, value in values.items():
            info = self.create_schema.model_fields.get(name)
            if value is None and info is not None and not nullable(info):
                raise Invalid(f"{info.title or name} cannot be empty.", name)
        for name, target in self.references.items() if references else ():
            ref_id = values.get(name)
            if ref_id is None:
                continue
            row = scope.session.get(target, ref_id) if 1 <= ref_id <= MAX_ID else None
            if row is None or getattr(row, "workspace_id", None) != scope.workspace_id:
                kind = target.__name__.lower()
                raise Invalid(f"No {kind} {ref_id} in this workspace.", name)
        for key in self.unique if unique else ():
            names = (key,) if isinstance(key, str) else key
            if not any(n in values for n in names):
                continue
            wanted = {n: values[n] if n in values else getattr(current, n, None) for n in names}
            if all(v is None for v in wanted.values()):  # unknown (NULL) never clashes
                continue
            stmt = self._scoped(scope)
            for n, v in wanted.items():
                column = getattr(self.model, n)
                stmt = stmt.where(func.lower(column) == v.lower() if isinstance(v, str)
                                  else column == v)
            if current is not None:
                stmt = stmt.where(self.model.id != current.id)
            if scope.session.scalars(stmt).first() is not None:
                shown = ", ".join(f"{n} '{v}'" for n, v in wanted.items())
                raise Conflict(
                    f"{self.a_label} with {shown} already exists.", names[-1]
                )

    def _check_references_many(self, scope: Scope,
                               batch: Sequence[Mapping[str, Any]]) -> None:
        """The references of a whole batch, one query per referenced table: an import's
        rows name the same few companies and contacts again and again."""
        for name, target in self.references.items():
            wanted = {v[name] for v in batch if v.get(name) is not None}
            if not wanted:
                continue
            valid = {i for i in wanted if isinstance(i, int) and 1 <= i <= MAX_ID}
            found: set[int] = set()
            owner: Any = getattr(target, "workspace_id", None)  # none: nothing is ours
            for chunk in _chunks(sorted(valid)) if owner is not None else ():
                key = getattr(target, "id")  # noqa: B009 - every referenced table has an id
                found.update(scope.session.scalars(select(key).where(
                    key.in_(chunk), owner == scope.workspace_id)))
            missing = [v[name] for v in batch if v.get(name) is not None
                       and v[name] not in found]
            if missing:
                raise Invalid(f"No {target.__name__.lower()} {missing[0]} in this workspace.",
                              name)

    def _index(self, scope: Scope, obj: M) -> None:
        """Keep the object's search document in step, in the same transaction."""
        fulltext_for(scope.session).put(scope.session, scope.workspace_id, self.name, obj.id,
                                        *self.search_text(obj))

    def _flush(self, scope: Scope) -> None:
        try:
            scope.session.flush()
        except IntegrityError as exc:
            scope.session.rollback()
            raise Conflict(f"The {self.label.lower()} clashes with an existing one.") from exc

    def create(self, scope: Scope, data: BaseModel) -> M:
        scope.require(Action.create, self)
        values = data.model_dump()
        if self.prepare is not None:
            self.prepare(scope, values, None)
        self._check(scope, values, None)
        obj = self.model(**values)
        obj.workspace_id = scope.workspace_id
        scope.session.add(obj)
        self._flush(scope)
        self._index(scope, obj)
        events.record(scope, "created", self.name, obj.id, self.title_of(obj),
                      events.created(events.snapshot(self.create_schema, obj)))
        return obj

    def create_many(self, scope: Scope, items: Sequence[BaseModel],
                    columns: Sequence[Mapping[str, Any]] | None = None, *,
                    unique_checked: bool = False) -> builtins.list[M]:
        """Create a batch at once (imports): the same checks, search documents and events
        as `create`, but one flush and one statement per table for the whole batch.
        `columns`, one per item, sets values that no schema carries (an import's key).
        `unique_checked`: the caller has already made sure the batch clashes with nothing
        (a workspace import into a new workspace), so the per-object query is skipped; the
        database's unique constraints still hold."""
        scope.require(Action.create, self)
        made: builtins.list[M] = []
        checked = [data.model_dump() for data in items]
        if self.prepare_many is not None:
            self.prepare_many(scope, checked)
        for index, values in enumerate(checked):
            if self.prepare is not None:
                self.prepare(scope, values, None)
            self._check(scope, values, None, unique=not unique_checked, references=False)
            obj = self.model(**values, **(columns[index] if columns else {}))
            obj.workspace_id = scope.workspace_id
            made.append(obj)
        self._check_references_many(scope, checked)
        scope.session.add_all(made)
        self._flush(scope)
        fulltext_for(scope.session).replace(scope.session, scope.workspace_id, self.name,
                                            [(o.id, *self.search_text(o)) for o in made])
        for obj in made:
            events.record(scope, "created", self.name, obj.id, self.title_of(obj),
                          events.created(events.snapshot(self.create_schema, obj)))
        return made

    def insert_many(self, scope: Scope, items: Sequence[BaseModel],
                    columns: Sequence[Mapping[str, Any]] | None = None) -> builtins.list[int]:
        """`create_many` without ORM objects, for imports of thousands of rows: the same
        checks, rows, search documents and events (a 'created' event per item with the same
        changes), written with one multi-row INSERT per table; the new ids, in order. Fields
        the table has no column for go to `insert_related`."""
        scope.require(Action.create, self)
        table: Table = getattr(self.model, "__table__")  # noqa: B009 - as in `references`
        shown = [data.model_dump() for data in items]
        if self.prepare_many is not None and shown:
            self.prepare_many(scope, shown)
        rows: builtins.list[dict[str, Any]] = []
        for index, values in enumerate(shown):
            if self.prepare is not None:
                self.prepare(scope, values, None)
            self._check(scope, values, None, references=False)
            row = {k: v for k, v in values.items() if k in table.c}
            if len(row) < len(values) and self.insert_related is None:
                raise TypeError(f"{self.name}: no column for {sorted(set(values) - set(row))}"
                                " and no insert_related to write them")
            row.update(columns[index] if columns else {})
            row["workspace_id"] = scope.workspace_id
            rows.append(row)
        if not rows:
            return []
        self._check_references_many(scope, shown)
        self._flush(scope)  # what `prepare` added (companies, contacts) goes first
        try:
            ids = _insert_returning_ids(scope, table, rows)
            if self.insert_related is not None:
                self.insert_related(scope, ids, shown)
        except IntegrityError as exc:
            scope.session.rollback()
            raise Conflict(f"The {self.label.lower()} clashes with an existing one.") from exc
        made = [SimpleNamespace(**values) for values in shown]
        fulltext_for(scope.session).replace(scope.session, scope.workspace_id, self.name,
                                            [(i, *self.search_text(o))
                                             for i, o in zip(ids, made, strict=True)])
        events.record_many(scope, "created", self.name, [
            (i, self.title_of(o), events.created(events.snapshot(self.create_schema, o)))
            for i, o in zip(ids, made, strict=True)])
        return ids

    def update(self, scope: Scope, obj_id: int, data: BaseModel, *,
               expected: int | None = None) -> M:
        """Apply the fields `data` carries (only those sent: `exclude_unset`), if the object
        is still at version `expected` (when given); its version goes up by one when
        anything changed."""
        scope.require(Action.update, self)
        obj = self.get(scope, obj_id, lock=True)
        require_version(obj, expected, self.label.lower())
        values = data.model_dump(exclude_unset=True)
        if self.prepare is not None:
            self.prepare(scope, values, obj)
        self._check(scope, values, obj)
        before = events.snapshot(self.create_schema, obj)
        for name, value in values.items():
            setattr(obj, name, value)
        self._flush(scope)
        self._index(scope, obj)
        changes = events.diff(before, events.snapshot(self.create_schema, obj))
        if changes:
            events.record(scope, "updated", self.name, obj.id, self.title_of(obj), changes)
        return obj

    def delete(self, scope: Scope, obj_id: int, *, expected: int | None = None) -> None:
        scope.require(Action.delete, self)
        obj = self.get(scope, obj_id, lock=True)
        require_version(obj, expected, self.label.lower())
        gone = events.deleted(events.snapshot(self.create_schema, obj))
        events.record(scope, "deleted", self.name, obj.id, self.title_of(obj), gone)
        scope.session.delete(obj)
        self._flush(scope)
        fulltext_for(scope.session).remove(scope.session, self.name, obj_id)
        vectors_for(scope.session).delete(scope.session, scope.workspace_id, self.name, obj_id)


def _chunks(values: Sequence[int], size: int = 500) -> list[Sequence[int]]:
    return [values[i:i + size] for i in range(0, len(values), size)]
