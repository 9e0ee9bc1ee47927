"""`tandem backup` and `tandem restore` underneath: a consistent copy of the whole database
on both engines, restored exactly; a non-empty database refused without force; and a SQLite
backup restored into PostgreSQL, which is how an installation changes engine."""

from __future__ import annotations

import gzip
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tandem.demo.loader import DEMO_SLUG, ensure_demo
from tandem.errors import Conflict, Invalid
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime
from tandem.storage import backup as backups
from tandem.storage.engine import make_engine
from tandem.storage.metadata import metadata
from tandem.storage.vectors import vectors_for
from tests.conftest import _truncate_postgres


def _fill(runtime: Runtime) -> None:
    ensure_demo(runtime)
    with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
        first = evidence.all(scope)[0]
        vectors_for(scope.session).put(scope.session, scope.workspace_id, "evidence",
                                       first.id, "probe", [0.25, -1.5, 3.0])


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a form that compares across engines."""
    engine: Engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = {}
            for table in metadata.sorted_tables:
                rows = []
                for row in conn.execute(select(table)):
                    values = []
                    for column, value in zip(table.columns, row, strict=True):
                        value = backups._vector_out(table.name, column.name, value)
                        if isinstance(value, list) and (table.name, column.name) in \
                                backups.VECTOR_COLUMNS:
                            value = [round(x, 5) for x in value]
                        values.append(backups._encode(value))
                    rows.append(tuple(repr(v) for v in values))
                tables[table.name] = sorted(rows)
            return tables
    finally:
        engine.dispose()


def _add_evidence(runtime: Runtime, text: str) -> None:
    with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
        evidence.create(scope, EvidenceCreate(text=text))


def test_backup_then_restore_gives_back_exactly_what_was_there(
        runtime: Runtime, tmp_path: Path) -> None:
    url = runtime.settings.database_url
    _fill(runtime)
    before = snapshot(url)
    assert sum(len(rows) for rows in before.values()) > 500
    file = tmp_path / "tandem.backup"
    done = backups.backup(url, file)
    assert done.kind == ("sqlite" if url.startswith("sqlite") else "pg_dump")
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    _add_evidence(runtime, "Written after the backup")
    runtime.close()
    with pytest.raises(Conflict, match="--force"):
        backups.restore(url, file)
    assert snapshot(url) != before  # refused: nothing changed
    backups.restore(url, file, force=True)
    assert snapshot(url) == before


def test_the_logical_backup_restores_on_the_same_engine(runtime: Runtime,
                                                       tmp_path: Path) -> None:
    url = runtime.settings.database_url
    _fill(runtime)
    before = snapshot(url)
    file = tmp_path / "tandem.jsonl.gz"
    done = backups.backup(url, file, logical=True)
    assert done.kind == "logical" and done.rows == sum(len(r) for r in before.values())
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    runtime.close()
    restored = backups.restore(url, file, force=True)
    assert restored.rows == done.rows
    assert snapshot(url) == before
    # ids go on from the restored ones (PostgreSQL's sequences were moved past them)
    again = Runtime(runtime.settings, migrate=False)
    try:
        _add_evidence(again, "After the restore")
    finally:
        again.close()


def test_a_cut_short_logical_backup_restores_nothing(runtime: Runtime, tmp_path: Path) -> None:
    url = runtime.settings.database_url
    _fill(runtime)
    file = tmp_path / "tandem.jsonl.gz"
    backups.backup(url, file, logical=True)
    runtime.close()
    with gzip.open(file, "rt") as stream:
        lines = stream.read().splitlines()
    with gzip.open(file, "wt") as stream:
        stream.write("\n".join(lines[: len(lines) // 2]) + "\n")
    before = snapshot(url)
    with pytest.raises(Invalid, match="cut short"):
        backups.restore(url, file, force=True)
    assert snapshot(url) == before


def test_a_sqlite_backup_moves_to_postgresql(sqlite_runtime: Runtime, postgres_url: str,
                                            tmp_path: Path) -> None:
    _fill(sqlite_runtime)
    before = snapshot(sqlite_runtime.settings.database_url)
    file = tmp_path / "tandem.db.backup"
    backups.backup(sqlite_runtime.settings.database_url, file)
    _truncate_postgres(postgres_url)
    done = backups.restore(postgres_url, file)
    assert done.rows == sum(len(r) for r in before.values())
    assert snapshot(postgres_url) == before
    _truncate_postgres(postgres_url)


def test_files_that_are_not_backups_are_refused(sqlite_url: str, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    with pytest.raises(Invalid, match="not a Tandem backup"):
        backups.restore(sqlite_url, junk)
