"""`tandem lifecycle ...`: a product's phase, who drives and navigates each phase, and who
new work goes to."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.client import ApiClient
from tandem.cli.people import person_id
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

lifecycle_app = typer.Typer(
    help="Driver and navigator by lifecycle phase, per product.", no_args_is_help=True)
PHASES = "discovery, definition, development, launch, growth, maturity or retirement"
ProductArg = Annotated[str | None, typer.Option(
    "--product", "-p", help="The product's name or id; needed when there are several.")]


def _product(api: ApiClient, ws: str | None, wanted: str | None) -> dict[str, Any]:
    lives: list[dict[str, Any]] = api.json("GET", api.ws(ws, "/lifecycles"))
    if not lives:
        output.error_line("This workspace has no product yet: `tandem product add`.")
        raise typer.Exit(1)
    if wanted is None:
        if len(lives) > 1:
            output.error_line("Several products: name one with --product.")
            raise typer.Exit(2)
        return lives[0]
    for life in lives:
        if wanted == str(life["product_id"]) or wanted.lower() == life["product"].lower():
            return life
    output.error_line(f"There is no product '{wanted}'.")
    raise typer.Exit(1)


def _person(api: ApiClient, ws: str | None, name: str | None) -> int | None:
    if not name:
        return None
    return person_id(api, ws, name)


def _show(life: dict[str, Any], json_out: bool) -> None:
    if json_out:
        output.print_json(life)
        return
    output.info(f"{life['product']}: {life['phase'] or 'no phase set'}")
    output.table(["Phase", "Driver", "Navigator"],
                 [(("→ " if r["current"] else "") + r["phase"], r["driver"] or "-",
                   r["navigator"] or "-") for r in life["phases"]])
    for r in life["routes"]:
        output.info(f"{r['label']}: {r['owner'] or 'nobody yet'} (the {r['phase']} driver"
                    f"{', current phase' if r['fallback'] else ''})")


@lifecycle_app.command("show")
def show(ctx: typer.Context, product: ProductArg = None, workspace: WorkspaceOpt = None,
         json_out: JsonOpt = False) -> None:
    """The product's phase, its drivers and navigators, and who new work goes to."""
    api = client(ctx)
    _show(_product(api, workspace_of(ctx, workspace), product), json_out)


@lifecycle_app.command("phase")
def phase(ctx: typer.Context,
          name: Annotated[str, typer.Argument(help=f"The new phase: {PHASES}.")],
          product: ProductArg = None, workspace: WorkspaceOpt = None,
          json_out: JsonOpt = False) -> None:
    """Move the product to a phase; recorded, and the default owners move with it."""
    api = client(ctx)
    ws = workspace_of(ctx, workspace)
    life = _product(api, ws, product)
    life = api.json("PUT", api.ws(ws, f"/products/{life['product_id']}/lifecycle/phase"),
                    json={"phase": name})
    if not json_out:
        output.success(f"{life['product']} is now in {life['phase']}; "
                       f"{life['handed_over']} open items handed to its driver.")
    _show(life, json_out)


@lifecycle_app.command("owners")
def owners(ctx: typer.Context,
           name: Annotated[str, typer.Argument(help=f"The phase: {PHASES}.")],
           driver: Annotated[str | None, typer.Option(help="Person (name or id).")] = None,
           navigator: Annotated[str | None, typer.Option(help="Person (name or id).")] = None,
           product: ProductArg = None, workspace: WorkspaceOpt = None,
           json_out: JsonOpt = False) -> None:
    """Name who drives and who navigates one phase (an option left out clears it)."""
    api = client(ctx)
    ws = workspace_of(ctx, workspace)
    life = _product(api, ws, product)
    body = {"phase": name, "driver_id": _person(api, ws, driver),
            "navigator_id": _person(api, ws, navigator)}
    life = api.json("PUT", api.ws(ws, f"/products/{life['product_id']}/lifecycle/owners"),
                    json=body)
    _show(life, json_out)


def register(app: typer.Typer) -> None:
    app.add_typer(lifecycle_app, name="lifecycle")
