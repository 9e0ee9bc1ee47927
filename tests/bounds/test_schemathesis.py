"""Schemathesis over the whole OpenAPI document: every operation gets generated requests
(valid and invalid), and every answer must be no 5xx and match its documented schema.

`make test` runs a few examples per operation on each engine (`TANDEM_FUZZ_EXAMPLES`,
default 3); `make fuzz` runs many more. Requests act as the local administrator (the mark
the in-process CLI sets), so generated deletes of tokens cannot lock the run out, against a
workspace `acme` populated with one object of every kind.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance
from sqlalchemy import create_engine, text

from tandem.api.app import create_api
from tandem.api.deps import LOCAL_ADMIN_KEY
from tandem.runtime import Runtime
from tandem.storage.migrate import upgrade
from tests.bounds.world import VICTIM, build_world
from tests.conftest import IN_CI, PG_ADMIN_URL, _pg_available, make_runtime

EXAMPLES = int(os.environ.get("TANDEM_FUZZ_EXAMPLES", "3"))


class Target:
    """The app schemathesis calls: marks requests as the local administrator's and hands
    them to the API over the current engine's database (`fuzz_api` sets it). Until then it
    is an API with no database, which is enough to serve the OpenAPI document."""

    def __init__(self) -> None:
        self.app: Any = create_api(cast(Runtime, None))

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            scope = {**scope, LOCAL_ADMIN_KEY: True}
        await self.app(scope, receive, send)


TARGET = Target()
schema = schemathesis.openapi.from_asgi("/openapi.json", TARGET)
schema.config.update(parameters={"path.workspace": VICTIM})


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzz_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             sqlite_template: Path) -> Iterator[str]:
    """A database of this module's own (the other suites truncate theirs per test)."""
    if request.param == "sqlite":
        target = tmp_path_factory.mktemp("fuzz") / "tandem.db"
        shutil.copy(sqlite_template, target)
        yield f"sqlite:///{target}"
        return
    problem = _pg_available()
    if problem:
        if IN_CI:
            pytest.fail(f"PostgreSQL not reachable: {problem}")
        pytest.skip(f"PostgreSQL not reachable: {problem}")
    name = f"tandem_fuzz_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def fuzz_api(fuzz_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    runtime: Runtime = make_runtime(fuzz_url, tmp_path_factory.mktemp("fuzz-data"))
    api = create_api(runtime)
    with TestClient(api, raise_server_exceptions=False) as client:
        build_world(runtime, client)
    TARGET.app = api
    yield
    TARGET.app = create_api(cast(Runtime, None))
    runtime.close()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_answers_every_generated_request_within_its_schema(case: Any,
                                                                 fuzz_api: None) -> None:
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
