"""Storage: the schema migrates on both engines and SQLite runs with its safety pragmas."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from tandem.settings import load_settings
from tandem.storage.engine import SQLITE_BUSY_TIMEOUT_MS, Database
from tandem.storage.metadata import metadata
from tandem.storage.migrate import current_revision, head_revision, upgrade


def test_migrations_create_every_table_at_head(engine_url: str) -> None:
    db = Database(engine_url)
    try:
        tables = set(inspect(db.engine).get_table_names())
        assert {t.name for t in metadata.sorted_tables} <= tables
        assert current_revision(db.engine) == head_revision(engine_url)
    finally:
        db.dispose()


def test_upgrade_twice_is_harmless(engine_url: str) -> None:
    upgrade(engine_url)
    db = Database(engine_url)
    try:
        assert current_revision(db.engine) == head_revision(engine_url)
    finally:
        db.dispose()


def test_sqlite_uses_wal_foreign_keys_and_busy_timeout(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == SQLITE_BUSY_TIMEOUT_MS
    finally:
        db.dispose()


def test_foreign_keys_are_enforced(engine_url: str) -> None:
    db = Database(engine_url)
    try:
        with pytest.raises(IntegrityError), db.session() as session:
            session.execute(text(
                "INSERT INTO memberships (workspace_id, user_id, role, created_at, updated_at) "
                "VALUES (999, 999, 'owner', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    finally:
        db.dispose()


def test_failed_transaction_leaves_nothing(engine_url: str) -> None:
    db = Database(engine_url)
    try:
        with pytest.raises(RuntimeError), db.session() as session:
            session.execute(text(
                "INSERT INTO workspaces (slug, name, created_at, updated_at) "
                "VALUES ('half', 'Half', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
            raise RuntimeError("boom")
        with db.session() as session:
            assert session.execute(text("SELECT count(*) FROM workspaces")).scalar() == 0
    finally:
        db.dispose()


def test_settings_default_to_sqlite_in_the_data_dir(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TANDEM_DATABASE_URL", raising=False)
    monkeypatch.delenv("TANDEM_SECRET_KEY", raising=False)
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{tmp_path / 'data' / 'tandem.db'}"
    assert (tmp_path / "data" / "secret_key").read_text() == settings.secret_key
    assert load_settings().secret_key == settings.secret_key


def test_settings_take_the_database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TANDEM_DATABASE_URL", "postgresql+psycopg://x@localhost/y")
    assert load_settings().database_url == "postgresql+psycopg://x@localhost/y"
    assert not load_settings().is_sqlite


def test_models_and_migrations_agree(engine_url: str) -> None:
    """A model change without its migration fails here, not in production."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from tandem.storage.migrate import include_object

    db = Database(engine_url)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": include_object})
            assert compare_metadata(context, metadata) == []
    finally:
        db.dispose()


def test_timestamps_come_back_in_utc(engine_url: str) -> None:
    from tandem.accounts import service as accounts

    db = Database(engine_url)
    try:
        with db.session() as session:
            user = accounts.create_user(session, "tz@example.com", "long-password")
        with db.session() as session:
            from tandem.accounts.models import User
            again = session.get(User, user.id)
            assert again is not None and again.created_at.utcoffset() is not None
            assert again.created_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    finally:
        db.dispose()
