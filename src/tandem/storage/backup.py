"""Backups of the whole database while it is in use, and restoring them.

Three kinds of file, told apart by their first bytes when restoring:

- **SQLite database** (`SQLite format 3`): on SQLite, `backup` copies the live database with
  SQLite's online backup API, one read transaction, so the copy is one consistent moment
  even while the server writes (WAL). The copy is an ordinary database file: it can also be
  opened with `sqlite3`, or served directly with TANDEM_DATABASE_URL.
- **pg_dump custom archive** (`PGDMP`): on PostgreSQL, when `pg_dump` is on PATH. pg_dump
  reads one snapshot (a repeatable-read transaction) and is PostgreSQL's own tool; restoring
  uses `pg_restore`.
- **Logical backup** (gzip, JSON lines; `--logical`, or on PostgreSQL without pg_dump):
  every table of Tandem's schema read in one repeatable-read transaction (on SQLite from an
  online backup copy), one line per row, values as JSON (timestamps ISO 8601, binary as
  base64, vectors as lists of numbers). It is the portable kind: a logical backup (or a
  SQLite backup) of one engine restores on the other, which is how an installation moves
  from SQLite to PostgreSQL. It must come from the same schema revision as the Tandem
  that restores it (restore an older one with that version, then `tandem db upgrade`).

`restore` refuses a database that holds any rows unless `force` is given; with `force` the
database's contents are replaced. Stop the server and workers while restoring.
"""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

import numpy as np
from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Engine,
    LargeBinary,
    Table,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url

from tandem.errors import Conflict, Invalid
from tandem.storage.engine import create_private, make_engine, sqlite_file
from tandem.storage.metadata import metadata
from tandem.storage.migrate import current_revision, head_revision, upgrade

LOGICAL_FORMAT = "tandem-backup"
LOGICAL_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
GZIP_MAGIC = b"\x1f\x8b"
VECTOR_COLUMNS = {("embeddings", "vector")}  # float32 bytes on SQLite, real[] on PostgreSQL
ROWS_PER_INSERT = 500


@dataclass(frozen=True)
class Outcome:
    """What a backup or restore did, for the command to report."""

    kind: str  # sqlite | pg_dump | logical
    path: Path
    rows: int | None = None  # known for logical copies


def _tables() -> list[Table]:
    return list(metadata.sorted_tables)  # each table after the tables it refers to


def _is_postgres(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def _libpq_url(url: str) -> str:
    """The URL as pg_dump and pg_restore take it (no SQLAlchemy driver suffix)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    create_private(path)


# --- backup -----------------------------------------------------------------------------------


def backup(url: str, target: Path, logical: bool = False) -> Outcome:
    """Write a consistent snapshot of the database at `url` to `target` (mode 0600)."""
    target = target.resolve()
    source = sqlite_file(url)
    if source is not None:
        if not source.exists():
            raise Invalid(f"There is no database file at {source}.", "database")
        if not logical:
            _private_file(target)
            _sqlite_copy(source, target)
            return Outcome("sqlite", target)
        with tempfile.TemporaryDirectory() as folder:
            snapshot = Path(folder) / "snapshot.db"
            _sqlite_copy(source, snapshot)
            engine = make_engine(f"sqlite:///{snapshot}")
            try:
                rows = _write_logical(engine, target)
            finally:
                engine.dispose()
        return Outcome("logical", target, rows)
    if not logical and shutil.which("pg_dump"):
        _private_file(target)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
              f"--file={target}", f"--dbname={_libpq_url(url)}"],
             "pg_dump failed (use --logical for Tandem's own format)")
        return Outcome("pg_dump", target)
    engine = make_engine(url)
    try:
        return Outcome("logical", target, _write_logical(engine, target))
    finally:
        engine.dispose()


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup API: pages copied under one read transaction."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _run(command: list[str], failure: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise Invalid(f"{failure}: {detail[-1] if detail else done.returncode}.", "database")


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def _write_logical(engine: Engine, target: Path) -> int:
    revision = current_revision(engine)
    if revision != head_revision(str(engine.url)):
        raise Invalid(f"The database is at schema revision {revision}, not this Tandem's "
                      f"{head_revision(str(engine.url))}: run `tandem db upgrade` first.",
                      "database")
    _private_file(target)
    rows = 0
    options: dict[str, Any] = {"isolation_level": "REPEATABLE READ"} \
        if engine.dialect.name == "postgresql" else {}
    with engine.connect().execution_options(**options) as conn, conn.begin(), \
            gzip.open(target, "wt", encoding="utf-8") as stream:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET TRANSACTION READ ONLY"))
        _line(stream, {"format": LOGICAL_FORMAT, "version": LOGICAL_VERSION,
                       "revision": revision, "engine": engine.dialect.name,
                       "created": datetime.now(UTC).isoformat(timespec="seconds")})
        for table in _tables():
            columns = [c.name for c in table.columns]
            _line(stream, {"table": table.name, "columns": columns})
            order = list(table.primary_key.columns) or list(table.columns)
            for row in conn.execute(select(table).order_by(*order)):
                values = [_encode(_vector_out(table.name, c, v))
                          for c, v in zip(columns, row, strict=True)]
                _line(stream, values)
                rows += 1
        _line(stream, {"end": True, "rows": rows})
    return rows


def _line(stream: IO[str], item: Any) -> None:
    stream.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")


def _vector_out(table: str, column: str, value: Any) -> Any:
    """Vectors leave as lists of numbers, whichever engine stored them."""
    if (table, column) in VECTOR_COLUMNS and isinstance(value, bytes | memoryview):
        return [float(x) for x in np.frombuffer(bytes(value), dtype=np.float32)]
    return value


# --- restore ----------------------------------------------------------------------------------


def file_kind(path: Path) -> str:
    with path.open("rb") as stream:
        head = stream.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "pg_dump"
    if head.startswith(GZIP_MAGIC):
        return "logical"
    raise Invalid(f"{path} is not a Tandem backup (neither a SQLite database, a pg_dump "
                  "archive nor a logical backup).", "file")


def row_count(engine: Engine) -> int:
    """Rows in Tandem's tables (0 for a database without them)."""
    with engine.connect() as conn:
        existing = set(inspect(conn).get_table_names())
        return sum(int(conn.scalar(select(func.count()).select_from(t)) or 0)
                   for t in _tables() if t.name in existing)


def restore(url: str, source: Path, force: bool = False) -> Outcome:
    """Load a backup into the database at `url`, which must hold no rows unless `force`."""
    source = source.resolve()
    if not source.is_file():
        raise Invalid(f"There is no file at {source}.", "file")
    kind = file_kind(source)
    engine = make_engine(url)
    try:
        rows = row_count(engine)
    finally:
        engine.dispose()
    if rows and not force:
        raise Conflict(f"The database already holds {rows:,} rows: restoring would replace "
                       "them. Restore into an empty database, or add --force to replace its "
                       "contents.", "database")
    target_file = sqlite_file(url)
    if kind == "sqlite" and target_file is not None:
        _sqlite_copy(source, target_file)
        upgrade(url)  # a backup from an older Tandem is brought up to date
        return Outcome("sqlite", source)
    if kind == "pg_dump":
        if not _is_postgres(url):
            raise Invalid("A pg_dump archive restores only into PostgreSQL.", "file")
        if not shutil.which("pg_restore"):
            raise Invalid("pg_restore is not on PATH.", "file")
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", f"--dbname={_libpq_url(url)}", str(source)],
             "pg_restore failed")
        upgrade(url)
        return Outcome("pg_dump", source)
    upgrade(url)
    engine = make_engine(url)
    try:
        with _logical_rows(source, kind) as items:
            return Outcome(kind if kind == "logical" else "sqlite", source,
                           _load(engine, items))
    finally:
        engine.dispose()


@contextmanager
def _logical_rows(source: Path, kind: str) -> Iterator[Iterator[Any]]:
    """The lines of a logical backup; a SQLite backup is first brought to this Tandem's
    schema (on a temporary copy) and read as one."""
    if kind == "logical":
        with gzip.open(source, "rt", encoding="utf-8") as stream:
            yield (json.loads(line) for line in stream)
        return
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "source.db"
        _sqlite_copy(source, copy)
        copy_url = f"sqlite:///{copy}"
        upgrade(copy_url)
        lines = Path(folder) / "source.jsonl.gz"
        engine = make_engine(copy_url)
        try:
            _write_logical(engine, lines)
        finally:
            engine.dispose()
        with gzip.open(lines, "rt", encoding="utf-8") as stream:
            yield (json.loads(line) for line in stream)


def _load(engine: Engine, items: Iterator[Any]) -> int:
    header = next(items, None)
    if not isinstance(header, dict) or header.get("format") != LOGICAL_FORMAT:
        raise Invalid("Not a Tandem logical backup.", "file")
    if header.get("version") != LOGICAL_VERSION:
        raise Invalid(f"Unsupported backup version {header.get('version')!r}.", "file")
    head = head_revision(str(engine.url))
    if header.get("revision") != head:
        raise Invalid(f"The backup is at schema revision {header.get('revision')}, this Tandem "
                      f"at {head}: restore it with the Tandem version that made it, then run "
                      "`tandem db upgrade`.", "file")
    tables = {t.name: t for t in _tables()}
    rows = 0
    ended = False
    with engine.begin() as conn:
        _empty(conn)
        table: Table | None = None
        columns: list[str] = []
        batch: list[dict[str, Any]] = []
        for item in items:
            if isinstance(item, dict):
                if batch and table is not None:
                    conn.execute(table.insert(), batch)
                batch = []
                if item.get("end"):
                    ended = True
                    break
                name = str(item.get("table"))
                if name not in tables:
                    raise Invalid(f"The backup has a table this Tandem lacks: {name}.", "file")
                table, columns = tables[name], list(item["columns"])
                continue
            if table is None:
                raise Invalid("The backup is damaged: a row before its table.", "file")
            batch.append(_decoded(table, columns, item, conn.dialect.name))
            rows += 1
            if len(batch) >= ROWS_PER_INSERT:
                conn.execute(table.insert(), batch)
                batch = []
        if not ended:
            raise Invalid("The backup file is cut short (no end marker): nothing was "
                          "restored.", "file")
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn)
    return rows


def _decoded(table: Table, columns: list[str], values: list[Any], dialect: str
             ) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, value in zip(columns, values, strict=True):
        column = table.columns[name]
        kind = getattr(column.type, "impl", column.type)
        if value is None:
            row[name] = None
        elif (table.name, name) in VECTOR_COLUMNS:
            vector = np.asarray(value, dtype=np.float32)
            row[name] = vector.tobytes() if dialect == "sqlite" else vector.tolist()
        elif isinstance(kind, DateTime):
            row[name] = datetime.fromisoformat(value)
        elif isinstance(kind, Date):
            row[name] = date.fromisoformat(value)
        elif isinstance(kind, LargeBinary):
            row[name] = base64.b64decode(value)
        else:
            row[name] = value
    return row


def _empty(conn: Connection) -> None:
    """Delete every row of Tandem's tables, children first (the restore replaces them)."""
    if conn.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in _tables())
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return
    for table in reversed(_tables()):
        conn.execute(table.delete())


def _reset_sequences(conn: Connection) -> None:
    """Rows came with their ids: move each id sequence past the largest."""
    for table in _tables():
        if "id" not in table.columns or not table.columns["id"].primary_key:
            continue
        sequence = conn.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"),
                               {"t": table.name})
        if sequence:
            conn.execute(text(f'SELECT setval(:s, COALESCE((SELECT max(id) FROM "{table.name}"),'
                              " 0) + 1, false)"), {"s": sequence})

