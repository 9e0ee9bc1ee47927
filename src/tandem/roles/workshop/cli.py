"""`tandem workshop`: run the roles workshop from the terminal (a thin client of the API)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

workshop_app = typer.Typer(help="The roles workshop: answer alone, reveal, settle, apply.",
                           no_args_is_help=True)
IdArg = Annotated[int, typer.Argument(metavar="WORKSHOP_ID")]


def _show(data: dict[str, Any]) -> None:
    output.info(f"{data['title']} ({data['stage']}), facilitated by {data['facilitator']}")
    output.table(["Person", "Side", "Answered"],
                 [(p["name"], p["side"] or "-", "yes" if p["answered"] else "no")
                  for p in data["participants"]])
    if data["stage"] == "answering":
        output.info("Answers stay private until `tandem workshop reveal`.")
        return
    output.info(f"{len(data['agreed'])} activities agreed; conflicts:")
    output.table(["Activity", "Conflict", "People"],
                 [(c["activity"] or "-", c["label"], ", ".join(c["people"]))
                  for c in data["conflicts"]], keep=["Activity"])
    if data["gaps"]:
        output.table(["Gap", "Importance", "Done today", "Size"],
                     [(g["activity"], f"{g['importance']:.1f}", f"{g['assessment']:.1f}",
                       f"{g['size']:.1f}") for g in data["gaps"][:10]], keep=["Gap"])


@workshop_app.command("create")
def create(ctx: typer.Context,
           title: Annotated[str, typer.Argument(help="The workshop's title.")],
           person: Annotated[list[int], typer.Option(
               "--person", metavar="PERSON_ID", help="A participant (repeat for each).")],
           workspace: WorkspaceOpt = None) -> None:
    """Start a workshop with its participants."""
    api = client(ctx)
    made = api.json("POST", api.ws(workspace_of(ctx, workspace), "/workshops"),
                    json={"title": title, "participant_ids": person})
    output.success(f"Workshop {made['id']} started with {len(made['participants'])} "
                   "participants.")


@workshop_app.command("show")
def show(ctx: typer.Context, workshop_id: IdArg, workspace: WorkspaceOpt = None,
         json_out: JsonOpt = False) -> None:
    """Who answered; after the reveal, conflicts and gaps."""
    api = client(ctx)
    data = api.json("GET", api.ws(workspace_of(ctx, workspace), f"/workshops/{workshop_id}"))
    if json_out:
        output.print_json(data)
    else:
        _show(data)


@workshop_app.command("answer")
def answer(ctx: typer.Context, workshop_id: IdArg,
           person: Annotated[int, typer.Option("--person", metavar="PERSON_ID",
                                               help="Whose answers these are.")],
           file: Annotated[Path, typer.Option(
               "--file", metavar="ANSWERS.csv",
               help="Columns activity, raci, importance, assessment, hours.")],
           workspace: WorkspaceOpt = None) -> None:
    """Give a participant's answers from a CSV file (they replace earlier ones)."""
    rows = []
    with file.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            rows.append({"activity": (line.get("activity") or "").strip(),
                         "raci": (line.get("raci") or "").strip().upper(),
                         **{k: float(v) if k == "hours" else int(v)
                            for k in ("importance", "assessment", "hours")
                            if (v := (line.get(k) or "").strip())}})
    api = client(ctx)
    done = api.json("PUT", api.ws(workspace_of(ctx, workspace),
                                  f"/workshops/{workshop_id}/answers/{person}"),
                    json={"answers": rows})
    output.success(f"{done['answered']} answers saved; nobody sees them before the reveal.")


@workshop_app.command("reveal")
def reveal(ctx: typer.Context, workshop_id: IdArg, workspace: WorkspaceOpt = None) -> None:
    """Reveal every answer and show the conflicts."""
    api = client(ctx)
    _show(api.json("POST", api.ws(workspace_of(ctx, workspace),
                                  f"/workshops/{workshop_id}/reveal")))


@workshop_app.command("settle")
def settle(ctx: typer.Context, workshop_id: IdArg,
           activity: Annotated[str | None, typer.Option(
               "--activity", help="The activity to settle.")] = None,
           accountable: Annotated[int | None, typer.Option(
               "--accountable", metavar="PERSON_ID", help="Its A.")] = None,
           responsible: Annotated[list[int] | None, typer.Option(
               "--responsible", metavar="PERSON_ID", help="An R (repeat for each).")] = None,
           agreed: Annotated[bool, typer.Option(
               "--agreed", help="Settle every agreed activity as proposed.")] = False,
           workspace: WorkspaceOpt = None) -> None:
    """Settle one activity (its A and Rs), or every agreed one with --agreed."""
    api = client(ctx)
    path = api.ws(workspace_of(ctx, workspace), f"/workshops/{workshop_id}/decisions")
    if agreed:
        data = api.json("POST", path + "/agreed")
    elif activity and accountable:
        data = api.json("POST", path, json={"activity": activity, "accountable_id": accountable,
                                            "responsible_ids": responsible or []})
    else:
        raise typer.BadParameter("give --activity and --accountable, or --agreed",
                                 param_hint="--activity")
    output.success(f"{len(data['decisions'])} activities settled.")


@workshop_app.command("apply")
def apply(ctx: typer.Context, workshop_id: IdArg, workspace: WorkspaceOpt = None) -> None:
    """Write the decisions into the workspace's RACI."""
    api = client(ctx)
    data = api.json("POST", api.ws(workspace_of(ctx, workspace),
                                   f"/workshops/{workshop_id}/apply"))
    output.success(f"Applied; assess again on {data['reassess_on']}.")


def register(app: typer.Typer) -> None:
    app.add_typer(workshop_app, name="workshop")
