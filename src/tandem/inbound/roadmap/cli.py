"""`tandem roadmap`: the Now / Next / Later board in the terminal."""

from __future__ import annotations

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of


def show_roadmap(ctx: typer.Context, workspace: WorkspaceOpt = None,
                 json_out: JsonOpt = False) -> None:
    """Releases by horizon, what each addresses, and its launch (or that it has none)."""
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


def register(app: typer.Typer) -> None:
    app.command("roadmap")(show_roadmap)
