"""API fixtures: the API app in-process, a signed-in owner's token, on both engines."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import User, Workspace
from tandem.api.app import create_api
from tandem.runtime import Runtime


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_api(runtime), raise_server_exceptions=False) as test_client:
        yield test_client


def token_for(runtime: Runtime, user: User) -> dict[str, str]:
    with runtime.session() as session:
        _, plain = accounts.create_token(session, user, "tests")
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
def auth(runtime: Runtime, owner: User, workspace: Workspace) -> dict[str, str]:
    return token_for(runtime, owner)
