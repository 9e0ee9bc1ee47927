"""`tandem roadmap`: the Now / Next / Later board in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

roadmap_app = typer.Typer(help="Releases by horizon, what each addresses, and its launch (or "
                          "that it has none).", invoke_without_command=True)


@roadmap_app.callback()
def show_roadmap(ctx: typer.Context, workspace: WorkspaceOpt = None,
                 json_out: JsonOpt = False) -> None:
    """Releases by horizon, what each addresses, and its launch (or that it has none)."""
    if ctx.invoked_subcommand is not None:
        return
    api = client(ctx)
    board = api.json("GET", api.ws(workspace_of(ctx, workspace), "/roadmap"))
    if json_out:
        output.print_json(board)
        return
    rows = []
    for horizon, items in board.items():
        for item in items:
            release = item["release"]
            launches = ", ".join(f"{la['name']} (tier {la['tier']}, {la['status']})"
                                 for la in item["launches"])
            if release["shipped_on"]:
                when = f"shipped {release['shipped_on']}"
            else:
                due = f"due {release['target_date']}, " if release["target_date"] else ""
                when = due + release["status"].replace("_", " ")
            rows.append((horizon, release["name"], when, item["evidence_count"],
                         launches or ("NO LAUNCH PLAN" if item["needs_launch"] else "")))
    if not rows:
        output.info("No releases yet: add one with `tandem release add name=...`.")
        return
    output.table(["Horizon", "Release", "When", "Evidence", "Launch"], rows,
                 keep=["Release", "Launch"])
    output.info("Opportunities per release: `tandem roadmap --json` or the web roadmap.")


@roadmap_app.command("move")
def move_release(
    ctx: typer.Context,
    release_id: Annotated[int, typer.Argument(metavar="RELEASE_ID", help="The release's id.")],
    to: Annotated[str, typer.Option("--to", metavar="now|next|later",
                                    help="The column.")],
    position: Annotated[int, typer.Option("--position", min=1, max=10_000,
                                          help="Place in the column, 1 is the top.")] = 1,
    workspace: WorkspaceOpt = None,
) -> None:
    """Move a release to a column and a place in it (as dragging it on the board does)."""
    api = client(ctx)
    board = api.json("POST", api.ws(workspace_of(ctx, workspace), f"/roadmap/{release_id}/place"),
                     json={"horizon": to, "position": position})
    names = [item["release"]["name"] for item in board.get(to, [])]
    output.success(f"{to.title()}: " + ", ".join(f"{n}. {name}"
                                                   for n, name in enumerate(names, start=1)))


@roadmap_app.command("export")
def export_timeline(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", metavar="OUT.pdf|OUT.png|OUT.svg",
                                      help="Where to write the timeline; the suffix picks "
                                           "the format.")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Save the roadmap's timeline by month as PDF, PNG or SVG."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "png", "svg"):
        raise typer.BadParameter("the file must end in .pdf, .png or .svg", param_hint="--out")
    api = client(ctx)
    response = api.send("GET", api.ws(workspace_of(ctx, workspace), f"/roadmap/timeline.{fmt}"))
    out.write_bytes(response.content)
    output.success(f"Timeline written to {out}.")


share_app = typer.Typer(help="Read-only links to the roadmap for people outside the workspace.",
                        no_args_is_help=True)


@share_app.command("create")
def share_create(ctx: typer.Context,
                 label: Annotated[str, typer.Option("--label", help="Who the link is for.")]
                 = "",
                 workspace: WorkspaceOpt = None) -> None:
    """Make a read-only link; its URL is printed once and never shown again."""
    api = client(ctx)
    made = api.json("POST", api.ws(workspace_of(ctx, workspace), "/roadmap/shares"),
                    json={"label": label})
    output.success(f"Link {made['id']} made. Copy it now, it is not shown again:")
    if api.is_remote:
        typer.echo(api.where.rstrip("/") + made["url"])
    else:
        typer.echo(made["url"])
        output.info("That path is under the address `tandem serve` listens on.",
                    to_stderr=True)


@share_app.command("list")
def share_list(ctx: typer.Context, workspace: WorkspaceOpt = None,
               json_out: JsonOpt = False) -> None:
    """The roadmap's links, revoked ones included."""
    api = client(ctx)
    rows = api.json("GET", api.ws(workspace_of(ctx, workspace), "/roadmap/shares"))
    if json_out:
        output.print_json(rows)
    elif rows:
        output.table(["Id", "Label", "Starts with", "State"],
                     [(r["id"], r["label"] or "-", r["prefix"] + "...",
                       "revoked" if r["revoked"] else "active") for r in rows])
    else:
        output.info("No links yet: `tandem roadmap-share create --label ...`.")


@share_app.command("revoke")
def share_revoke(ctx: typer.Context,
                 share_id: Annotated[int, typer.Argument(help="The link's id.")],
                 workspace: WorkspaceOpt = None) -> None:
    """Revoke a link: it stops opening the roadmap at once."""
    api = client(ctx)
    api.json("DELETE", api.ws(workspace_of(ctx, workspace), f"/roadmap/shares/{share_id}"))
    output.success(f"Link {share_id} revoked.")


def register(app: typer.Typer) -> None:
    app.add_typer(roadmap_app, name="roadmap")
    app.add_typer(share_app, name="roadmap-share")
