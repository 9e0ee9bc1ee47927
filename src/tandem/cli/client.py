"""The CLI's one way to Tandem: JSON over the REST API, in this process or over HTTP.

Without --url the client calls the API app in-process through an ASGI transport, acting as
the local administrator; with --url it speaks HTTP to a server with a personal token. The
commands cannot tell the difference: the same requests, the same JSON, the same errors.
API failures arrive as {"error": {"code", "message", "field"}} and are raised again as the
matching `TandemError`; network failures become one-line errors that name the server.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from tandem.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    Stale,
    TandemError,
    Unauthorized,
)
from tandem.registry import RESOURCES
from tandem.schema import friendly_error

if TYPE_CHECKING:
    from tandem.runtime import Runtime

Item = dict[str, Any]


@dataclass
class WorkspaceInfo:
    slug: str
    name: str
    role: str
    id: int | None = None


@dataclass
class MemberInfo:
    email: str
    name: str
    role: str


@dataclass
class TokenInfo:
    id: int
    name: str
    prefix: str = ""
    created_at: str = ""
    last_used_at: str | None = None


@dataclass
class NewToken:
    """A freshly made token: `plain` is shown once and never again."""

    id: int
    name: str
    plain: str


@dataclass
class PageData:
    items: list[Item]
    total: int
    offset: int
    limit: int
    next_offset: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "offset": self.offset,
                "limit": self.limit, "next_offset": self.next_offset}


API_PATH = "/api/v1"
TIMEOUT_SECONDS = 60.0
_ERRORS: dict[str, type[TandemError]] = {
    "not_found": NotFound, "conflict": Conflict, "invalid": Invalid,
    "unauthorized": Unauthorized, "forbidden": Forbidden, "stale": Stale,
}


def _email(email: str | None) -> dict[str, str]:
    return {"email": email} if email else {}


def _if_match(version: int | None) -> dict[str, str]:
    return {} if version is None else {"If-Match": f'"{version}"'}


def _seg(value: str | int) -> str:
    """One URL path segment, escaped so a slug can never change the route."""
    return quote(str(value), safe="")


def error_from(response: httpx.Response) -> TandemError:
    """The API's error body as a TandemError; any other answer described by its status."""
    try:
        body = response.json()
        detail = body["error"]
        message = str(detail["message"])
    except (ValueError, KeyError, TypeError):
        return TandemError(f"{response.request.url} answered {response.status_code} "
                           f"{response.reason_phrase}; is it a Tandem server?")
    cls = _ERRORS.get(str(detail.get("code")), TandemError)
    error = cls(message, detail.get("field"))
    if cls is TandemError:
        error.status = response.status_code
        error.code = str(detail.get("code") or "error")
    return error


class ApiClient:
    """Speaks HTTP to the API at `root`, through `http`.

    `remote_client` points it at a server over the network with a token; `local_client`
    at the API app in this process, acting as the local administrator. Everything else is
    the same, so every command works the same in both modes.
    """

    def __init__(self, http: httpx.Client, root: str, where: str, token: str | None = None,
                 *, is_remote: bool, owns_http: bool = True) -> None:
        self.root = root
        self.where = where
        self.token = token
        self.is_remote = is_remote
        # A server exchanges email and password for a token; the local administrator
        # needs only the email.
        self.token_needs_password = is_remote
        self._owns_client = owns_http
        self._client = http

    # --- plumbing ----------------------------------------------------------------------

    def send(self, method: str, path: str, *, auth: bool = True,
             **kwargs: Any) -> httpx.Response:
        """One request; an error answer is raised as the matching TandemError."""
        headers: dict[str, str] = dict(kwargs.pop("headers", {}) or {})
        if auth and self.is_remote:
            if not self.token:
                raise Unauthorized("Talking to a server needs an API token: pass --token or "
                                   "set TANDEM_TOKEN (make one with `tandem token create`).")
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self._client.request(method, self.root + path, headers=headers,
                                            **kwargs)
        except httpx.HTTPError as exc:
            reason = str(exc) or type(exc).__name__
            raise TandemError(f"Cannot reach {self.where}: {reason}") from exc
        if not response.is_success:
            raise error_from(response)
        return response

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """One request whose answer is JSON."""
        response = self.send(method, path, **kwargs)
        try:
            return response.json()
        except ValueError:
            raise TandemError(f"{self.where} did not answer with JSON; is it a Tandem "
                              "server?") from None

    def slug(self, workspace: str | None) -> str:
        """The named workspace, or the caller's only one (as `open_scope` decides locally)."""
        if workspace:
            return _seg(workspace)
        visible = self.workspaces()
        if len(visible) == 1:
            return _seg(visible[0].slug)
        if not visible:
            raise NotFound("There is no workspace yet: create one first.", "workspace")
        names = ", ".join(w.slug for w in visible)
        raise Invalid(f"Several workspaces exist ({names}): name one with --workspace or "
                      "TANDEM_WORKSPACE.", "workspace")

    def ws(self, workspace: str | None, tail: str = "") -> str:
        """The API path of a workspace (the caller's only one when None), plus `tail`."""
        return f"/workspaces/{self.slug(workspace)}{tail}"

    # --- workspaces and members --------------------------------------------------------

    def workspaces(self) -> list[WorkspaceInfo]:
        return [WorkspaceInfo(w["slug"], w["name"], w["role"], w["id"])
                for w in self.json("GET", "/workspaces")]

    def create_workspace(self, name: str, slug: str | None,
                         owner_email: str | None = None) -> WorkspaceInfo:
        w = self.json("POST", "/workspaces",
                      json={"name": name, "slug": slug, "owner": owner_email})
        return WorkspaceInfo(w["slug"], w["name"], w["role"], w["id"])

    def members(self, workspace: str | None) -> list[MemberInfo]:
        return [MemberInfo(m["email"], m["name"], m["role"])
                for m in self.json("GET", self.ws(workspace, "/members"))]

    def set_role(self, workspace: str | None, email: str, role: str) -> MemberInfo:
        m = self.json("POST", self.ws(workspace, "/members"),
                       json={"email": email, "role": role})
        return MemberInfo(m["email"], m["name"], m["role"])

    def invite(self, workspace: str | None, email: str, role: str) -> dict[str, Any]:
        made: dict[str, Any] = self.json("POST", self.ws(workspace, "/invitations"),
                                         json={"email": email, "role": role})
        return made

    def invitations(self, workspace: str | None) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.json("GET", self.ws(workspace, "/invitations"))
        return found

    def cancel_invitation(self, workspace: str | None, invitation_id: int) -> None:
        self.send("DELETE", self.ws(workspace, f"/invitations/{invitation_id}"))

    def reset_link(self, workspace: str | None, email: str) -> dict[str, Any]:
        made: dict[str, Any] = self.json("POST", self.ws(workspace, "/members/reset-link"),
                                         json={"email": email})
        return made

    def change_password(self, current: str, new: str) -> str:
        done = self.json("POST", "/me/password",
                         json={"current_password": current, "new_password": new})
        return str(done["message"])

    def remove_member(self, workspace: str | None, email: str) -> None:
        self.send("DELETE", self.ws(workspace, "/members"), params={"email": email})

    # --- resources ---------------------------------------------------------------------

    def list_items(self, kind: str, workspace: str | None, *, q: str | None = None,
                   filters: dict[str, str] | None = None, offset: int = 0,
                   limit: int = 50) -> PageData:
        params: dict[str, str | int] = {**(filters or {}), "offset": offset, "limit": limit}
        if q:
            params["q"] = q
        page = self.json("GET", self.ws(workspace, f"/{_seg(kind)}"), params=params)
        return PageData(page["items"], page["total"], page["offset"], page["limit"],
                        page.get("next_offset"))

    def get_item(self, kind: str, workspace: str | None, item_id: int) -> Item:
        item: Item = self.json("GET", self.ws(workspace, f"/{_seg(kind)}/{item_id}"))
        return item

    def create_item(self, kind: str, workspace: str | None, data: Item) -> Item:
        item: Item = self.json("POST", self.ws(workspace, f"/{_seg(kind)}"), json=data)
        return item

    def update_item(self, kind: str, workspace: str | None, item_id: int,
                    data: Item, if_version: int | None = None) -> Item:
        """PATCH the fields in `data`; with `if_version`, only if the object is still at
        that version (Stale otherwise)."""
        item: Item = self.json("PATCH", self.ws(workspace, f"/{_seg(kind)}/{item_id}"),
                                json=data, headers=_if_match(if_version))
        return item

    def delete_item(self, kind: str, workspace: str | None, item_id: int,
                    if_version: int | None = None) -> None:
        self.send("DELETE", self.ws(workspace, f"/{_seg(kind)}/{item_id}"),
                  headers=_if_match(if_version))

    def link(self, workspace: str | None, a_type: str, a_id: int, b_type: str, b_id: int,
             importance: int | None = None) -> None:
        self.send("POST", self.ws(workspace, "/links"),
                   json={"from_type": a_type, "from_id": a_id, "to_type": b_type,
                         "to_id": b_id, "importance": importance})

    def unlink(self, workspace: str | None, a_type: str, a_id: int, b_type: str,
               b_id: int) -> None:
        self.send("DELETE", self.ws(workspace, "/links"),
                   params={"from_type": a_type, "from_id": a_id, "to_type": b_type,
                           "to_id": b_id})

    # --- bulk --------------------------------------------------------------------------

    def import_evidence(self, workspace: str | None, stream: IO[bytes], name: str,
                        params: list[tuple[str, str]]) -> Item:
        """Send an import file as the body, streamed; the API answers with the job (202)."""
        job: Item = self.json("POST", self.ws(workspace, "/evidence/import"),
                              params=[("name", name), *params], content=stream,
                              headers={"Content-Type": "application/octet-stream"})
        return job

    def export_workspace(self, workspace: str | None) -> dict[str, Any]:
        data: dict[str, Any] = self.json("GET", self.ws(workspace, "/export"))
        return data

    def import_workspace(self, data: Any, slug: str | None, name: str | None,
                         owner_email: str | None = None) -> dict[str, Any]:
        """Start an import; the job that writes it (follow it with `wait_for`)."""
        params = {k: v for k, v in (("slug", slug), ("name", name), ("owner", owner_email)) if v}
        job: dict[str, Any] = self.json("POST", "/workspaces/import", params=params, json=data)
        return job

    # --- personal API tokens -----------------------------------------------------------

    def create_token(self, email: str | None, name: str,
                     password: str | None = None) -> NewToken:
        """A server checks the password; the local administrator needs only the email."""
        if not email or (self.is_remote and password is None):
            raise Invalid("A server needs --email and the password to make a token." if
                          self.is_remote else "Name the user with --email: locally, tokens "
                          "belong to a user.", "email")
        t = self.json("POST", "/tokens", auth=False,
                      json={"email": email, "password": password, "name": name})
        return NewToken(t["id"], t["name"], t["token"])

    def list_tokens(self, email: str | None) -> list[TokenInfo]:
        return [TokenInfo(t["id"], t["name"], t["prefix"], t["created_at"], t["last_used_at"])
                for t in self.json("GET", "/tokens", params=_email(email))]

    def revoke_token(self, email: str | None, token_id: int) -> None:
        self.send("DELETE", f"/tokens/{token_id}", params=_email(email))

    def close(self) -> None:
        if self._owns_client:
            self._client.close()


# --- helpers ---------------------------------------------------------------------------------


def kind_name(word: str) -> str:
    """Resource name for what a person types: 'opportunities', 'opportunity', 'Evidence'."""
    wanted = word.strip().lower()
    for name, res in RESOURCES.items():
        if wanted in (name, res.label.lower(), res.plural.lower()):
            return name
    known = ", ".join(RESOURCES)
    raise NotFound(f"Unknown kind of object '{word}' (known: {known}).", "kind")


def invalid_from(exc: ValidationError) -> Invalid:
    """The first validation problem as one line, named like the API names it."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or None
    return Invalid(friendly_error(first, where), where)


def validated(schema: type[BaseModel], data: Item) -> BaseModel:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise invalid_from(exc) from None


# --- the two ways to reach the API ------------------------------------------------------------


class _AsLocalAdmin:
    """ASGI wrapper that marks every request as the local administrator's, on `runtime`.

    Only this process can wrap the app, so the mark never arrives over the network.
    """

    def __init__(self, app: Any, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        from tandem.api.deps import LOCAL_ADMIN_KEY, RUNTIME_KEY

        if scope["type"] == "http":
            scope = {**scope, LOCAL_ADMIN_KEY: True, RUNTIME_KEY: self.runtime}
        await self.app(scope, receive, send)


_shared: tuple[object, Any] | None = None


def _api_app(runtime: Runtime) -> Any:
    """One API app per process and manifest: FastAPI prepares each route on its first use,
    so a process that runs many commands (the test suite) should not build it again."""
    global _shared
    from tandem import features
    from tandem.api.app import create_api

    if _shared is None or _shared[0] is not features.FEATURES:
        _shared = (features.FEATURES, create_api(runtime))
    return _shared[1]


class InProcess(httpx.BaseTransport):
    """A synchronous transport that hands each request straight to an ASGI app in this
    process, through httpx's own ASGI transport: no socket, no server thread."""

    def __init__(self, app: Any) -> None:
        self._asgi = httpx.ASGITransport(app=app, raise_app_exceptions=False)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.stream
        content: bytes | AsyncIterator[bytes]
        if isinstance(body, httpx.ByteStream):
            content = request.read()
        else:  # a file being uploaded: streamed, not read whole (it may exceed memory)
            async def chunks() -> AsyncIterator[bytes]:
                for chunk in body:  # type: ignore[union-attr]
                    yield chunk

            content = chunks()
        buffered = httpx.Request(request.method, request.url, headers=request.headers,
                                 content=content, extensions=request.extensions)

        async def send() -> httpx.Response:
            answer = await self._asgi.handle_async_request(buffered)
            body = await answer.aread()
            return httpx.Response(answer.status_code, headers=answer.headers, content=body,
                                  extensions=answer.extensions)

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(send())
        # This thread already runs an event loop (an async host, Playwright's sync API):
        # run the request's own loop on a short-lived thread instead.
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, send()).result()


def local_client(runtime: Runtime) -> ApiClient:
    """The API app of `runtime`, called in-process as the local administrator."""
    http = httpx.Client(transport=InProcess(_AsLocalAdmin(_api_app(runtime), runtime)),
                        base_url="http://tandem.local", timeout=None)
    return ApiClient(http, "", f"local database {runtime.settings.database_url}",
                     is_remote=False)


def remote_client(url: str, token: str | None = None, http: httpx.Client | None = None,
                  api_path: str | None = None) -> ApiClient:
    """A server at `url` (its root, or its /api/v1 root).

    Pass `http` to reuse an httpx.Client, such as a FastAPI TestClient; `api_path`
    overrides where the API lives under `url` ("" when the client serves the API itself).
    """
    base = url.strip().rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise Invalid(f"'{url}' is not a server URL: it must start with http:// or https://.",
                      "url")
    if api_path is None:
        api_path = "" if base.endswith(API_PATH) else API_PATH
    return ApiClient(http or httpx.Client(timeout=TIMEOUT_SECONDS), base + api_path, base,
                     token, is_remote=True, owns_http=http is None)
