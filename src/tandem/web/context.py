"""Who is asking and in which workspace: the per-request helpers every page uses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse

from tandem.accounts import service as accounts
from tandem.accounts.models import User
from tandem.runtime import Runtime
from tandem.scope import Scope
from tandem.settings import Settings
from tandem.web.render import WsInfo, state
from tandem.web.security import SESSION_COOKIE, flash, safe_next


class SignInRequired(Exception):
    """Raised by pages that need a user; answered with a redirect to /signin?next=..."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def runtime_of(request: Request) -> Runtime:
    return state(request).runtime


def settings_of(request: Request) -> Settings:
    return state(request).runtime.settings


def current_user(request: Request) -> User | None:
    """The user of the session cookie, looked up once per request."""
    if hasattr(request.state, "user"):
        cached: User | None = request.state.user
        return cached
    user: User | None = None
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with runtime_of(request).session() as session:
            user = accounts.user_for_web_session(session, token)
    request.state.user = user
    return user


def here(request: Request) -> str:
    """This request's path and query, for ?next= after signing in."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def _came_from(request: Request) -> str:
    """For a form posted after the session ended: the same-site page the form was on."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc != request.url.netloc:
        return "/"
    return safe_next(referer.path + (f"?{referer.query}" if referer.query else ""))


def require_user(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise SignInRequired(here(request) if request.method == "GET" else _came_from(request))
    return user


def signin_url(next_path: str) -> str:
    return "/signin?next=" + quote(next_path, safe="/")


@contextmanager
def workspace(request: Request, slug: str) -> Iterator[Scope]:
    """A transaction bound to workspace `slug` as the signed-in user sees it.

    A workspace the user is not a member of raises NotFound, exactly like a missing one.
    """
    user = require_user(request)
    with runtime_of(request).scope(user, slug) as scope:
        ws = scope.workspace
        role = scope.role.value if scope.role is not None else scope.actor.kind
        request.state.ws_info = WsInfo(ws.slug, ws.name, role, scope.can_write)
        yield scope


def redirect(url: str) -> RedirectResponse:
    """303 See Other: the browser follows a form POST with a GET."""
    return RedirectResponse(url, status_code=303)


def redirect_with(request: Request, url: str, text: str, kind: str = "success") -> RedirectResponse:
    response = redirect(url)
    flash(response, settings_of(request), text, kind)
    return response


def ws_url(slug: str, *parts: object) -> str:
    return "/".join([f"/w/{slug}", *(str(p) for p in parts)]).rstrip("/")


async def form_data(request: Request) -> FormData:
    """The submitted form, parsed once (so handlers can stay sync and run in the threadpool)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(form_data)]


def form_text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""
