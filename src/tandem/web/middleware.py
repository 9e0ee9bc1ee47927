"""Response headers every page gets, whichever route or mounted app produced it.

- `SecurityHeaders`: a Content-Security-Policy (only our own scripts and styles, no inline
  script, no framing), `nosniff` and a same-origin referrer on every HTML response that does
  not set its own, so the API docs page and error pages are covered like the app's pages;
  and `Secure` on every cookie when the request came over HTTPS or TANDEM_COOKIE_SECURE says
  so. Whether a request came over HTTPS is the ASGI scheme: behind a reverse proxy that
  ends TLS it is `http` unless TANDEM_TRUSTED_PROXIES names the proxy, in which case
  uvicorn's ProxyHeadersMiddleware takes the scheme from X-Forwarded-Proto.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tandem.settings import Settings

# Only our own files may run or style pages; no inline script, no framing by other sites.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
PAGE_HEADERS = ((b"content-security-policy", CSP.encode()),
                (b"x-content-type-options", b"nosniff"),
                (b"referrer-policy", b"same-origin"))


def is_https(scope: Scope, settings: Settings) -> bool:
    return settings.cookie_secure or scope.get("scheme") in ("https", "wss")


def _secure(cookie: bytes) -> bytes:
    attributes = {part.strip().lower() for part in cookie.split(b";")[1:]}
    return cookie if b"secure" in attributes else cookie + b"; Secure"


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings: Settings = scope["app"].state.runtime.settings
        secure = is_https(scope, settings)

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(name, _secure(value) if secure and name == b"set-cookie" else value)
                           for name, value in message.get("headers", [])]
                names = {name.lower() for name, _ in headers}
                content_type = next((v for n, v in headers if n.lower() == b"content-type"),
                                    b"")
                if content_type.startswith(b"text/html"):
                    headers += [h for h in PAGE_HEADERS if h[0] not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)


def proxy_hosts(settings: Settings) -> list[str]:
    """The reverse proxies whose X-Forwarded-For and -Proto headers are believed (uvicorn's
    ProxyHeadersMiddleware, added by the server only when this is not empty)."""
    return [host.strip() for host in settings.trusted_proxies.split(",") if host.strip()]
