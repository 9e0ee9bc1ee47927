"""One error shape for every API failure: {"error": {"code", "message", "field"}}."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tandem.errors import Stale, TandemError
from tandem.schema import friendly_error

log = logging.getLogger("tandem.api")

_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 412: "stale", 413: "too_large",
               422: "invalid", 429: "too_many_attempts"}


def error_body(code: str, message: str, field: str | None = None) -> dict[str, object]:
    return {"error": {"code": code, "message": message, "field": field}}


def _field_of(loc: tuple[object, ...]) -> str | None:
    if loc and loc[0] in ("body", "query", "path", "header"):
        loc = loc[1:]  # where it came from; a field may itself be called "body"
    parts = [str(p) for p in loc]
    return ".".join(parts) or None


async def _tandem_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TandemError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:  # 429: too many wrong passwords (accounts.throttle)
        headers = {"Retry-After": str(retry_after)}
    if isinstance(exc, Stale) and exc.current is not None:
        headers = {"ETag": f'"{exc.current}"'}  # the version to read and retry from
    return JSONResponse(error_body(exc.code, exc.message, exc.field), exc.status, headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    if not exc.errors():
        return JSONResponse(error_body("invalid", "Invalid request."), 422)
    first = exc.errors()[0]
    if first.get("type") == "json_invalid":
        return JSONResponse(error_body("invalid", "The request body is not valid JSON."), 422)
    field = _field_of(tuple(first.get("loc", ())))
    message = friendly_error(first, field)
    return JSONResponse(error_body("invalid", message, field), 422)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.__cause__ is not None:
        # FastAPI's answer to a body it could not decode (such as invalid UTF-8): the same
        # documented 422 as any other invalid JSON.
        return JSONResponse(error_body("invalid", "The request body is not valid UTF-8 JSON.",
                                       "body"), 422)
    code = _HTTP_CODES.get(exc.status_code, "error")
    return JSONResponse(error_body(code, str(exc.detail)), exc.status_code,
                        getattr(exc, "headers", None))


def busy(exc: BaseException) -> bool:
    """Whether an error is the database refusing to wait any longer for a lock."""
    return isinstance(exc, OperationalError) and any(
        word in str(exc).lower() for word in ("database is locked", "lock timeout",
                                               "deadlock detected"))


async def _database_error(_: Request, exc: Exception) -> JSONResponse:
    if busy(exc):
        return JSONResponse(error_body("busy", "The database is busy: try again shortly."),
                            503, {"Retry-After": "2"})
    log.error("database error: %s", exc, exc_info=exc)
    return JSONResponse(error_body("internal", "Something went wrong on the server."), 500)


class CatchAll:
    """Answer any unexpected error with a JSON 500 and stop it there.

    Starlette's own last-resort handler re-raises after responding, which would hand the
    error on to the web app this API is mounted in.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("unexpected error on %s", scope.get("path"))
            if started or scope["type"] != "http":
                raise
            body = error_body("internal", "Something went wrong on the server.")
            await JSONResponse(body, 500)(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(TandemError, _tandem_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(OperationalError, _database_error)
    app.add_middleware(CatchAll)
