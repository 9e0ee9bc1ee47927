"""What the global options decide, and the API client and runtime built from them on demand.

Nothing opens a database or a connection until a command asks for it, so `--help` stays
fast and a remote command never touches local files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import httpx
import typer

from tandem.cli import output
from tandem.cli.client import ApiClient

if TYPE_CHECKING:
    from tandem.runtime import Runtime

WorkspaceOpt = Annotated[
    str | None,
    typer.Option("--workspace", "-w", metavar="SLUG",
                 help="Workspace to use (overrides the global --workspace)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@dataclass
class State:
    """Global options. Tests may pass one as `obj` with `http_client` set to a TestClient."""

    url: str | None = None
    token: str | None = None
    workspace: str | None = None
    debug: bool = False
    http_client: httpx.Client | None = None
    api_path: str | None = None
    _client: ApiClient | None = None
    _runtime: Runtime | None = None

    @property
    def remote(self) -> bool:
        return bool(self.url)


def state_of(ctx: typer.Context) -> State:
    found = ctx.find_object(State)
    if found is None:  # a command invoked without the root callback (only in tests)
        found = State()
        ctx.obj = found
    return found


def workspace_of(ctx: typer.Context, option: str | None) -> str | None:
    """The command's own --workspace, else the global one (or TANDEM_WORKSPACE)."""
    return option or state_of(ctx).workspace


def require_local(ctx: typer.Context, command: str) -> None:
    """Stop with a usage error (exit 2) when a local-only command is given --url."""
    if state_of(ctx).remote:
        output.error_line(f"`tandem {command}` works on the local database only; run it on "
                          "the server's machine without --url / TANDEM_URL.")
        raise typer.Exit(2)


def _runtime(ctx: typer.Context, create: bool = False) -> Runtime:
    state = state_of(ctx)
    if state._runtime is None:
        from tandem.runtime import Runtime

        runtime = Runtime.from_env(create=create)
        state._runtime = runtime
        ctx.find_root().call_on_close(runtime.close)
    return state._runtime


def local_runtime(ctx: typer.Context, command: str, create: bool = False) -> Runtime:
    """The local runtime (migrated); `command` is named in the error when --url is set.
    Only a command that sets `create` may start a new SQLite database (see
    `Runtime.from_env`)."""
    require_local(ctx, command)
    return _runtime(ctx, create)


def client(ctx: typer.Context) -> ApiClient:
    """The API client: in-process as the local administrator, or the --url server. Built
    once per command run and closed at its end."""
    state = state_of(ctx)
    if state._client is None:
        if state.url:
            from tandem.cli.client import remote_client

            state._client = remote_client(state.url, state.token, http=state.http_client,
                                          api_path=state.api_path)
        else:
            from tandem.cli.client import local_client

            state._client = local_client(_runtime(ctx))
        ctx.find_root().call_on_close(state._client.close)
    return state._client
