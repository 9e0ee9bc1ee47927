"""What travels in a workspace export (`loop.tables`): every workspace table is exported or
excluded with a reason, ids hidden in columns are declared, and references to rows written
later (a self-reference, a cycle) are set in a second pass."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, datetime

import pytest
from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    select,
)

from tandem.accounts.models import User
from tandem.errors import Conflict, Invalid
from tandem.loop import tables, transfer, transfer_rows
from tandem.platform.actor import Member
from tandem.runtime import Runtime
from tandem.storage.base import Base, UtcDateTime, WorkspaceOwned


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_every_workspace_table_travels_or_is_excluded_with_a_reason() -> None:
    travelling = {s.name for s in tables.specs()}
    owned = {m.__table__.name for m in _subclasses(WorkspaceOwned) if hasattr(m, "__table__")}
    with_workspace = {t.name for t in Base.metadata.sorted_tables if "workspace_id" in t.c}
    forgotten = (owned | with_workspace) - travelling - set(tables.EXCLUDED)
    assert not forgotten, (f"{sorted(forgotten)}: export them (nothing to do when they have "
                           "a workspace_id) or add them to loop.tables.EXCLUDED with a reason")
    assert not travelling & set(tables.EXCLUDED)
    assert set(tables.EXCLUDED) <= set(Base.metadata.tables)
    assert all(len(reason) > 10 for reason in tables.EXCLUDED.values())
    # Tables hanging off a workspace table travel with it.
    assert {"evidence_tags", "requirement_personas"} <= travelling


def test_columns_that_may_hold_ids_are_declared() -> None:
    """An id inside a column (no foreign key) is only rewritten if EMBEDDED says so; a new
    such column must be declared there or in PLAIN_IDS."""
    undeclared = []
    for spec in tables.specs():
        for column in spec.table.c:
            looks_like_ids = column.name.endswith(("_id", "_ids")) or isinstance(column.type,
                                                                                   JSON)
            key = (spec.name, column.name)
            if looks_like_ids and not column.foreign_keys and key not in tables.EMBEDDED \
                    and key not in tables.PLAIN_IDS:
                undeclared.append(key)
    assert not undeclared, f"declare in loop.tables.EMBEDDED or PLAIN_IDS: {undeclared}"
    for table, column in [*tables.EMBEDDED, *tables.PLAIN_IDS]:
        assert column in Base.metadata.tables[table].c, (table, column)


def test_copies_never_clash_with_their_original() -> None:
    """Each unique key is per workspace (or per row of a travelling table), so a workspace
    can be imported next to the one it was exported from; and nothing travelling needs a row
    that stays behind."""
    travelling = {s.name for s in tables.specs()}
    for spec in tables.specs():
        for constraint in spec.table.constraints:
            if isinstance(constraint, UniqueConstraint):
                scoped = any(c.name == "workspace_id" or any(
                    fk.column.table.name in travelling for fk in c.foreign_keys)
                    for c in constraint.columns)
                assert scoped, (spec.name, [c.name for c in constraint.columns])
        for fk in spec.table.foreign_keys:
            assert fk.column.table.name not in set(tables.EXCLUDED) - {"workspaces"}, \
                (spec.name, fk.parent.name)


def test_datetimes_and_dates_keep_their_value_on_every_engine() -> None:
    column = Column("at", UtcDateTime)
    value = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert tables.from_json(column, tables.to_json(column, value)) == value
    assert tables.to_json(column, value.replace(tzinfo=None)) == "2026-01-02T03:04:05+00:00"
    with pytest.raises(ValueError, match="date and time"):
        tables.from_json(column, 86400)


def test_a_reference_to_a_row_written_later_is_set_in_a_second_pass(
        runtime: Runtime, owner: User, monkeypatch: pytest.MonkeyPatch) -> None:
    meta = MetaData()
    Table("workspaces", meta, Column("id", Integer, primary_key=True))
    notes = Table(
        "h_transfer_notes", meta, Column("id", Integer, primary_key=True),
        Column("workspace_id", ForeignKey("workspaces.id"), nullable=False),
        Column("title", String(20), nullable=False),
        Column("parent_id", ForeignKey("h_transfer_notes.id"), nullable=True),
        Column("updated_at", UtcDateTime, nullable=True))
    built = tables.build([notes])
    assert built[0].deferred == {"parent_id"}
    monkeypatch.setattr(transfer_rows, "specs", lambda: built)
    stamp = "2026-01-02T03:04:05+00:00"
    data = {"format": "tandem-workspace", "version": 2, "tables": {"h_transfer_notes": [
        {"id": 7, "title": "child", "parent_id": 9, "updated_at": stamp},
        {"id": 9, "title": "parent", "parent_id": None, "updated_at": stamp}]}}
    with runtime.session() as session:
        notes.create(session.connection())
    try:
        with runtime.session() as session:
            plan = transfer.plan_import(data)
            scope = transfer.start_import(session, plan, Member.of(owner), slug="notes")
            transfer.write_import(lambda: nullcontext(scope), plan, pause=0.0)
            rows = session.execute(select(notes).where(
                notes.c.workspace_id == scope.workspace_id).order_by(notes.c.id)).all()
        child, parent = rows
        assert (child.title, child.parent_id, parent.parent_id) == ("child", parent.id, None)
        assert child.updated_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        bad = {**data, "tables": {"h_transfer_notes": [
            {"id": 7, "title": "child", "parent_id": 8}]}}
        with pytest.raises(Invalid) as error:
            transfer.plan_import(bad)
        assert error.value.field == "tables.h_transfer_notes[0].parent_id"
    finally:
        with runtime.session() as session:
            notes.drop(session.connection())


HOSTILE = [None, "x" * 5000, -2**70, 2**31, 1.5, float("nan"), True, {"a": [1]}, [1, "a"],
           "\x00", "2026-13-45", "", 0]


def test_hostile_values_in_any_column_are_refused_by_name_or_accepted() -> None:
    """Whatever a file holds in any column of any table, planning answers with a checked
    plan or an error naming the place: never anything else (which would be a 500)."""
    for spec in tables.specs():
        for column in spec.columns:
            for value in HOSTILE:
                row = {"id": 1, column: value}
                data = {"format": "tandem-workspace", "version": 2,
                        "tables": {spec.name: [row]}}
                try:
                    transfer.plan_import(data)
                except (Invalid, Conflict) as exc:
                    assert exc.field and exc.field.startswith(f"tables.{spec.name}[0]"), \
                        (spec.name, column, value, exc.field)
