"""Migration 0003 turns existing free-text customers into records and links, on both engines,
without losing the rows that hang off evidence (tags, links)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tandem.storage.engine import Database
from tandem.storage.migrate import upgrade
from tests.conftest import PG_ADMIN_URL

AT_0002 = (
    "INSERT INTO workspaces (id, slug, name, created_at, updated_at) "
    "VALUES (1, 'acme', 'Acme', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO opportunities (id, workspace_id, title, problem, status, created_at, "
    "updated_at) VALUES (1, 1, 'Payroll export', '', 'new', CURRENT_TIMESTAMP, "
    "CURRENT_TIMESTAMP)",
)
EVIDENCE = (  # id, company as typed, contact as typed
    (1, "Maple Dental", "Mia Chen"),
    (2, " maple dental ", "mia chen"),        # the same company and person, typed loosely
    (3, "", "ann@harbor.example"),            # an email, no company
    (4, "Harbor", "Ann@Harbor.example"),      # the same email, now with a company
    (5, "", ""),                              # nobody
)


@pytest.fixture(params=["sqlite", "postgresql"])
def url_at_0002(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
        upgrade(url, "0002")
        yield url
        return
    request.getfixturevalue("postgres_url")  # skips (or fails in CI) without PostgreSQL
    name = f"tandem_m3_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    upgrade(url, "0002")
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _seed(url: str) -> None:
    db = Database(url)
    try:
        with db.engine.begin() as conn:
            for statement in AT_0002:
                conn.execute(text(statement))
            for evidence_id, company, contact in EVIDENCE:
                conn.execute(text(
                    "INSERT INTO evidence (id, workspace_id, text, source, customer_company, "
                    "customer_contact, received_on, created_at, updated_at) VALUES (:id, 1, "
                    "'Payroll takes hours', 'email', :company, :contact, '2026-01-02', "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                    {"id": evidence_id, "company": company, "contact": contact})
                conn.execute(text("INSERT INTO evidence_tags (evidence_id, tag, position) "
                                  "VALUES (:id, 'payroll', 0)"), {"id": evidence_id})
            conn.execute(text(
                "INSERT INTO evidence_opportunities (id, workspace_id, evidence_id, "
                "opportunity_id, importance, created_at, updated_at) VALUES (1, 1, 1, 1, 2, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    finally:
        db.dispose()


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        db.dispose()


def test_free_text_customers_become_linked_records(url_at_0002: str) -> None:
    _seed(url_at_0002)
    upgrade(url_at_0002)
    companies = dict(_rows(url_at_0002, "SELECT id, name FROM companies ORDER BY id"))
    assert sorted(companies.values()) == ["Harbor", "Maple Dental"]
    contacts = _rows(url_at_0002, "SELECT id, name, email, company_id FROM contacts "
                                  "ORDER BY id")
    by_name = {str(name).lower(): (cid, email, company) for cid, name, email, company
               in contacts}
    assert len(contacts) == 2  # Mia once; Ann once (an email matches whatever its case)
    maple = next(i for i, n in companies.items() if n == "Maple Dental")
    harbor = next(i for i, n in companies.items() if n == "Harbor")
    assert by_name["mia chen"][1:] == (None, maple)
    assert by_name["ann@harbor.example"][1] == "ann@harbor.example"
    links = dict((e, (c, p)) for e, c, p in _rows(
        url_at_0002, "SELECT id, company_id, contact_id FROM evidence"))
    mia, ann = by_name["mia chen"][0], by_name["ann@harbor.example"][0]
    assert links == {1: (maple, mia), 2: (maple, mia), 3: (None, ann), 4: (harbor, ann),
                     5: (None, None)}
    # The free text stays as entered, and nothing hanging off evidence was lost.
    assert _rows(url_at_0002, "SELECT customer_company FROM evidence WHERE id = 2") == [
        (" maple dental ",)]
    assert len(_rows(url_at_0002, "SELECT * FROM evidence_tags")) == len(EVIDENCE)
    assert len(_rows(url_at_0002, "SELECT * FROM evidence_opportunities")) == 1
    kinds = _rows(url_at_0002, "SELECT kind, count(*) FROM search_documents "
                               "GROUP BY kind ORDER BY kind")
    assert kinds == [("companies", 2), ("contacts", 2)]


def test_downgrade_keeps_evidence_and_what_hangs_off_it(url_at_0002: str) -> None:
    _seed(url_at_0002)
    upgrade(url_at_0002)
    from alembic import command

    from tandem.storage.migrate import alembic_config

    command.downgrade(alembic_config(url_at_0002), "0009")  # the revision before 0003
    assert len(_rows(url_at_0002, "SELECT * FROM evidence")) == len(EVIDENCE)
    assert len(_rows(url_at_0002, "SELECT * FROM evidence_tags")) == len(EVIDENCE)
    assert len(_rows(url_at_0002, "SELECT * FROM evidence_opportunities")) == 1
    assert _rows(url_at_0002, "SELECT count(*) FROM search_documents") == [(0,)]
