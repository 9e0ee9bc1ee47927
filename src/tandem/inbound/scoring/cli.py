"""`tandem score` ranks opportunities; `tandem scoring ...` manages the models around it.

Scoring models themselves are records: `tandem scoring-model add|list|update|...`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.client import ApiClient
from tandem.cli.people import person_id
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.errors import Invalid
from tandem.paging import MAX_LIMIT

scoring_app = typer.Typer(help="Scoring models: the standard set, the default, weights and "
                               "formula checks.", no_args_is_help=True)

opportunities_app = typer.Typer(help="Opportunities ranked for a decision, as on the Prioritise "
                                "page (`list` is `tandem score`).", no_args_is_help=True)

ModelOpt = Annotated[str | None, typer.Option(
    "--model", "-m", help="Scoring model, by id or name (default: the workspace's default).")]


def _model_id(api: ApiClient, workspace: str | None, model: str) -> int:
    """A model id from an id or a (case-insensitive) name."""
    if model.isascii() and model.isdigit():
        return int(model)
    page = api.list_items("scoring-models", workspace, limit=MAX_LIMIT)
    for item in page.items:
        if str(item["name"]).lower() == model.strip().lower():
            return int(item["id"])
    names = ", ".join(str(i["name"]) for i in page.items) or "none yet"
    raise Invalid(f"No scoring model named '{model}' (models: {names}).", "model")


def _money(value: float) -> str:
    return f"{value:,.0f}" if value else "-"


def _owner_id(api: ApiClient, ws: str | None, name: str) -> int:
    """A person's id from their name or id; 0 (nobody) for 'none'."""
    if name.lower() == "none":
        return 0
    return person_id(api, ws, name)


def score(ctx: typer.Context, model: ModelOpt = None,
          sort: Annotated[str, typer.Option(
              "--sort", help="rank, score, title, evidence, customers, arr, importance, "
              "demand, effort, status or owner.")] = "score",
          status: Annotated[str | None, typer.Option(
              "--status", help="Only opportunities with this status.")] = None,
          owner: Annotated[str | None, typer.Option(
              "--owner", metavar="PERSON", help="Only opportunities this person (name or "
              "id) owns; 'none' for those nobody owns.")] = None,
          workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Opportunities ranked by a scoring model, with the demand behind each."""
    api = client(ctx)
    ws = workspace_of(ctx, workspace)
    params: dict[str, Any] = {"sort": sort}
    if model is not None:
        params["model"] = _model_id(api, ws, model)
    if status:
        params["status"] = status
    if owner:
        params["owner"] = _owner_id(api, ws, owner)
    ranking = api.json("GET", api.ws(ws, "/scores"), params=params)
    if json_out:
        output.print_json(ranking)
        return
    output.info(f"{ranking['model_name']} ({ranking['method']})")
    rows = []
    for r in ranking["rows"]:
        if r["score"] is not None:
            shown = f"{r['score']:,.2f}"
        else:
            missing = r["missing"]
            more = f" +{len(missing) - 1}" if len(missing) > 1 else ""
            shown = "error" if r["error"] else f"needs {missing[0]}{more}" if missing else "-"
        rows.append((r["rank"] or "-", r["title"], r["evidence"], r["customers"],
                     _money(r["arr"]), f"{r['importance']:g}", r["owner"] or "-", shown))
    if not rows:
        output.info("No opportunities yet.")
        return
    output.table(["#", "Opportunity", "Evid.", "Cust.", "ARR", "Imp.", "Owner", "Score"], rows,
                 keep=["Opportunity"])
    output.info("Status, demand, segments and inputs: `tandem score --json`.")


@scoring_app.command("standard")
def standard(ctx: typer.Context, workspace: WorkspaceOpt = None) -> None:
    """Add RICE, WSJF, customer importance and ARR-weighted demand (those not there yet)."""
    api = client(ctx)
    made = api.json("POST", api.ws(workspace_of(ctx, workspace), "/scoring-models/standard"))
    output.success("Added " + (", ".join(m["name"] for m in made) or "nothing new") + ".")


@scoring_app.command("default")
def make_default(ctx: typer.Context,
                 model: Annotated[str, typer.Argument(help="Model id or name.")],
                 workspace: WorkspaceOpt = None) -> None:
    """Make a scoring model the workspace's default."""
    api = client(ctx)
    ws = workspace_of(ctx, workspace)
    chosen = api.json("POST", api.ws(ws, f"/scoring-models/{_model_id(api, ws, model)}/default"))
    output.success(f"'{chosen['name']}' is now the default scoring model.")


@scoring_app.command("check")
def check(ctx: typer.Context,
          formula: Annotated[str, typer.Argument(help="The formula, quoted.")]) -> None:
    """Check a custom formula; exits 1 and shows where when it is not valid."""
    result = client(ctx).json("POST", "/formulas/check", json={"formula": formula})
    if result["ok"]:
        output.success("Valid. Reads: " + (", ".join(result["fields"]) or "no fields") + ".")
        return
    if result["position"]:
        output.info(formula, to_stderr=True)
        output.info(" " * (result["position"] - 1) + "^", to_stderr=True)
    output.error_line(result["message"] + (f" (at position {result['position']})"
                                           if result["position"] else ""))
    raise typer.Exit(1)


@scoring_app.command("weights")
def set_weights(ctx: typer.Context,
                values: Annotated[list[str] | None, typer.Argument(
                    help="LEVEL=POINTS for critical, important, nice_to_have, "
                    "not_important; none shows the current weights.")] = None,
                workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Show or set the points each stated importance earns."""
    api = client(ctx)
    path = api.ws(workspace_of(ctx, workspace), "/importance-weights")
    current = api.json("GET", path)
    if values:
        for pair in values:
            name, sep, raw = pair.partition("=")
            if not sep or name not in current:
                raise Invalid(f"'{pair}' is not LEVEL=POINTS (levels: "
                              f"{', '.join(current)}).", name or "weights")
            current[name] = raw
        current = api.json("PUT", path, json=current)
    if json_out:
        output.print_json(current)
        return
    output.table(["Importance", "Points"], [(k.replace("_", " "), f"{v:g}")
                                            for k, v in current.items()])


def register(app: typer.Typer) -> None:
    app.command("score")(score)
    opportunities_app.command("list")(score)
    app.add_typer(opportunities_app, name="opportunities")
    app.add_typer(scoring_app, name="scoring")
