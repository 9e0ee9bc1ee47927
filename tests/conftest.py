"""Shared fixtures: a clean database per test, on SQLite and (for marked suites) PostgreSQL.

Suites that must hold on both engines use the `runtime` fixture through `engine_url`, which is
parametrised over sqlite and postgresql. PostgreSQL comes from TANDEM_TEST_POSTGRES_URL or the
local server at 127.0.0.1:5432; when it is missing the tests skip, except under CI=true, where
they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tandem.accounts import passwords
from tandem.accounts import service as accounts
from tandem.accounts.models import User, Workspace
from tandem.runtime import Runtime
from tandem.scope import Scope
from tandem.settings import Settings
from tandem.storage.metadata import metadata
from tandem.storage.migrate import upgrade

pytest_plugins = ("tests.cli.fixtures",)

# The suite embeds with the instant hashing stand-in; tests that need the real model build
# `MiniLMEmbedder` themselves. Set before any Settings is made (and inherited by the server
# and CLI processes the tests start).
os.environ.setdefault("TANDEM_EMBEDDER", "hashing")

# Argon2 with its real parameters costs ~0.1 s per hash and per check, and most tests make an
# account or sign in: cheap parameters in the suite save minutes. Hashes still go through the
# same code; tests/accounts/test_passwords.py checks the real parameters with STANDARD.
passwords._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)

PG_ADMIN_URL = os.environ.get("TANDEM_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PASSWORD = "correct-horse-1"


def _pg_available() -> str | None:
    try:
        engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; each test copies it instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "tandem.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A migrated PostgreSQL database private to this test session."""
    problem = _pg_available()
    if problem:
        message = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {problem}"
        if IN_CI:
            pytest.fail(message + " (CI=true: PostgreSQL tests must run)")
        pytest.skip(message)
    name = f"tandem_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


_PG_ENGINES: dict[str, Any] = {}


def _truncate_postgres(url: str) -> None:
    """Empty every table and restart every id sequence, as a fresh migrate would leave them.

    TRUNCATE of all ~60 tables costs ~0.2 s (a new file per table) for each of the ~700
    PostgreSQL tests; a test writes a handful of tables, so only the tables with rows are
    emptied (DELETE, with foreign-key triggers off for the order) and only the sequences
    that moved are restarted: a few milliseconds."""
    engine = _PG_ENGINES.get(url)
    if engine is None:
        engine = _PG_ENGINES[url] = create_engine(url, poolclass=NullPool)
    probe = " UNION ALL ".join(f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM \"{t.name}\")"
                               for t in metadata.sorted_tables)
    with engine.begin() as conn:
        filled = list(conn.scalars(text(probe)))
        moved = list(conn.execute(text(
            "SELECT schemaname, sequencename FROM pg_sequences WHERE last_value IS NOT NULL")))
        if filled:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            for name in filled:
                conn.execute(text(f'DELETE FROM "{name}"'))
        for schema, sequence in moved:
            conn.execute(text(f'ALTER SEQUENCE "{schema}"."{sequence}" RESTART'))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A clean, migrated database on each engine."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "tandem.db"
        shutil.copy(template, target)
        return f"sqlite:///{target}"
    url: str = request.getfixturevalue("postgres_url")
    _truncate_postgres(url)
    return url


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A clean, migrated SQLite database, for suites that need not run on both engines."""
    target = tmp_path / "tandem.db"
    shutil.copy(sqlite_template, target)
    return f"sqlite:///{target}"


def make_runtime(url: str, data_dir: Path) -> Runtime:
    settings = Settings(data_dir=data_dir, database_url=url, secret_key="test-secret")
    return Runtime(settings, migrate=False)


@pytest.fixture
def sqlite_runtime(sqlite_url: str, tmp_path: Path) -> Iterator[Runtime]:
    """A runtime on a clean SQLite database, for faces tested on one engine."""
    rt = make_runtime(sqlite_url, tmp_path)
    yield rt
    rt.close()


@pytest.fixture
def runtime(engine_url: str, tmp_path: Path) -> Iterator[Runtime]:
    rt = make_runtime(engine_url, tmp_path)
    yield rt
    rt.close()


@pytest.fixture
def owner(runtime: Runtime) -> User:
    with runtime.session() as session:
        return accounts.create_user(session, "owner@example.com", PASSWORD, "Olive Owner")


@pytest.fixture
def workspace(runtime: Runtime, owner: User) -> Workspace:
    with runtime.session() as session:
        return accounts.create_workspace(session, "Acme", owner)


@pytest.fixture
def scope(runtime: Runtime, owner: User, workspace: Workspace) -> Iterator[Scope]:
    """An owner's scope in one open transaction, committed at the end of the test."""
    with runtime.scope(owner, workspace.slug) as bound:
        yield bound
