"""`tandem roles ...`: the RACI matrix, its checks, the preset and the catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

roles_app = typer.Typer(help="Who does what: the RACI matrix, its checks and the preset.",
                        no_args_is_help=True)


@roles_app.command("check")
def check(ctx: typer.Context, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Every RACI finding with its activity and person; exits 1 when any is an error."""
    api = client(ctx)
    data = api.json("GET", api.ws(workspace_of(ctx, workspace), "/roles"))
    findings = data["findings"]
    if json_out:
        output.print_json({"findings": findings, "gaps": data["gaps"]})
    elif findings:
        output.table(["Severity", "Activity", "Person", "Finding"],
                     [(f["severity"], f["activity"] or "-", f["person"] or "-", f["message"])
                      for f in findings], keep=["Finding"])
    else:
        output.success("Every assigned activity has exactly one A and someone doing the work.")
    if not json_out:
        output.info(f"{len(data['gaps'])} activities have nobody assigned.")
    if any(f["severity"] == "error" for f in findings):
        raise typer.Exit(1)


@roles_app.command("matrix")
def matrix(ctx: typer.Context,
           fmt: Annotated[str, typer.Option("--format", help="table, csv, markdown or png.")]
           = "table",
           out: Annotated[Path | None, typer.Option(
               "--output", "-o", metavar="FILE", help="Write to FILE (needed for png).")] = None,
           lens: Annotated[str, typer.Option(
               "--lens", help="Show the letters as raci, daci (Driver, Approver, Contributor, "
               "Informed) or rapid (Recommend, Agree, Perform, Input, Decide).")] = "raci",
           workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """The RACI matrix: activities by person, or the same letters as DACI or RAPID roles."""
    api = client(ctx)
    ws = workspace_of(ctx, workspace)
    lens = lens.strip().lower()
    if lens not in ("raci", "daci", "rapid"):
        raise typer.BadParameter("the lens is raci, daci or rapid", param_hint="--lens")
    params = {"lens": lens}
    if fmt == "png" or out is not None:
        if fmt not in ("png", "csv", "markdown"):
            raise typer.BadParameter("--output takes --format png, csv or markdown",
                                     param_hint="--output")
        if out is None:
            raise typer.BadParameter("a PNG goes to a file: add --output FILE.png",
                                     param_hint="--format")
        suffix = {"png": "png", "csv": "csv", "markdown": "md"}[fmt]
        out.write_bytes(api.send("GET", api.ws(ws, f"/roles/matrix.{suffix}"),
                                 params=params).content)
        output.success(f"The matrix is in {out}.")
        return
    if fmt in ("csv", "markdown"):
        suffix = "csv" if fmt == "csv" else "md"
        typer.echo(api.send("GET", api.ws(ws, f"/roles/matrix.{suffix}"), params=params).text,
                   nl=False)
        return
    if fmt != "table":
        output.error_line("--format is table, csv, markdown or png.")
        raise typer.Exit(2)
    data = api.json("GET", api.ws(ws, "/roles"), params=params)
    if json_out:
        output.print_json(data)
        return
    names = [p["name"] for p in data["people"]]
    rows = []
    for row in data["rows"]:
        given = {x["person"]: x["letter"] or "·" for x in row["letters"]}
        if given:
            rows.append((row["activity"], *(given.get(n, "") for n in names)))
    if not rows:
        output.info("Nobody is assigned yet: `tandem assignment add` or `tandem roles preset "
                    "NAME --apply`.")
        return
    output.table(["Activity", *names], rows, keep=["Activity"])
    if lens != "raci":
        output.info(", ".join(f"{r['letter']} = {r['name']}" for r in data["legend"]
                              if r["raci"]) + ".")
        for note in data["lens_notes"]:
            output.info(note)


@roles_app.command("preset")
def preset(ctx: typer.Context,
           name: Annotated[str | None, typer.Argument(
               help="solo, merged, split, split_marcom, split_se or custom; none shows the "
               "current one and its departures.")] = None,
           apply: Annotated[bool, typer.Option(
               "--apply", help="Fill the unassigned activities with the preset's letters.")]
           = False,
           workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Show or choose the preset by company stage, and where the team departs from it."""
    api = client(ctx)
    ws = workspace_of(ctx, workspace)
    if name is not None:
        api.json("PUT", api.ws(ws, "/roles/preset"), json={"preset": name})
    if apply:
        made = api.json("POST", api.ws(ws, "/roles/preset/apply"))["created"]
        output.success(f"Added {made} assignments from the preset.")
    data = api.json("GET", api.ws(ws, "/roles"))
    if json_out:
        output.print_json({"preset": data["preset"], "departures": data["departures"]})
        return
    output.info(f"Preset: {data['preset']}")
    for d in data["departures"]:
        output.info(f"- {d['message']}")
    if data["preset"] != "custom" and not data["departures"]:
        output.success("The team's A and R letters match the preset.")


def register(app: typer.Typer) -> None:
    app.add_typer(roles_app, name="roles")
