"""Errors as pages: people get a readable page with a way forward, never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from tandem.api.errors import busy, error_body
from tandem.errors import Stale, TandemError
from tandem.schema import friendly_error
from tandem.web.context import SignInRequired, redirect, signin_url
from tandem.web.render import render

log = logging.getLogger("tandem.web")

TITLES = {400: "That request did not make sense", 401: "Please sign in",
          403: "You cannot do that here", 404: "Not found", 405: "Not allowed",
          409: "That clashes with something that exists",
          412: "Someone else changed this meanwhile", 422: "That input is not valid",
          500: "Something went wrong"}


def error_page(request: Request, status: int, message: str,
               title: str | None = None) -> Response:
    """An error page, or a short text answer for htmx (its error handler shows it)."""
    if request.headers.get("hx-request"):
        return Response(message, status_code=status, media_type="text/plain")
    return render(request, "error.html", {
        "status": status, "title": title or TITLES.get(status, "Error"), "message": message,
    }, status=status)


async def _sign_in(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    if request.headers.get("hx-request"):
        return Response("Your session has ended: sign in again.", status_code=401,
                        headers={"HX-Redirect": signin_url(exc.next_path)})
    return redirect(signin_url(exc.next_path))


async def csrf_refused(request: Request) -> Response:
    """What `tandem.web.csrf.CsrfProtect` answers to a form without this browser's token."""
    return error_page(
        request, 403,
        "The form was missing its security token, or the token has expired. Go back, reload "
        "the page and try again. (This protects you from other sites submitting forms in "
        "your name.)", title="Form expired or not sent from Tandem")


async def _tandem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TandemError)
    if exc.status == 401:
        return redirect(signin_url(request.url.path))
    if isinstance(exc, Stale):  # 412 belongs to HTTP preconditions; a page says 409
        return error_page(request, 409, exc.message, title=TITLES[412])
    return error_page(request, exc.status, exc.message)


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith("/api/"):  # a path the API's mount could not take
        return JSONResponse(error_body("not_found" if exc.status_code == 404 else "error",
                                       "No such API route."), exc.status_code)
    message = str(exc.detail) if exc.status_code != 404 else (
        "There is no page at this address. It may have been deleted, or the link is wrong.")
    return error_page(request, exc.status_code, message)


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if not exc.errors():
        return error_page(request, 400, "Invalid request.")
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("path", "query", "body"))
    message = friendly_error(first, where)
    return error_page(request, 400 if "path" not in str(first.get("loc")) else 404, message)


async def _unexpected(request: Request, exc: Exception) -> Response:
    if busy(exc):
        page = error_page(request, 503, "Tandem is busy writing something large. Try again "
                          "in a moment.", title="Busy")
        page.headers["Retry-After"] = "2"
        return page
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return error_page(request, 500, "The server hit an unexpected error. It has been logged; "
                      "try again, and if it keeps happening tell whoever runs this Tandem.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(SignInRequired, _sign_in)
    app.add_exception_handler(TandemError, _tandem)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected)
