"""Migrations on a fresh database: several processes starting at once migrate it once, and
migration 0002 fills the search index exactly as the resources keep it."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text

from tandem.registry import RESOURCES
from tandem.storage.engine import Database
from tandem.storage.migrate import current_revision, head_revision, migration_lock, upgrade
from tandem.storage.search_index import SearchDocument
from tests.conftest import PG_ADMIN_URL

# Each child says "ready" once imported, then migrates: the slow start-up is over by then.
CHILD = ("import sys; from tandem.storage.migrate import upgrade; "
         "print('ready', flush=True); upgrade(sys.argv[1])")


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all, on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    request.getfixturevalue("postgres_url")  # skips (or fails in CI) without PostgreSQL
    name = f"tandem_fresh_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def start_child(url: str) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", CHILD, url], text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def at_head(url: str) -> bool:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            versions = conn.execute(text("SELECT count(*) FROM alembic_version")).scalar()
        return versions == 1 and current_revision(db.engine) == head_revision(url)
    finally:
        db.dispose()


def has_tables(url: str) -> bool:
    db = Database(url)
    try:
        return bool(inspect(db.engine).get_table_names())
    finally:
        db.dispose()


def test_processes_starting_at_once_all_succeed(empty_url: str) -> None:
    children = [subprocess.Popen([sys.executable, "-c", CHILD, empty_url], text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(4)]
    for child in children:
        _, err = child.communicate(timeout=180)
        assert child.returncode == 0, err
    assert at_head(empty_url)


def test_upgrade_waits_for_the_lock(empty_url: str) -> None:
    with migration_lock(empty_url):
        child = start_child(empty_url)
        time.sleep(1.5)
        assert child.poll() is None  # waiting for us
        assert not has_tables(empty_url)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert at_head(empty_url)


def test_in_memory_sqlite_needs_no_lock_file(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    upgrade("sqlite://")
    upgrade("sqlite:///:memory:")
    assert list(tmp_path.iterdir()) == []


# Rows written at revision 0001, before the search index existed.
AT_0001 = (
    "INSERT INTO workspaces (id, slug, name, created_at, updated_at) "
    "VALUES (1, 'acme', 'Acme', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO releases (id, workspace_id, name, version, description, horizon, status, "
    "created_at, updated_at) VALUES (1, 1, 'Swap center', '2.1', 'Trade shifts', 'now', "
    "'planned', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO personas (id, workspace_id, name, title, description, goals, pains, "
    "created_at, updated_at) VALUES (1, 1, 'Ops Olivia', 'Head of ops', '', 'Calm rotas', "
    "'Late swaps', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO evidence (id, workspace_id, text, source, customer_company, customer_contact, "
    "received_on, tags, created_at, updated_at) VALUES (1, 1, 'Payroll takes hours', "
    "'email', 'Maple', '', '2026-01-02', '[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
)


def test_migration_fills_the_index_as_the_resources_keep_it(empty_url: str) -> None:
    upgrade(empty_url, "0001")
    db = Database(empty_url)
    try:
        with db.engine.begin() as conn:
            for statement in AT_0001:
                conn.execute(text(statement))
        upgrade(empty_url)
        with db.session() as session:
            docs = session.scalars(select(SearchDocument).order_by(SearchDocument.kind)).all()
            # 0003 makes the evidence's company a record, indexed like the others.
            assert [d.kind for d in docs] == ["companies", "evidence", "personas", "releases"]
            for doc in docs:
                res = RESOURCES[doc.kind]
                obj = session.get(res.model, doc.object_id)
                assert (doc.workspace_id, doc.title, doc.body) == (1, *res.search_text(obj))
    finally:
        db.dispose()


AT_0011 = (
    "INSERT INTO workspaces (id, slug, name, created_at, updated_at) "
    "VALUES (1, 'acme', 'Acme', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    *(f"INSERT INTO assignments (workspace_id, activity, person, role, raci, phase, "
      f"created_at, updated_at) VALUES (1, '{activity}', '{person}', '{role}', '{raci}', "
      f"'{phase}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
      for activity, person, role, raci, phase in (
          ("Launch", "Hana", "PMM", "A", "launch"),
          ("Pricing", "Hana", "Founder", "R", "the big third-quarter push before the fair"),
          ("Launch", "Tom", "", "R", ""))),
)


def test_migration_turns_assignment_names_into_people(empty_url: str) -> None:
    upgrade(empty_url, "0011")
    db = Database(empty_url)
    try:
        with db.engine.begin() as conn:
            for statement in AT_0011:
                conn.execute(text(statement))
        upgrade(empty_url)
        with db.engine.connect() as conn:
            people = dict(conn.execute(text("SELECT name, roles FROM people")).all())
            rows = conn.execute(text(
                "SELECT a.activity, p.name, a.raci, a.phase FROM assignments a "
                "JOIN people p ON p.id = a.person_id ORDER BY a.id")).all()
        assert people == {"Hana": "PMM, Founder", "Tom": ""}
        assert [tuple(r) for r in rows] == [("Launch", "Hana", "A", "launch"),
                                            ("Pricing", "Hana", "R", None),
                                            ("Launch", "Tom", "R", None)]
    finally:
        db.dispose()


def test_0019_turns_persona_text_into_lists(empty_url: str) -> None:
    """Goals and pains written as free text become lists, one item per line (list marks
    dropped), and the search documents follow."""
    upgrade(empty_url, "0006")
    db = Database(empty_url)
    try:
        with db.engine.begin() as conn:
            conn.execute(text(AT_0001[0]))
            conn.execute(text(
                "INSERT INTO personas (id, workspace_id, name, title, description, goals, "
                "pains, created_at, updated_at) VALUES (1, 1, 'Olivia', '', '', "
                "'- Calm rotas\n\n* Payroll on time', '', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"))
            conn.execute(text(
                "INSERT INTO search_documents (workspace_id, kind, object_id, title, body) "
                "VALUES (1, 'personas', 1, 'Olivia', 'old')"))
        upgrade(empty_url)
        with db.session() as session:
            persona = session.get(RESOURCES["personas"].model, 1)
            assert persona is not None
            assert (persona.goals, persona.pains, persona.jobs, persona.type) == (
                ["Calm rotas", "Payroll on time"], [], [], "buyer")
            doc = session.scalars(select(SearchDocument).where(
                SearchDocument.kind == "personas")).one()
            assert doc.body == RESOURCES["personas"].search_text(persona)[1]
    finally:
        db.dispose()
