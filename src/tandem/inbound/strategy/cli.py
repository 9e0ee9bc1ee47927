"""`tandem strategy`: the tree, a product's vision, grouping, and tracing up (a thin client of
the API). Objectives, key results and initiatives have the generic record commands."""

from __future__ import annotations

from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

strategy_app = typer.Typer(help="Vision, objectives with key results, and initiatives.",
                           no_args_is_help=True)
KindArg = Annotated[str, typer.Argument(metavar="opportunity|release",
                                        help="What to group or trace.")]


def _kind(raw: str) -> str:
    kinds = {"opportunity": "opportunities", "opportunities": "opportunities",
             "release": "releases", "releases": "releases"}
    if raw not in kinds:
        raise typer.BadParameter("an opportunity or a release", param_hint="KIND")
    return kinds[raw]


def _pct(share: float | None) -> str:
    return "not measured" if share is None else f"{round(share * 100)}%"


@strategy_app.command("show")
def show(ctx: typer.Context, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Each product's vision and stage, the objectives with key results and initiatives."""
    api = client(ctx)
    tree = api.json("GET", api.ws(workspace_of(ctx, workspace), "/strategy"))
    if json_out:
        output.print_json(tree)
        return
    for p in tree["products"]:
        stage = p["lifecycle_stage"] or "stage not set"
        output.info(f"{p['product']['name']} ({stage}): {p['vision'] or 'no vision yet'}")
    if not tree["objectives"]:
        output.info("No objectives yet: `tandem objective add title=...`.")
    for o in tree["objectives"]:
        output.info(f"\nObjective {o['objective']['id']}: {o['objective']['title']} "
                    f"[{_pct(o['progress'])}]")
        rows = [(k["key_result"]["id"], k["key_result"]["title"], k["key_result"]["start"],
                 k["key_result"]["current"] if k["key_result"]["current"] is not None else "-",
                 k["key_result"]["target"], _pct(k["progress"])) for k in o["key_results"]]
        if rows:
            output.table(["Id", "Key result", "Start", "Current", "Target", "Progress"], rows,
                         keep=["Key result"])
        for view in o["initiatives"]:
            names = [x["title"] for x in view["opportunities"]] + \
                [f"release {x['title']}" for x in view["releases"]]
            output.info(f"  Initiative {view['initiative']['id']}: "
                        f"{view['initiative']['title']}: {', '.join(names) or 'groups nothing'}")
    for view in tree["loose"]:
        output.info(f"Initiative {view['initiative']['id']} serves no objective yet: "
                    f"{view['initiative']['title']}")


@strategy_app.command("vision")
def vision(
    ctx: typer.Context,
    product_id: Annotated[int, typer.Argument(metavar="PRODUCT_ID", help="The product's id.")],
    text: Annotated[str, typer.Option("--text", help="The vision, in a few sentences.")] = "",
    stage: Annotated[str, typer.Option(
        "--stage", metavar="introduction|growth|maturity|decline",
        help="The product's lifecycle stage.")] = "introduction",
    workspace: WorkspaceOpt = None,
) -> None:
    """Set a product's vision and lifecycle stage."""
    api = client(ctx)
    api.json("PUT", api.ws(workspace_of(ctx, workspace),
                           f"/strategy/products/{product_id}/vision"),
             json={"vision": text, "lifecycle_stage": stage})
    output.success(f"Vision saved; the product is in {stage}.")


@strategy_app.command("group")
def group(ctx: typer.Context,
          initiative_id: Annotated[int, typer.Argument(metavar="INITIATIVE_ID")],
          kind: KindArg, object_id: Annotated[int, typer.Argument(metavar="ID")],
          remove: Annotated[bool, typer.Option("--remove", help="Take it out instead.")]
          = False,
          workspace: WorkspaceOpt = None) -> None:
    """Group an opportunity or a release under an initiative (or take it out)."""
    api = client(ctx)
    plural = _kind(kind)
    path = f"/initiatives/{initiative_id}/items"
    if remove:
        api.send("DELETE", api.ws(workspace_of(ctx, workspace), f"{path}/{plural}/{object_id}"))
        output.success(f"Taken out of initiative {initiative_id}.")
    else:
        api.send("POST", api.ws(workspace_of(ctx, workspace), path),
                 json={"kind": plural, "id": object_id})
        output.success(f"Grouped under initiative {initiative_id}.")


@strategy_app.command("trace")
def trace(ctx: typer.Context, kind: KindArg,
          object_id: Annotated[int, typer.Argument(metavar="ID")],
          workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """The initiatives and objectives an opportunity or release serves."""
    api = client(ctx)
    found = api.json("GET", api.ws(workspace_of(ctx, workspace),
                                   f"/strategy/trace/{_kind(kind)}/{object_id}"))
    if json_out:
        output.print_json(found)
    elif not found:
        output.info("It serves no objective yet: `tandem strategy group INITIATIVE_ID ...`.")
    else:
        output.table(["Objective", "Progress", "Initiative", "Via"],
                     [((s["objective"] or {}).get("title", "-"), _pct(s["objective_progress"]),
                       s["initiative"]["title"], (s["via"] or {}).get("title", ""))
                      for s in found], keep=["Objective", "Initiative"])


def register(app: typer.Typer) -> None:
    app.add_typer(strategy_app, name="strategy")
