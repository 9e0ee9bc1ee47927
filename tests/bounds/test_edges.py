"""Small edges of the HTTP surface, each of which once answered wrongly (issue 11, item 9),
and the 413 body limit (item 4)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.settings import Settings
from tests.web.conftest import csrf_of


@pytest.fixture
def app_client(sqlite_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_runtime), raise_server_exceptions=False) as client:
        yield client


def test_api_paths_the_mount_cannot_take_still_answer_json(app_client: TestClient) -> None:
    for path in ("/api/v1/workspaces/a%0Ab", "/api/v1/%0A", "/api/v1/nowhere"):
        answer = app_client.get(path)
        assert answer.status_code == 404, path
        assert answer.headers["content-type"].startswith("application/json"), path
        assert answer.json()["error"]["code"] == "not_found"


def test_invalid_utf8_json_is_the_documented_422(app_client: TestClient) -> None:
    answer = app_client.post("/api/v1/tokens", content=b'{"email": "\xff\xfe"}',
                             headers={"Content-Type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["error"] == {"code": "invalid", "field": "body",
                                      "message": "The request body is not valid UTF-8 JSON."}
    spec = app_client.get("/api/v1/openapi.json").json()
    documented = spec["paths"]["/tokens"]["post"]["responses"]
    assert "422" in documented and "400" not in documented


def test_control_characters_in_sign_in_and_token_requests_are_named(
        app_client: TestClient) -> None:
    token = app_client.post("/api/v1/tokens", json={"email": "a\x00@example.com",
                                                    "password": "x"})
    assert token.status_code == 422 and token.json()["error"]["field"] == "email"
    page = app_client.get("/signin")
    csrf = csrf_of(app_client)
    signin = app_client.post("/signin", data={"csrf_token": csrf, "email": "a\x00b",
                                              "password": "x"})
    assert signin.status_code == 422 and "email" in signin.text
    assert page.status_code == 200


def test_bodies_over_the_limit_get_413_before_authentication(app_client: TestClient) -> None:
    """No token, a 5 MB declared body: refused by size, not by the missing token."""
    big = b"x" * (5 * 1024 * 1024)
    declared = app_client.post("/api/v1/workspaces", content=big,
                               headers={"Content-Type": "application/json"})
    assert declared.status_code == 413 and declared.json()["error"]["code"] == "too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        for _ in range(6):
            yield b"x" * (1024 * 1024)

    streamed = app_client.post("/api/v1/workspaces", content=chunks(),
                               headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    web = app_client.post("/signin", content=chunks(),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert web.status_code == 413
    small = app_client.post("/api/v1/workspaces", json={"name": "x"})
    assert small.status_code == 401  # under the limit: on to authentication


def test_import_paths_take_the_larger_limit(tmp_path: Path, sqlite_url: str) -> None:
    settings = Settings(data_dir=tmp_path, database_url=sqlite_url, secret_key="k" * 40,
                        max_body_bytes=1024, max_import_bytes=8192)
    runtime = Runtime(settings, migrate=False)
    with TestClient(create_app(runtime), raise_server_exceptions=False) as client:
        body = b'{"pad": "' + b"x" * 4096 + b'"}'
        plain = client.post("/api/v1/workspaces", content=body,
                            headers={"Content-Type": "application/json"})
        assert plain.status_code == 413
        imported = client.post("/api/v1/workspaces/import", content=body,
                               headers={"Content-Type": "application/json"})
        assert imported.status_code == 401  # within the import limit: on to authentication
        too_big = client.post("/api/v1/workspaces/import", content=b"x" * 9000,
                              headers={"Content-Type": "application/json"})
        assert too_big.status_code == 413
    runtime.close()


def test_data_folder_and_database_are_private(tmp_path: Path) -> None:
    """Even under a permissive umask: the folder 0700, the database, its WAL and shared-memory
    files, the secret key and the migration lock 0600."""
    data = tmp_path / "fresh"
    previous = os.umask(0o002)
    try:
        runtime = Runtime(Settings(data_dir=data))
        with runtime.session() as session:  # a write, so the WAL and SHM files exist
            session.execute(text("CREATE TABLE IF NOT EXISTS perm_probe (x INTEGER)"))
        with runtime.session() as session:
            session.execute(text("SELECT count(*) FROM perm_probe"))
        try:
            assert stat.S_IMODE(data.stat().st_mode) == 0o700
            for name in ("tandem.db", "tandem.db-wal", "tandem.db-shm", "secret_key",
                         "tandem.db.migrate.lock"):
                assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
        finally:
            runtime.close()
    finally:
        os.umask(previous)
