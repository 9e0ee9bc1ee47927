"""`tandem packaging`: a product's plans and the plan comparison (a thin client of the API).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.errors import Invalid

packaging_app = typer.Typer(help="Plans and packaging: tiers, price points, features per "
                            "plan, the plan comparison.", no_args_is_help=True)
ProductArg = Annotated[int, typer.Argument(metavar="PRODUCT_ID")]


@packaging_app.command("show")
def show(ctx: typer.Context, product_id: ProductArg,
         markdown: Annotated[bool, typer.Option(
             "--markdown", help="Print the plan comparison as Markdown.")] = False,
         workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """A product's plans with their prices, and the features each includes."""
    api = client(ctx)
    path = api.ws(workspace_of(ctx, workspace), f"/products/{product_id}/packaging")
    if markdown:
        output.out.print(api.send("GET", path + ".md").text, markup=False, highlight=False,
                         soft_wrap=True)
        return
    data = api.json("GET", path)
    if json_out:
        output.print_json(data)
        return
    if not data["plans"]:
        output.info(f"{data['product']} has no plans yet: `tandem packaging set "
                    f"{product_id} FILE.json`.")
        return
    names = [p["name"] for p in data["plans"]]
    rows = [("Price", *(", ".join(x["label"] for x in p["prices"]) or "-"
                        for p in data["plans"]))]
    for feature in data["features"]:
        cells = feature["cells"]
        rows.append((feature["name"], *(
            "-" if name not in cells else
            (cells[name]["limit"] or "yes") if cells[name]["state"] == "limit" else "yes"
            for name in names)))
    output.table(["", *names], rows)


@packaging_app.command("set")
def set_packaging(
    ctx: typer.Context, product_id: ProductArg,
    file: Annotated[Path, typer.Argument(metavar="FILE.json", exists=True, dir_okay=False,
                                         readable=True,
                                         help="{plans: [...], features: [...]} as the API "
                                         "takes it.")],
    if_version: Annotated[int | None, typer.Option(
        metavar="N", help="Only if the packaging is still at version N.")] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Replace a product's plans and features with those in a JSON file."""
    try:
        body = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid(f"{file.name} is not JSON: {exc}", "file") from None
    api = client(ctx)
    headers = {"If-Match": f'"{if_version}"'} if if_version is not None else {}
    data = api.json("PUT", api.ws(workspace_of(ctx, workspace),
                                  f"/products/{product_id}/packaging"),
                    json=body, headers=headers)
    output.success(f"{data['product']}: {len(data['plans'])} plan(s), "
                   f"{len(data['features'])} feature(s); version {data['row_version']}.")


def register(app: typer.Typer) -> None:
    app.add_typer(packaging_app, name="packaging")
