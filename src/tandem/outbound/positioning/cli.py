"""`tandem positioning`: the canvases, their statements, versions and diffs in the terminal."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

positioning_app = typer.Typer(help="Positioning canvases: statements, versions and diffs.",
                              no_args_is_help=True)

CanvasArg = Annotated[int | None, typer.Argument(
    metavar="[CANVAS_ID]", help="One canvas (default: every canvas).")]


def _show(canvas: dict[str, Any]) -> None:
    name = canvas["product"] + (f" · {canvas['segment']}" if canvas["segment"] else "")
    current = canvas["current"]
    output.info(f"#{canvas['id']} {name}")
    if current is None:
        output.info("  No version saved yet: work the canvas on the web or with the API.")
    else:
        output.info(f"  Version {current['number']} (current), by {current['author']} on "
                    f"{current['created_at'][:10]}")
        statements = current["statements"] or {}
        output.info(f"  Statement: {statements.get('long', '')}")
        output.info(f"  Short:     {statements.get('short', '')}")
    if canvas["draft_problem"]:
        output.warn(f"  Draft: {canvas['draft_problem']}")


@positioning_app.command("show")
def show(ctx: typer.Context, canvas_id: CanvasArg = None, workspace: WorkspaceOpt = None,
         json_out: JsonOpt = False) -> None:
    """The current positioning statement (long and short) of each canvas."""
    api = client(ctx)
    slug = workspace_of(ctx, workspace)
    found = ([api.json("GET", api.ws(slug, f"/positioning/{canvas_id}"))]
             if canvas_id is not None else api.json("GET", api.ws(slug, "/positioning")))
    if json_out:
        output.print_json(found if canvas_id is None else found[0])
        return
    if not found:
        output.info("No positioning canvas yet: start one on the web (Outbound → Positioning).")
        return
    for canvas in found:
        _show(canvas)


@positioning_app.command("diff")
def diff(ctx: typer.Context,
         canvas_id: Annotated[int, typer.Argument(metavar="CANVAS_ID")],
         left: Annotated[int | None, typer.Option("--from", metavar="N",
                                                  help="Older version (default: the draft)")
                         ] = None,
         right: Annotated[int | None, typer.Option("--to", metavar="N",
                                                   help="Newer version (default: the draft)")
                          ] = None,
         workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Two versions of a canvas side by side, field by field."""
    api = client(ctx)
    params = {k: v for k, v in (("left", left), ("right", right)) if v is not None}
    rows = api.json("GET", api.ws(workspace_of(ctx, workspace),
                                  f"/positioning/{canvas_id}/diff"), params=params)
    if json_out:
        output.print_json(rows)
        return
    output.table(["Field", f"Version {left or 'draft'}", f"Version {right or 'draft'}",
                  "Changed"],
                 [(r["label"], "\n".join(r["before"]), "\n".join(r["after"]),
                   "yes" if r["changed"] else "") for r in rows], keep=["Field"])


def register(app: typer.Typer) -> None:
    app.add_typer(positioning_app, name="positioning")
