"""Run Alembic migrations from code, so `tandem db upgrade` and server start share one path.

Several server processes may start at once on one database: `upgrade()` holds a lock while
it migrates, so one process migrates and the others wait, then find the schema at head.
PostgreSQL: a session advisory lock (scoped to the database) on a connection of its own.
SQLite: an exclusive `flock` on "<database file>.migrate.lock" beside the database (the
database file itself may not exist yet); an in-memory database is private to its process
and needs none. Both are released by the operating system or server if the process dies.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.pool import NullPool

from tandem.storage.engine import create_private, sqlite_file

MIGRATIONS = Path(__file__).parent / "migrations"
# pg_advisory_lock key: a constant of our own ("tandem" in hex), so other tools' keys differ.
ADVISORY_KEY = 0x74616E64656D


def include_object(obj: Any, name: str | None, type_: str, reflected: bool,
                   compare_to: Any) -> bool:
    """Leave out what each engine adds for full-text search beside the models' tables:
    SQLite's FTS5 table (and its shadow tables), PostgreSQL's tsvector column and index."""
    if type_ == "table" and name is not None and name.startswith("search_fts"):
        return False
    if type_ == "column" and reflected and name == "tsv":
        return False
    return not (type_ == "index" and name == "ix_search_documents_tsv")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    with migration_lock(url):
        command.upgrade(alembic_config(url), revision)


@contextmanager
def migration_lock(url: str) -> Iterator[None]:
    """Hold the database's migration lock (waiting for it) for the `with` block."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(parsed, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_KEY})
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
        finally:
            engine.dispose()
        return
    database = sqlite_file(url)
    if database is None:
        yield
        return
    create_private(database)
    lock = Path(f"{database}.migrate.lock")
    create_private(lock)
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()
