"""Workspace export then import loses nothing (issue 11, Deliver 8): the re-export equals the
export once ids are normalised, on each engine and from SQLite to PostgreSQL; and running an
interrupted import's job again adds no duplicates."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import User
from tandem.api.app import create_api
from tandem.demo.loader import DEMO_EMAIL, DEMO_SLUG, ensure_demo
from tandem.loop import transfer
from tandem.loop.links import LINK_KINDS
from tandem.platform.actor import LocalAdmin
from tandem.registry import RESOURCES
from tandem.runtime import Runtime
from tandem.settings import Settings
from tests.api.conftest import token_for
from tests.conftest import _truncate_postgres
from tests.jobs.support import make_worker

MOVING = {"id"}  # a new workspace gets new ids; timestamps are kept


def normalised(data: dict[str, Any]) -> dict[str, Any]:
    """The export with every id replaced by its object's position in the file, references
    and links rewritten to match, and the workspace's own name left out."""
    position: dict[str, dict[int, int]] = {
        kind: {o["id"]: n for n, o in enumerate(items)} for kind, items in data["objects"].items()}
    objects: dict[str, list[dict[str, Any]]] = {}
    for kind, items in data["objects"].items():
        refs = RESOURCES[kind].ref_kinds
        objects[kind] = [{k: (position[refs[k]].get(v, v) if k in refs and v is not None else v)
                          for k, v in o.items() if k not in MOVING} for o in items]
    links: dict[str, list[dict[str, Any]]] = {}
    for kind in LINK_KINDS:
        key = f"{kind.left}-{kind.right}"
        sides = {kind.left_col: position[kind.left], kind.right_col: position[kind.right]}
        links[key] = sorted(({k: sides[k][v] if k in sides else v for k, v in row.items()}
                             for row in data["links"].get(key, [])),
                            key=lambda r: sorted(r.items()))
    return {"format": data["format"], "version": data["version"], "objects": objects,
            "links": links}


def _export(runtime: Runtime, slug: str) -> dict[str, Any]:
    with runtime.scope(LocalAdmin(), slug) as scope:
        return transfer.export_workspace(scope)


def _import(runtime: Runtime, data: dict[str, Any], slug: str) -> None:
    with runtime.session() as session:
        transfer.import_workspace(session, data, LocalAdmin(), slug=slug)


def test_a_re_export_is_identical(runtime: Runtime) -> None:
    ensure_demo(runtime)
    first = _export(runtime, DEMO_SLUG)
    assert sum(len(v) for v in first["objects"].values()) > 100
    _import(runtime, first, "copy")
    again = _export(runtime, "copy")
    assert normalised(again) == normalised(first)


def test_a_workspace_moves_from_sqlite_to_postgresql(sqlite_runtime: Runtime,
                                                     postgres_url: str) -> None:
    ensure_demo(sqlite_runtime)
    first = _export(sqlite_runtime, DEMO_SLUG)
    _truncate_postgres(postgres_url)
    settings = sqlite_runtime.settings
    pg = Runtime(Settings(data_dir=settings.data_dir, database_url=postgres_url,
                          secret_key=settings.secret_key), migrate=False)
    try:
        _import(pg, first, "moved")
        again = _export(pg, "moved")
    finally:
        pg.close()
        _truncate_postgres(postgres_url)
    assert normalised(again) == normalised(first)


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
        half = transfer.ImportPlan(plan.name, plan.slug, plan.objects[: len(plan.objects) // 2])
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
