"""Input guards in front of every route, for the web and the API alike.

- `BodyLimit`: ASGI middleware that answers 413 when a request body is larger than
  `settings.max_body_bytes`, before anything parses it or looks at who sent it. A declared
  Content-Length is refused at once; a chunked body is counted as it streams and refused the
  moment it passes the limit. Routes that take files (imports) get `settings.max_import_bytes`
  instead: any path matched by `LARGE_BODY_PATHS` (today: a path whose last segment is
  `import`). To give a new route the larger limit, name it `.../import` or add its pattern.
- `clean_parameters`: a dependency on every router that refuses control characters (NUL,
  escape, ...) in path parameters, query parameters (names and values) and form fields, with
  a 422 that names the parameter. Request bodies are checked by `tandem.schema.Strict`.
- `WriteIntent`: marks POST, PUT, PATCH and DELETE requests as writes, so that on SQLite
  their transactions wait for the write lock instead of failing (`tandem.storage.engine`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tandem.errors import Invalid
from tandem.schema import control_character
from tandem.storage.engine import write_intent

DEFAULT_BODY_BYTES = 4 * 1024 * 1024
DEFAULT_IMPORT_BYTES = 64 * 1024 * 1024
LARGE_BODY_PATHS: tuple[re.Pattern[str], ...] = (re.compile(r"/import/?$"),)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a streamed body passes the limit (FastAPI passes HTTP
    exceptions raised while reading a body on to the handlers, which answer 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


def body_limit_for(scope: Scope) -> int:
    """The limit for this request's path, from the settings of the app it reached."""
    app = scope.get("app")
    runtime = getattr(getattr(app, "state", None), "runtime", None)
    settings = getattr(runtime, "settings", None)
    large = any(p.search(str(scope.get("path", ""))) for p in LARGE_BODY_PATHS)
    if large:
        return int(getattr(settings, "max_import_bytes", DEFAULT_IMPORT_BYTES))
    return int(getattr(settings, "max_body_bytes", DEFAULT_BODY_BYTES))


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimit:
    """413 for bodies over the limit; `json_errors` for the API's error shape, else a
    short page (the web's paths under /api/ answer JSON too)."""

    def __init__(self, app: ASGIApp, json_errors: bool = False) -> None:
        self.app = app
        self.json_errors = json_errors

    async def _refuse(self, scope: Scope, send: Send, limit: int) -> None:
        message = f"The request body is larger than {limit} bytes."
        if self.json_errors or str(scope.get("path", "")).startswith("/api/"):
            body = json.dumps({"error": {"code": "too_large", "message": message,
                                         "field": None}}).encode()
            kind = b"application/json"
        else:
            body = f"<!doctype html><title>Too large</title><p>{message}</p>".encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", kind),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit_for(scope)
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await self._refuse(scope, send, limit)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, send, limit)


def _check(where: str, name: str, value: Any, multiline: bool = False) -> None:
    if not isinstance(value, str):
        return
    found = control_character(value, multiline)
    if found is not None:
        raise Invalid(f"{where} '{name[:40]}' must not contain control characters "
                      f"(found {found}).", name[:40])


async def clean_parameters(request: Request) -> None:
    """Refuse control characters in path and query parameters and in form fields (long
    text in forms may hold tab and newline; the form's schema decides the rest)."""
    for name, value in request.path_params.items():
        _check("Path parameter", name, value)
    for name, value in request.query_params.multi_items():
        _check("Query parameter", name, name)
        _check("Query parameter", name, value)
    if request.method not in ("GET", "HEAD", "OPTIONS") and \
            request.headers.get("content-type", "").startswith(FORM_TYPES):
        form = await request.form()
        for name, value in form.multi_items():
            _check("Form field", name, name)
            _check("Form field", name, value, multiline=True)


class WriteIntent:
    """Marks requests with unsafe methods as writes, so their database transactions queue
    for SQLite's write lock up front (`tandem.storage.engine.write_intent`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        marker = write_intent.set(True)
        try:
            await self.app(scope, receive, send)
        finally:
            write_intent.reset(marker)
