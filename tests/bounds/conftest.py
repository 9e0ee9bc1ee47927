"""One populated world per test (both engines), built through the API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tandem.api.app import create_api
from tandem.runtime import Runtime
from tests.bounds.world import World, build_world


@pytest.fixture
def world(runtime: Runtime) -> Iterator[World]:
    with TestClient(create_api(runtime), raise_server_exceptions=False) as client:
        yield build_world(runtime, client)
