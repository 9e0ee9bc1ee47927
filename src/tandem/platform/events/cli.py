"""`tandem audit`: the workspace's audit log, or one object's history, in the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.client import kind_name
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.paging import DEFAULT_LIMIT, MAX_LIMIT


def audit(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option(help="Only this kind, e.g. opportunity.")] = None,
    object_id: Annotated[int | None, typer.Option(
        "--id", min=1, help="Only this object (with --kind): its history.")] = None,
    verb: Annotated[str | None, typer.Option(help="Only this change: created, updated, ...")
                    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Who changed what and when, newest first."""
    api = client(ctx)
    params: dict[str, str | int] = {"limit": limit, "offset": offset}
    if kind:
        params["kind"] = kind_name(kind) if kind != "members" else kind
    if object_id is not None:
        params["object_id"] = object_id
    if verb:
        params["verb"] = verb
    page = api.json("GET", api.ws(workspace_of(ctx, workspace), "/events"), params=params)
    if json_out:
        output.print_json(page)
        return
    rows = []
    for e in page["items"]:
        changed = ", ".join(e["changes"] or {})
        rows.append((e["occurred_at"][:16].replace("T", " "), e["actor_label"], e["verb"],
                     f"{e['kind']} #{e['object_id']}", e["title"], changed))
    if rows:
        output.table(["When", "Who", "Change", "Object", "Title", "Fields"], rows,
                     wide=["Title"], keep=["Change"])
    output.page_footer(len(rows), page["total"], page["offset"], page["next_offset"])


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
