"""The backend on a running Tandem server, through its REST API with a personal token.

API failures arrive as {"error": {"code", "message", "field"}} and are raised again as the
matching `TandemError`, so the CLI reports them exactly like local failures. Network
failures become one-line errors that name the server.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from tandem.cli.backend import (
    Backend,
    CsvReport,
    Item,
    MemberInfo,
    NewToken,
    PageData,
    Progress,
    TokenInfo,
    WorkspaceInfo,
)
from tandem.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    TandemError,
    Unauthorized,
)

API_PATH = "/api/v1"
TIMEOUT_SECONDS = 60.0
_ERRORS: dict[str, type[TandemError]] = {
    "not_found": NotFound, "conflict": Conflict, "invalid": Invalid,
    "unauthorized": Unauthorized, "forbidden": Forbidden,
}


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


class RemoteBackend(Backend):
    """Speaks HTTP to `url` (the server root, or its /api/v1 root).

    Pass `client` to reuse an httpx.Client, such as a FastAPI TestClient; `api_path`
    overrides where the API lives under `url` ("" when the client serves the API itself).
    """

    is_remote = True
    token_needs_password = True

    def __init__(self, url: str, token: str | None = None, client: httpx.Client | None = None,
                 api_path: str | None = None) -> None:
        base = url.strip().rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise Invalid(f"'{url}' is not a server URL: it must start with http:// or "
                          "https://.", "url")
        if api_path is None:
            api_path = "" if base.endswith(API_PATH) else API_PATH
        self.root = base + api_path
        self.where = base
        self.token = token
        self._owns_client = client is None
        self._client = client or httpx.Client(timeout=TIMEOUT_SECONDS)

    # --- plumbing ----------------------------------------------------------------------

    def _send(self, method: str, path: str, *, auth: bool = True,
              **kwargs: Any) -> httpx.Response:
        headers: dict[str, str] = dict(kwargs.pop("headers", {}) or {})
        if auth:
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

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._send(method, path, **kwargs)
        try:
            return response.json()
        except ValueError:
            raise TandemError(f"{self.where} did not answer with JSON; is it a Tandem "
                              "server?") from None

    def _slug(self, workspace: str | None) -> str:
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

    def _ws(self, workspace: str | None, tail: str = "") -> str:
        return f"/workspaces/{self._slug(workspace)}{tail}"

    @staticmethod
    def _local_only(owner_email: str | None) -> None:
        if owner_email:
            raise Invalid("--owner works on the local database only; on a server the "
                          "workspace belongs to the token's user.", "owner")

    # --- workspaces and members --------------------------------------------------------

    def workspaces(self) -> list[WorkspaceInfo]:
        return [WorkspaceInfo(w["slug"], w["name"], w["role"], w["id"])
                for w in self._json("GET", "/workspaces")]

    def create_workspace(self, name: str, slug: str | None,
                         owner_email: str | None = None) -> WorkspaceInfo:
        self._local_only(owner_email)
        w = self._json("POST", "/workspaces", json={"name": name, "slug": slug})
        return WorkspaceInfo(w["slug"], w["name"], w["role"], w["id"])

    def members(self, workspace: str | None) -> list[MemberInfo]:
        return [MemberInfo(m["email"], m["name"], m["role"])
                for m in self._json("GET", self._ws(workspace, "/members"))]

    def add_member(self, workspace: str | None, email: str, role: str,
                   new_password: str | None = None, name: str = "") -> MemberInfo:
        m = self._json("POST", self._ws(workspace, "/members"),
                       json={"email": email, "role": role, "password": new_password,
                             "name": name})
        return MemberInfo(m["email"], m["name"], m["role"])

    def remove_member(self, workspace: str | None, email: str) -> None:
        self._json("DELETE", self._ws(workspace, "/members"), params={"email": email})

    # --- resources ---------------------------------------------------------------------

    def list_items(self, kind: str, workspace: str | None, *, q: str | None = None,
                   filters: dict[str, str] | None = None, offset: int = 0,
                   limit: int = 50) -> PageData:
        params: dict[str, str | int] = {**(filters or {}), "offset": offset, "limit": limit}
        if q:
            params["q"] = q
        page = self._json("GET", self._ws(workspace, f"/{_seg(kind)}"), params=params)
        return PageData(page["items"], page["total"], page["offset"], page["limit"],
                        page.get("next_offset"))

    def get_item(self, kind: str, workspace: str | None, item_id: int) -> Item:
        item: Item = self._json("GET", self._ws(workspace, f"/{_seg(kind)}/{item_id}"))
        return item

    def create_item(self, kind: str, workspace: str | None, data: Item) -> Item:
        item: Item = self._json("POST", self._ws(workspace, f"/{_seg(kind)}"), json=data)
        return item

    def update_item(self, kind: str, workspace: str | None, item_id: int,
                    data: Item) -> Item:
        item: Item = self._json("PATCH", self._ws(workspace, f"/{_seg(kind)}/{item_id}"),
                                json=data)
        return item

    def delete_item(self, kind: str, workspace: str | None, item_id: int) -> None:
        self._send("DELETE", self._ws(workspace, f"/{_seg(kind)}/{item_id}"))

    def link(self, workspace: str | None, a_type: str, a_id: int, b_type: str, b_id: int,
             importance: int | None = None) -> None:
        self._send("POST", self._ws(workspace, "/links"),
                   json={"from_type": a_type, "from_id": a_id, "to_type": b_type,
                         "to_id": b_id, "importance": importance})

    def unlink(self, workspace: str | None, a_type: str, a_id: int, b_type: str,
               b_id: int) -> None:
        self._send("DELETE", self._ws(workspace, "/links"),
                   params={"from_type": a_type, "from_id": a_id, "to_type": b_type,
                           "to_id": b_id})

    # --- bulk --------------------------------------------------------------------------

    def import_evidence(self, workspace: str | None, text: str, source_name: str,
                        skip_invalid: bool, progress: Progress | None = None) -> CsvReport:
        # One upload, one answer: the server reports no progress along the way.
        try:
            report = self._json("POST", self._ws(workspace, "/evidence/import"),
                                params={"skip_invalid": str(skip_invalid).lower()},
                                content=text.encode("utf-8"),
                                headers={"Content-Type": "text/csv; charset=utf-8"})
        except TandemError as exc:
            # The server calls the upload "CSV"; name the file the person gave instead.
            if exc.message.startswith("CSV"):
                exc.message = source_name + exc.message[3:]
                exc.args = (exc.message,)
            raise
        return CsvReport(report["created"], list(report["skipped"]))

    def roadmap(self, workspace: str | None) -> dict[str, list[dict[str, Any]]]:
        board: dict[str, list[dict[str, Any]]] = self._json("GET", self._ws(workspace,
                                                                           "/roadmap"))
        return board

    def export_workspace(self, workspace: str | None) -> dict[str, Any]:
        data: dict[str, Any] = self._json("GET", self._ws(workspace, "/export"))
        return data

    def import_workspace(self, data: Any, slug: str | None, name: str | None,
                         owner_email: str | None = None) -> WorkspaceInfo:
        self._local_only(owner_email)
        params = {k: v for k, v in (("slug", slug), ("name", name)) if v}
        w = self._json("POST", "/workspaces/import", params=params, json=data)
        return WorkspaceInfo(w["slug"], w["name"], w["role"], w["id"])

    # --- personal API tokens -----------------------------------------------------------

    def _check_self(self, email: str | None) -> None:
        """Remotely a token only sees its own user's tokens; say so if asked for another."""
        if not email:
            return
        me = self._json("GET", "/me")
        if str(me["email"]).lower() != email.strip().lower():
            raise Forbidden(f"The token belongs to {me['email']}; on a server you can only "
                            "manage your own tokens.", "email")

    def create_token(self, email: str | None, name: str,
                     password: str | None = None) -> NewToken:
        if not email or password is None:
            raise Invalid("A server needs --email and the password to make a token.", "email")
        t = self._json("POST", "/tokens", auth=False,
                       json={"email": email, "password": password, "name": name})
        return NewToken(t["id"], t["name"], t["token"])

    def list_tokens(self, email: str | None) -> list[TokenInfo]:
        self._check_self(email)
        return [TokenInfo(t["id"], t["name"], t["prefix"], t["created_at"], t["last_used_at"])
                for t in self._json("GET", "/tokens")]

    def revoke_token(self, email: str | None, token_id: int) -> None:
        self._check_self(email)
        self._send("DELETE", f"/tokens/{token_id}")

    def close(self) -> None:
        if self._owns_client:
            self._client.close()
