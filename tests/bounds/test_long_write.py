"""Never block, never lock out: while another connection holds SQLite's write lock for
longer than the old busy timeout (5 s), API reads answer at once (reading a token writes
nothing) and writes wait their turn and then succeed, instead of failing with "database is
locked" (issue 11, item 1)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tandem.accounts import service as accounts
from tandem.accounts.models import ApiToken
from tandem.api.app import create_api
from tandem.runtime import Runtime
from tandem.storage.engine import sqlite_file
from tests.conftest import PASSWORD

HOLD_SECONDS = 6.0  # longer than the busy timeout the server had before


@pytest.fixture
def api(sqlite_runtime: Runtime) -> Iterator[tuple[TestClient, dict[str, str]]]:
    with sqlite_runtime.session() as session:
        owner = accounts.create_user(session, "owner@example.com", PASSWORD)
        accounts.create_workspace(session, "Acme", owner, "acme")
        _, plain = accounts.create_token(session, owner, "tests")
    with TestClient(create_api(sqlite_runtime), raise_server_exceptions=False) as client:
        yield client, {"Authorization": f"Bearer {plain}"}


def _hold_write_lock(path: str, locked: threading.Event, released: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE workspaces SET name = name || ''")
        locked.set()
        released.wait(HOLD_SECONDS)
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_reads_answer_and_writes_wait_while_a_long_write_holds_the_lock(
        api: tuple[TestClient, dict[str, str]], sqlite_runtime: Runtime) -> None:
    client, auth = api
    path = sqlite_file(sqlite_runtime.settings.database_url)
    assert path is not None
    locked, released = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(str(path), locked, released))
    holder.start()
    assert locked.wait(10)
    try:
        with ThreadPoolExecutor(2) as pool:
            write = pool.submit(client.post, "/workspaces/acme/evidence",
                                json={"text": "Written while another write held the lock"},
                                headers=auth)
            reads = [client.get(p, headers=auth).status_code
                     for p in ("/me", "/workspaces/acme/evidence", "/workspaces/acme",
                               "/workspaces/acme/overview")]
            still_held = holder.is_alive()
            assert reads == [200, 200, 200, 200]
            assert still_held, "the reads should have answered while the lock was held"
            assert not write.done(), "the write should be waiting for the lock"
            holder.join()
            created = write.result(timeout=60)
        assert created.status_code == 201, created.text
    finally:
        released.set()
        holder.join()
    sqlite_runtime.token_use.flush()
    with sqlite_runtime.session() as session:
        used = session.scalar(select(ApiToken.last_used_at))
    assert used is not None  # recorded off the request path, once the lock was free
