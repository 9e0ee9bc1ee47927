"""Workspace export then import loses nothing (issue 11, Deliver 8): the re-export equals the
export once ids are normalised, on each engine and from SQLite to PostgreSQL, for the demo
with a row in every table; and running an interrupted import's job again adds no
duplicates."""

from __future__ import annotations

import json
from contextlib import nullcontext
from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, insert, select, update

from tandem.accounts import service as accounts
from tandem.accounts.models import User
from tandem.api.app import create_api
from tandem.demo.loader import DEMO_EMAIL, DEMO_SLUG, ensure_demo
from tandem.inbound.embeddings.service import EMBED_JOB
from tandem.loop import transfer
from tandem.loop.search import search
from tandem.loop.tables import EMBEDDED, json_shape, specs
from tandem.platform.actor import LocalAdmin
from tandem.platform.jobs.models import Job
from tandem.roles.models import Person
from tandem.runtime import Runtime
from tandem.settings import Settings
from tests.api.conftest import token_for
from tests.conftest import _truncate_postgres
from tests.jobs.support import make_worker


def normalised(data: dict[str, Any]) -> dict[str, Any]:
    """The export with every id replaced by its row's position in its table, references
    (foreign keys and ids kept inside columns) rewritten to match, user accounts replaced by
    their e-mail, and the workspace's own name left out."""
    position = {name: {r["id"]: n for n, r in enumerate(rows) if "id" in r}
                for name, rows in data["tables"].items()}
    tables: dict[str, list[dict[str, Any]]] = {}
    for spec in specs():
        rows = []
        for row in data["tables"].get(spec.name, []):
            row = {k: v for k, v in row.items() if k != "id"}
            for ref in spec.refs:
                value, known = row.get(ref.column), position.get(ref.target, {})
                if value is not None:
                    row[ref.column] = (known[value] if ref.embedded is None else
                                       ref.embedded.rewrite(lambda i, m=known: m.get(i, i),
                                                            value))
            for column in spec.users:
                if row.get(column) is not None:
                    row[column] = data["users"][str(row[column])]
            rows.append(row)
        if not spec.has_id:
            rows.sort(key=lambda r: json.dumps(r, sort_keys=True))
        tables[spec.name] = rows
    return {"format": data["format"], "version": data["version"], "tables": tables}


def fill_every_table(runtime: Runtime, slug: str, user_id: int) -> None:
    """One row more in each travelling table the demo leaves empty (and user references
    wherever a table has one), made generically from the columns, so that a new table is
    proven to travel without anyone remembering it."""
    with runtime.scope(LocalAdmin(), slug) as scope:
        session, workspace_id = scope.session, scope.workspace_id
        for spec in specs():
            table = spec.table
            scoped = (table.c.workspace_id == workspace_id if spec.parent is None else
                      table.c[spec.parent].in_(_ids(spec.table.c[spec.parent], workspace_id)))
            first = session.execute(select(table).where(scoped).limit(1)).first()
            if first is not None:
                if spec.users and spec.has_id:  # a user reference to map by e-mail
                    session.execute(update(table).where(table.c.id == first.id).values(
                        {c: user_id for c in spec.users}))
                continue
            values: dict[str, Any] = {}
            for column in table.c:
                if column.primary_key and column.name == "id":
                    continue
                if column.name == "workspace_id":
                    values["workspace_id"] = workspace_id
                elif any(fk.column.table.name == "users" for fk in column.foreign_keys):
                    values[column.name] = user_id
                elif column.foreign_keys:
                    values[column.name] = _ids(column, workspace_id, pick=column.name)
                elif (spec.name, column.name) in EMBEDDED:
                    values[column.name] = SAMPLE_EMBEDDED[(spec.name, column.name)](
                        session, workspace_id)
                elif not column.nullable and column.default is None \
                        and column.server_default is None:
                    values[column.name] = _sample(spec.name, column)
            session.execute(insert(table).values(values))


def _ids(column: Any, workspace_id: int, pick: str | None = None) -> Any:
    """The ids of the rows `column` refers to in the workspace (a subquery), or with
    `pick`, one of them (the second one for `second_id`, so a pair is ordered)."""
    target = next(iter(column.foreign_keys)).column.table
    query = select(target.c.id).where(target.c.workspace_id == workspace_id)
    if pick is None:
        return query
    return query.order_by(target.c.id).offset(1 if pick == "second_id" else 0).limit(1) \
        .scalar_subquery()


def _sample(table: str, column: Any) -> Any:
    kind = column.type
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer | Float):
        return 1
    if isinstance(kind, JSON):  # an empty one of what the model says it holds
        shape = json_shape(table, column.name)
        return {} if shape is not None and _accepts(shape, {}) else []
    if isinstance(kind, Date):
        return date(2026, 1, 2)
    if isinstance(kind, DateTime) or isinstance(getattr(kind, "impl", None), DateTime):
        return datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    return "x"


def _accepts(shape: Any, value: Any) -> bool:
    try:
        shape.validate_python(value, strict=True)
    except ValidationError:
        return False
    return True


def _people(session: Any, workspace_id: int) -> str:
    rows = session.scalars(select(Person.id).where(Person.workspace_id == workspace_id)
                           .order_by(Person.id).limit(2)).all()
    return ",".join(str(i) for i in rows)


SAMPLE_EMBEDDED = {("workshop_decisions", "responsible_ids"): _people}


def _export(runtime: Runtime, slug: str) -> dict[str, Any]:
    with runtime.scope(LocalAdmin(), slug) as scope:
        return transfer.export_workspace(scope)


def _import(runtime: Runtime, data: dict[str, Any], slug: str) -> None:
    with runtime.session() as session:
        transfer.import_workspace(session, data, LocalAdmin(), slug=slug)


def _full_demo(runtime: Runtime) -> dict[str, Any]:
    """The demo, with a row in every table it leaves empty; exported."""
    ensure_demo(runtime)
    fill_every_table(runtime, DEMO_SLUG, _owner(runtime).id)
    data = _export(runtime, DEMO_SLUG)
    assert [name for name, rows in data["tables"].items() if not rows] == []
    assert set(data["tables"]) == {s.name for s in specs()}
    assert list(data["users"].values()) == [DEMO_EMAIL]
    return data


def test_a_re_export_is_identical(runtime: Runtime) -> None:
    first = _full_demo(runtime)
    assert sum(len(v) for v in first["tables"].values()) > 1000
    _import(runtime, first, "copy")
    again = _export(runtime, "copy")
    assert normalised(again) == normalised(first)
    with runtime.scope(LocalAdmin(), "copy") as scope:  # derived data is rebuilt or queued
        assert search(scope, "shift")
        queued = scope.session.scalars(select(Job.kind).where(
            Job.workspace_id == scope.workspace_id)).all()
        assert EMBED_JOB in queued


def test_a_workspace_moves_from_sqlite_to_postgresql(sqlite_runtime: Runtime,
                                                     postgres_url: str) -> None:
    first = _full_demo(sqlite_runtime)
    _truncate_postgres(postgres_url)
    settings = sqlite_runtime.settings
    pg = Runtime(Settings(data_dir=settings.data_dir, database_url=postgres_url,
                          secret_key=settings.secret_key), migrate=False)
    try:
        with pg.session() as session:  # the same person has an account on the new server
            accounts.create_user(session, DEMO_EMAIL, "another-long-password", "Founder")
        _import(pg, first, "moved")
        again = _export(pg, "moved")
    finally:
        pg.close()
        _truncate_postgres(postgres_url)
    assert normalised(again) == normalised(first)


def test_accounts_unknown_here_are_left_empty_and_reported(runtime: Runtime) -> None:
    data = _full_demo(runtime)
    data["users"] = {key: "someone@elsewhere.example" for key in data["users"]}
    plan = transfer.plan_import(data)
    with runtime.session() as session:
        scope = transfer.start_import(session, plan, LocalAdmin(), slug="elsewhere")
        transfer.write_import(lambda: nullcontext(scope), plan, pause=0.0)
        report = transfer.finish_import(lambda: nullcontext(scope), plan)
    assert report["accounts"] == {"matched": [], "unmatched": ["someone@elsewhere.example"]}
    again = _export(runtime, "elsewhere")
    assert again["users"] == {}
    assert again["tables"]["workshops"][0]["facilitator_id"] is None


def test_a_version_1_export_of_the_demo_still_imports(runtime: Runtime) -> None:
    ensure_demo(runtime)
    with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
        old = transfer.export_v1(scope)
    _import(runtime, old, "old")
    with runtime.scope(LocalAdmin(), "old") as scope:
        again = transfer.export_v1(scope)
    assert {k: len(v) for k, v in again["objects"].items()} == \
        {k: len(v) for k, v in old["objects"].items()}
    assert {k: len(v) for k, v in again["links"].items()} == \
        {k: len(v) for k, v in old["links"].items()}


def test_running_an_interrupted_import_again_adds_no_duplicates(runtime: Runtime) -> None:
    """The worker died part-way (no clean-up ran); the job, run again, starts from an empty
    workspace instead of adding to what the first attempt wrote."""
    ensure_demo(runtime)
    data = _export(runtime, DEMO_SLUG)
    auth = token_for(runtime, _owner(runtime))
    with TestClient(create_api(runtime), raise_server_exceptions=False) as client:
        started = client.post("/workspaces/import?slug=again", json=data, headers=auth)
        assert started.status_code == 202, started.text
        plan = transfer.plan_import(data)
        assert isinstance(plan, transfer.RowPlan)
        half = transfer.RowPlan(plan.name, plan.slug, plan.users,
                                plan.tables[: len(plan.tables) // 2])
        with runtime.session() as session:  # what the first, killed attempt had written
            scope = transfer.open_scope(session, LocalAdmin(), "again")
            transfer.write_import(lambda: nullcontext(scope), half, pause=0.0)
        assert make_worker(runtime).run_once()
        job = client.get(f"/workspaces/again/jobs/{started.json()['id']}", headers=auth).json()
        assert job["status"] == "succeeded", job
    assert normalised(_export(runtime, "again")) == normalised(data)


def _owner(runtime: Runtime) -> User:
    with runtime.session() as session:
        return accounts.get_user_by_email(session, DEMO_EMAIL)
