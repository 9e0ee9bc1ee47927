"""Cookies the web face sets: the sign-in session and one-shot flash messages.

Every cookie is HttpOnly and SameSite=Lax; `tandem.web.middleware.SecureCookies` adds
`Secure` to each one on requests that came over HTTPS (or always, with
TANDEM_COOKIE_SECURE). CSRF tokens are derived from these cookies: see `tandem.web.csrf`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request
from starlette.responses import Response

from tandem.settings import Settings

SESSION_COOKIE = "tandem_session"
FLASH_COOKIE = "tandem_flash"


def _session_age(settings: Settings) -> int:
    return settings.session_days * 24 * 3600


def _set(response: Response, settings: Settings, name: str, value: str,
         max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True,
                        samesite="lax", secure=settings.cookie_secure)


def cookie_header(name: str, value: str, max_age: int) -> bytes:
    """A Set-Cookie value with the attributes of `_set`, for middleware that has no Response."""
    return (f"{name}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=lax"
            .encode("latin-1"))


# --- sign-in session ---------------------------------------------------------------------


def set_session(response: Response, settings: Settings, token: str) -> None:
    _set(response, settings, SESSION_COOKIE, token, _session_age(settings))


def clear_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


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
