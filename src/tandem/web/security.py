"""Cookies the web face sets: the sign-in session, the CSRF token and one-shot flash messages.

CSRF uses the double-submit pattern: a random token lives in an HttpOnly cookie and every
state-changing request must echo it, either as the `csrf_token` form field (plain HTML forms)
or as the `X-CSRF-Token` header (htmx sends it from `hx-headers` on <body>). A cross-site
page can make the browser send the cookie but cannot read it, so it cannot echo it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request
from starlette.responses import Response

from tandem.settings import Settings

SESSION_COOKIE = "tandem_session"
CSRF_COOKIE = "tandem_csrf"
FLASH_COOKIE = "tandem_flash"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfFailed(Exception):
    """A state-changing request arrived without the matching CSRF token."""


def _session_age(settings: Settings) -> int:
    return settings.session_days * 24 * 3600


def _set(response: Response, settings: Settings, name: str, value: str,
         max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True,
                        samesite="lax", secure=settings.cookie_secure)


# --- sign-in session ---------------------------------------------------------------------


def set_session(response: Response, settings: Settings, token: str) -> None:
    _set(response, settings, SESSION_COOKIE, token, _session_age(settings))


def clear_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


# --- CSRF ----------------------------------------------------------------------------------


def csrf_token(request: Request) -> str:
    """The token for forms on this response; minted (and remembered) when the cookie is absent."""
    existing = getattr(request.state, "csrf_token", None)
    if isinstance(existing, str):
        return existing
    token = request.cookies.get(CSRF_COOKIE) or ""
    if len(token) < 20:
        token = secrets.token_urlsafe(32)
        request.state.csrf_new = True
    request.state.csrf_token = token
    return token


def rotate_csrf(request: Request) -> str:
    """A fresh token, e.g. at sign-in, so a token seen before sign-in is useless after it."""
    request.state.csrf_token = secrets.token_urlsafe(32)
    request.state.csrf_new = True
    return str(request.state.csrf_token)


def store_csrf(request: Request, response: Response, settings: Settings) -> None:
    """Set the CSRF cookie on `response` if this request minted a new token."""
    if getattr(request.state, "csrf_new", False):
        _set(response, settings, CSRF_COOKIE, str(request.state.csrf_token),
             _session_age(settings))


async def check_csrf(request: Request) -> None:
    """Dependency for every web route: unsafe methods must echo the cookie's token."""
    if request.method in SAFE_METHODS:
        return
    expected = request.cookies.get(CSRF_COOKIE) or ""
    sent = request.headers.get(CSRF_HEADER) or ""
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else ""
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        raise CsrfFailed()


# --- flash messages ------------------------------------------------------------------------


@dataclass(frozen=True)
class Flash:
    kind: str  # success | error | info
    text: str


def _sign(settings: Settings, payload: str) -> str:
    return hmac.new(settings.secret_key.encode(), payload.encode(), hashlib.sha256).hexdigest()


def flash(response: Response, settings: Settings, text: str, kind: str = "success") -> None:
    """Show `text` once on the next page this browser renders."""
    payload = base64.urlsafe_b64encode(json.dumps([kind, text]).encode()).decode()
    _set(response, settings, FLASH_COOKIE, f"{payload}.{_sign(settings, payload)}", 300)


def take_flash(request: Request, settings: Settings) -> Flash | None:
    """Read the pending flash message; None when absent or tampered with."""
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw or "." not in raw:
        return None
    payload, signature = raw.rsplit(".", 1)
    if not hmac.compare_digest(signature, _sign(settings, payload)):
        return None
    try:
        kind, text = json.loads(base64.urlsafe_b64decode(payload.encode()))
    except (ValueError, TypeError):
        return None
    return Flash(str(kind), str(text))


def clear_flash(response: Response) -> None:
    response.delete_cookie(FLASH_COOKIE, path="/")


# --- redirects -------------------------------------------------------------------------------


def safe_next(target: str | None, default: str = "/") -> str:
    """Only same-site paths may be redirect targets, so ?next= cannot send people elsewhere."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target
