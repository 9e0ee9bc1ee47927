"""CSRF protection for every web route, as one ASGI middleware, on by default.

The token is not stored anywhere: it is an HMAC, keyed by the server's secret, of what the
browser already holds.

- Signed in: the HMAC of the session cookie (a random secret the server issued and
  stores only as a hash). A cross-site page cannot read that cookie, so it cannot compute
  the token; and a cookie an attacker manages to plant (say from a sibling subdomain) does
  not help, because no cookie value is ever compared with the form's value.
- Before a session exists (the sign-in and sign-up forms): a pre-session cookie holding a
  random nonce signed with the secret; the token is the HMAC of that nonce. A forged or
  attacker-chosen pre-session cookie fails its signature and is ignored.

Signing in replaces the session cookie, so every token seen before sign-in is useless after
it. Unsafe methods (POST, PUT, PATCH, DELETE) must echo the token, either in the
`X-CSRF-Token` header (htmx sends it from `hx-headers` on <body>) or in the `csrf_token`
form field (plain HTML forms, urlencoded or multipart). The comparison is constant-time.
The JSON API under /api/ is not covered: it authenticates with Bearer tokens, never with
cookies, so a browser cannot be tricked into sending its credentials.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, Mapping
from tempfile import SpooledTemporaryFile
from typing import IO

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request, cookie_parser
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tandem.settings import Settings
from tandem.web.security import SESSION_COOKIE, cookie_header

PRESESSION_COOKIE = "tandem_presession"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
EXEMPT_PREFIXES = ("/api/", "/static/")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_CHUNK = 64 * 1024
_IN_MEMORY = 1024 * 1024  # larger form bodies (uploads) are spooled to a temporary file

Refuse = Callable[[Request], Awaitable[Response]]


def _mac(settings: Settings, purpose: str, value: str) -> str:
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(settings.secret_key.encode(), message, hashlib.sha256).hexdigest()


def _presession_nonce(settings: Settings, cookie: str | None) -> str | None:
    """The nonce of a pre-session cookie whose signature is valid, else None."""
    if not cookie or "." not in cookie:
        return None
    nonce, signature = cookie.rsplit(".", 1)
    if not nonce or not hmac.compare_digest(signature, _mac(settings, "presession", nonce)):
        return None
    return nonce


def expected_token(settings: Settings, cookies: Mapping[str, str]) -> str | None:
    """The token this browser's cookies entitle it to; None when it has neither cookie."""
    session = cookies.get(SESSION_COOKIE)
    if session:
        return _mac(settings, "csrf-session", session)
    nonce = _presession_nonce(settings, cookies.get(PRESESSION_COOKIE))
    if nonce is not None:
        return _mac(settings, "csrf-presession", nonce)
    return None


def csrf_token(request: Request, settings: Settings) -> str:
    """The token for the forms of this response. Without a session or pre-session cookie a
    pre-session nonce is minted, and the middleware sets its cookie on the response."""
    cached = getattr(request.state, "csrf_token", None)
    if isinstance(cached, str):
        return cached
    token = expected_token(settings, request.cookies)
    if token is None:
        nonce = secrets.token_urlsafe(32)
        request.state.csrf_presession = f"{nonce}.{_mac(settings, 'presession', nonce)}"
        token = _mac(settings, "csrf-presession", nonce)
    request.state.csrf_token = token
    return token


def _settings(scope: Scope) -> Settings:
    settings: Settings = scope["app"].state.runtime.settings
    return settings


def _cookies(scope: Scope) -> dict[str, str]:
    """Parsed as Starlette parses `request.cookies`, so the pages and the check agree."""
    return cookie_parser(_header(scope, b"cookie"))


def _header(scope: Scope, wanted: bytes) -> str:
    for name, value in scope.get("headers", ()):
        if name == wanted:
            return str(value.decode("latin-1"))
    return ""


class _Spool:
    """A request body read once into memory or a temporary file, then replayed to the app."""

    def __init__(self) -> None:
        self.file: IO[bytes] = SpooledTemporaryFile(max_size=_IN_MEMORY)  # noqa: SIM115

    async def fill(self, receive: Receive) -> None:
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                raise HTTPException(400, "The client went away.")
            self.file.write(message.get("body", b""))
            more = bool(message.get("more_body", False))

    def replay(self, receive: Receive) -> Receive:
        self.file.seek(0)
        done = False

        async def replayed() -> Message:
            nonlocal done
            if done:
                return await receive()
            chunk = self.file.read(_CHUNK)
            if len(chunk) < _CHUNK:
                done = True
            return {"type": "http.request", "body": chunk, "more_body": not done}

        return replayed


async def _form_value(scope: Scope, spool: _Spool, receive: Receive) -> str:
    form = await Request(scope, spool.replay(receive)).form()
    try:
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    finally:
        for item in form.values():
            if isinstance(item, UploadFile):
                await item.close()


class CsrfProtect:
    """Refuses unsafe requests to the web pages that do not carry this browser's token, and
    sets the pre-session cookie on responses that minted one."""

    def __init__(self, app: ASGIApp, refuse: Refuse) -> None:
        self.app = app
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or path.startswith(EXEMPT_PREFIXES):
            await self.app(scope, receive, send)
            return
        settings = _settings(scope)
        send = self._with_presession(scope, send, settings)
        if scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        expected = expected_token(settings, _cookies(scope))
        sent = _header(scope, CSRF_HEADER.encode())
        spool: _Spool | None = None
        try:
            if not sent and _header(scope, b"content-type").startswith(FORM_TYPES):
                spool = _Spool()
                await spool.fill(receive)
                sent = await _form_value(scope, spool, receive)
            if expected is None or not sent or not hmac.compare_digest(
                    expected.encode(), sent.encode("utf-8", "replace")):
                response = await self.refuse(Request(scope))
                await response(scope, receive, send)
                return
            await self.app(scope, spool.replay(receive) if spool else receive, send)
        except HTTPException as exc:  # a body over the size limit, or one cut short
            if spool is None:
                raise
            await PlainTextResponse(str(exc.detail), exc.status_code)(scope, receive, send)
        finally:
            if spool is not None:
                spool.file.close()

    @staticmethod
    def _with_presession(scope: Scope, send: Send, settings: Settings) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                minted = scope.get("state", {}).get("csrf_presession")
                if minted:
                    headers = list(message.get("headers", []))
                    headers.append((b"set-cookie", cookie_header(
                        PRESESSION_COOKIE, str(minted), settings.session_days * 24 * 3600)))
                    message = {**message, "headers": headers}
            await send(message)

        return sending

