"""Workspace import as a background job, in short transactions (issue 11, item 1: one
import of 20,000 products held the write lock for 37 s in one request transaction)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tandem.accounts.models import User
from tandem.api.app import create_api
from tandem.loop import jobs as loop_jobs
from tandem.loop import transfer, transfer_rows
from tandem.market.product import ProductCreate, products
from tandem.platform.actor import Member
from tandem.runtime import Runtime
from tandem.scope import Scope
from tests.api.conftest import token_for
from tests.jobs.support import make_worker


def _export_with_products(runtime: Runtime, owner: User, count: int, version: int = 2
                          ) -> dict[str, Any]:
    with runtime.scope(owner, "acme") as scope:
        products.create_many(scope, [ProductCreate(name=f"Product {i}") for i in range(count)])
    with runtime.scope(owner, "acme") as scope:
        return (transfer.export_workspace if version == 2 else transfer.export_v1)(scope)


def test_import_writes_in_batches_each_its_own_transaction(
        runtime: Runtime, owner: User, scope: Scope, monkeypatch: pytest.MonkeyPatch) -> None:
    scope.session.commit()
    data = _export_with_products(runtime, owner, 7)
    monkeypatch.setattr(transfer_rows, "BATCH", 3)
    plan = transfer.plan_import(data)
    with runtime.session() as session:
        slug = transfer.start_import(session, plan, Member.of(owner), slug="copy").workspace.slug
    opened: list[int] = []

    @contextmanager
    def batch() -> Iterator[Scope]:
        with runtime.scope(owner, slug) as each:
            opened.append(1)
            yield each

    seen: list[tuple[int, int]] = []
    assert transfer.write_import(batch, plan, lambda d, t: seen.append((d, t))) == 7
    assert len(opened) == 4 and seen[-1] == (7, 7)  # the accounts, then 3 + 3 + 1 products
    with runtime.scope(owner, "copy") as copy_scope:
        names = sorted(p.name for p in products.all(copy_scope))
    assert names == sorted(f"Product {i}" for i in range(7))


def test_a_failed_version_2_job_leaves_nothing_half_written(
        runtime: Runtime, owner: User, scope: Scope, monkeypatch: pytest.MonkeyPatch) -> None:
    scope.session.commit()
    data = _export_with_products(runtime, owner, 5)
    auth = token_for(runtime, owner)
    monkeypatch.setattr(transfer_rows, "BATCH", 2)
    real_insert = transfer_rows._insert
    calls: list[int] = []

    def failing_third_batch(session: Any, spec: Any, chunk: Any, *rest: Any) -> None:
        calls.append(len(chunk))
        if len(calls) == 3:
            raise RuntimeError("disk full")
        real_insert(session, spec, chunk, *rest)

    monkeypatch.setattr(transfer_rows, "_insert", failing_third_batch)
    with TestClient(create_api(runtime), raise_server_exceptions=False) as client:
        started = client.post("/workspaces/import?slug=half", json=data, headers=auth)
        assert started.status_code == 202, started.text
        assert make_worker(runtime).run_once()
        assert client.get("/workspaces/half/products", headers=auth).json()["total"] == 0
        assert make_worker(runtime).run_once()  # the retry, from empty, succeeds
        job = client.get(f"/workspaces/half/jobs/{started.json()['id']}", headers=auth).json()
        assert job["status"] == "succeeded", job
        assert job["result"]["accounts"] == {"matched": [], "unmatched": []}
        assert client.get("/workspaces/half/products", headers=auth).json()["total"] == 5
        bad = client.post("/workspaces/import?slug=bad", headers=auth, json={
            **data, "tables": {"products": [{"id": 1, "name": "x" * 201}]}})
        assert bad.status_code == 422 and bad.json()["error"]["field"] == \
            "tables.products[0].name"
        assert client.get("/workspaces/bad", headers=auth).status_code == 404
    assert calls[:3] == [2, 2, 1]


def test_the_api_answers_202_and_a_failed_job_leaves_nothing_half_written(
        runtime: Runtime, owner: User, scope: Scope, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same for a version-1 file, which goes through the record kinds."""
    scope.session.commit()
    data = _export_with_products(runtime, owner, 5, version=1)
    auth = token_for(runtime, owner)
    monkeypatch.setattr(transfer, "BATCH", 2)
    real_create_many = products.create_many
    calls: list[int] = []

    def failing_third_batch(batch_scope: Scope, items: Any, **options: Any) -> Any:
        calls.append(len(items))
        if len(calls) % 3 == 0:  # the third batch of every attempt
            raise RuntimeError("disk full")
        return real_create_many(batch_scope, items, **options)

    monkeypatch.setattr(products, "create_many", failing_third_batch)
    with TestClient(create_api(runtime), raise_server_exceptions=False) as client:
        started = client.post("/workspaces/import?slug=half", json=data, headers=auth)
        assert started.status_code == 202, started.text
        job = started.json()
        worker = make_worker(runtime)
        assert worker.run_once()  # the first attempt fails and is retried once, from empty
        retried = client.get(f"/workspaces/half/jobs/{job['id']}", headers=auth).json()
        assert retried["status"] == "queued"
        assert client.get("/workspaces/half/products", headers=auth).json()["total"] == 0
        assert worker.run_once()
        ended = client.get(f"/workspaces/half/jobs/{job['id']}", headers=auth).json()
        assert ended["status"] == "failed" and "disk full" in ended["error"]
        left = client.get("/workspaces/half/products", headers=auth).json()
        assert left["total"] == 0, "the batches written before the failure were removed"
        bad = client.post("/workspaces/import?slug=bad",
                          json={**data, "objects": {"products": [{"id": 1, "name": ""}]}},
                          headers=auth)
        assert bad.status_code == 422 and bad.json()["error"]["field"] == \
            "objects.products[0].name"
        assert client.get("/workspaces/bad", headers=auth).status_code == 404
    assert calls == [2, 2, 1, 2, 2, 1]  # 5 products in batches of 2, twice
    assert job["kind"] == loop_jobs.IMPORT
