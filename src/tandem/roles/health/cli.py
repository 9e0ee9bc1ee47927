"""`tandem health [--json]`: the loop-health alarms; exits 1 when any is an error."""

from __future__ import annotations

from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of


def health(ctx: typer.Context,
           due_weeks: Annotated[int | None, typer.Option(
               "--due-weeks", min=1, max=52,
               help="Set the warning window first: a release due within this many weeks "
               "needs its launch, positioning and approved messaging.")] = None,
           workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Loop health: no marketing, no market, parallelism and balance. Exits 1 when an
    alarm of error level fires."""
    api = client(ctx)
    ws = workspace_of(ctx, workspace)
    if due_weeks is not None:
        api.json("PUT", api.ws(ws, "/health/settings"), json={"due_weeks": due_weeks})
    data = api.json("GET", api.ws(ws, "/health"))
    if json_out:
        output.print_json(data)
    else:
        alarms = data["alarms"]
        for a in alarms:
            output.info(f"{a['level'].upper():8} {a['title']}")
            output.info(f"         To clear: {a['clear']}")
            output.info(f"         See: {a['view']}")
        if not alarms:
            output.success("The loop is healthy: no alarm fires.")
        p = data["parallelism"]
        if p["decided"]:
            output.info(f"Parallelism: outbound work started before development finished "
                        f"on {p['early']} of {p['decided']} releases "
                        f"({round(100 * p['share'])}%).")
        team = data["team"]
        if team["outbound_share"] is not None:
            expected = team["expected_outbound"]
            tail = f"; the preset expects {round(100 * expected)}%" if expected is not None \
                else ""
            output.info(f"Balance: {round(100 * team['outbound_share'])}% of the team's "
                        f"recorded work is outbound{tail}.")
    if data["errors"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("health")(health)
