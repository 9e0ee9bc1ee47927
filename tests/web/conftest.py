"""Fixtures for the web face: an app over a fresh SQLite database and a signed-in browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.runtime import Runtime
from tandem.scope import Scope
from tandem.server import create_app
from tandem.web.csrf import expected_token
from tests.conftest import PASSWORD


def shown(first: int, last: int, total: int) -> str:
    """The pager's '1-50 of 312' text (it uses an en dash)."""
    return f"{first}\u2013{last} of {total}"


class Browser:
    """A TestClient that behaves like a person with a browser: it sends the form's CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    @property
    def csrf(self) -> str:
        """The token the pages of this browser carry (derived from its session cookie, or
        from the pre-session cookie that the sign-in page sets)."""
        return csrf_of(self.client)

    def get(self, url: str, **kwargs: Any) -> Response:
        response: Response = self.client.get(url, **kwargs)
        return response

    def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Response:
        body = {"csrf_token": self.csrf, **(data or {})}
        response: Response = self.client.post(url, data=body, **kwargs)
        return response

    def follow(self, response: Response) -> Response:
        """GET the redirect target of a 303 (like a browser after a form POST)."""
        assert response.status_code in (302, 303), (response.status_code, response.text[:500])
        target: Response = self.client.get(response.headers["location"])
        return target

    def sign_in(self, email: str, password: str = PASSWORD) -> Response:
        response = self.post("/signin", {"email": email, "password": password})
        assert response.status_code == 303, response.text[:500]
        return response


def csrf_of(client: TestClient) -> str:
    """The CSRF token a page would carry for `client`'s cookies; a sign-in page visit first
    when it has none yet (a sign-in or sign-up page sets the pre-session cookie)."""
    settings = client.app.state.runtime.settings  # type: ignore[attr-defined]
    token = expected_token(settings, dict(client.cookies))
    for page in ("/signin", "/signup"):  # whichever renders a form (the other redirects)
        if token is not None:
            break
        client.get(page)
        token = expected_token(settings, dict(client.cookies))
    assert token, "the server set no session or pre-session cookie"
    return token


@pytest.fixture
def rt(sqlite_runtime: Runtime) -> Runtime:
    return sqlite_runtime


@pytest.fixture
def client(rt: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(rt), follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def browser(client: TestClient) -> Browser:
    return Browser(client)


@pytest.fixture
def guest(rt: Runtime) -> Iterator[Browser]:
    """A second browser on the same server, with cookies of its own (someone else)."""
    with TestClient(create_app(rt), follow_redirects=False) as other:
        yield Browser(other)


@pytest.fixture
def user(rt: Runtime) -> User:
    with rt.session() as session:
        return accounts.create_user(session, "olive@example.com", PASSWORD, "Olive Owner")


@pytest.fixture
def ws(rt: Runtime, user: User) -> Workspace:
    with rt.session() as session:
        return accounts.create_workspace(session, "Acme", user)


@pytest.fixture
def signed_in(browser: Browser, user: User, ws: Workspace) -> Browser:
    """The owner of workspace 'acme', signed in."""
    browser.sign_in(user.email)
    return browser


def add_member(rt: Runtime, owner: User, slug: str, email: str, role: Role) -> User:
    with rt.session() as session:
        member = accounts.create_user(session, email, PASSWORD)
    with rt.scope(owner, slug) as scope:
        accounts.add_member(scope, email, role)
    return member


def owner_scope(rt: Runtime, user: User, slug: str = "acme") -> Any:
    """A service-layer scope, to set up data or check what the web wrote."""
    scope: Any = rt.scope(user, slug)
    return scope


__all__ = ["Browser", "Scope", "add_member", "owner_scope"]
