"""Engine and session factory for SQLite (embedded) and PostgreSQL (teams).

SQLite allows one writer at a time. Tandem serialises writes deliberately instead of letting
them fail: a transaction that will write (any session opened while `write_intent` is set,
which the faces set for POST, PUT, PATCH and DELETE requests) starts with `BEGIN IMMEDIATE`,
so it queues for the write lock up front, waiting up to the busy timeout, rather than
failing with "database is locked" when a read transaction later tries to write on a stale
snapshot. Reads run beside the writer (WAL) and never wait. Transactions stay short: long
work runs as background jobs that commit in batches.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import CursorResult, Engine, Result, create_engine, event, make_url, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from tandem.errors import Stale

SQLITE_BUSY_TIMEOUT_MS = 30000  # a writer waits this long for the lock before giving up

# Whether the current request (or job step) is going to write: set by the faces for unsafe
# HTTP methods (`tandem.guard.WriteIntent`), read when a session starts.
write_intent: ContextVar[bool] = ContextVar("tandem_write_intent", default=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for other engines and in-memory databases."""
    parsed = make_url(url)
    database = (parsed.database or "").removeprefix("file:")
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:") \
            or parsed.query.get("mode") == "memory":
        return None
    return Path(database)


def create_private(path: Path) -> None:
    """Create `path` readable and writable by its owner only (0600) if it does not exist;
    SQLite gives its -wal and -shm files the database file's permissions."""
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout on every connection,
    and a database file only its owner can read."""
    if url.startswith("sqlite"):
        path = sqlite_file(url)
        if path is not None:
            create_private(path)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def missing_sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL when it does not exist yet (connecting would create it);
    None for an existing file, an in-memory database or another engine."""
    parsed = make_url(url)
    database = (parsed.database or "").removeprefix("file:")
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:") \
            or parsed.query.get("mode") == "memory":
        return None
    path = Path(database)
    return None if path.exists() else path


class Database:
    """Owns the engine; hands out sessions that commit on success and roll back on error."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self, write: bool | None = None) -> Iterator[Session]:
        """A transaction; on SQLite one that will `write` (default: `write_intent`) takes
        the write lock first, waiting its turn (see the module docstring)."""
        session = self._factory()
        try:
            if self.is_sqlite and (write_intent.get() if write is None else write):
                # sqlite3 has started no transaction yet, so this BEGIN is the first
                # statement; the session's commit or rollback ends it.
                session.execute(text("BEGIN IMMEDIATE"))
            yield session
            session.commit()
        except StaleDataError as exc:
            # A versioned row changed under this transaction (see `WorkspaceOwned`): the
            # UPDATE or DELETE matched no row, so nothing of this transaction is kept.
            session.rollback()
            raise Stale("Someone else changed this at the same moment, so nothing was "
                        "saved: reload it and apply your change again.",
                        "row_version") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE changed (Session.execute types its answer loosely)."""
    assert isinstance(result, CursorResult)
    return int(result.rowcount)
