"""`tandem sizing`: market sizing models from the terminal, a thin client of the REST API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.market.sizing.calc import TIERS, Method, parse_amount

sizing_app = typer.Typer(help="Market sizing: TAM / SAM / SOM models with scenarios.",
                         no_args_is_help=True)
IdArg = Annotated[int, typer.Argument(metavar="ID")]
InputOpt = Annotated[list[str] | None, typer.Option(
    "--input", metavar="KEY=LOW:BASE:HIGH",
    help="An input's low, base and high values (shares in percent; 4.2bn, 350k allowed). "
         "Repeat for each input.")]
NoteOpt = Annotated[list[str] | None, typer.Option(
    "--note", metavar="KEY=TEXT", help="Where an input's figures come from; repeat.")]
TierOpt = Annotated[list[str] | None, typer.Option(
    "--tier", metavar="TIER=NAME", help="Rename a tier, e.g. --tier sam=OAM; repeat.")]


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in values or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"'{pair}' is not KEY=VALUE.", param_hint=option)
        found[key.strip()] = value.strip()
    return found


def _estimates(values: list[str] | None, notes: list[str] | None,
               current: dict[str, Any] | None = None) -> dict[str, Any]:
    inputs: dict[str, Any] = {k: dict(v) for k, v in (current or {}).items()}
    for key, text in _pairs(values, "--input").items():
        parts = text.split(":")
        if len(parts) != 3:
            raise typer.BadParameter(f"{key}: give LOW:BASE:HIGH, not '{text}'.",
                                     param_hint="--input")
        try:
            low, base, high = (parse_amount(p) for p in parts)
        except ValueError as exc:
            raise typer.BadParameter(f"{key}: {exc}.", param_hint="--input") from None
        inputs[key] = {"low": low, "base": base, "high": high,
                       "note": inputs.get(key, {}).get("note", "")}
    for key, note in _pairs(notes, "--note").items():
        if key not in inputs:
            raise typer.BadParameter(f"{key}: give its values with --input first.",
                                     param_hint="--note")
        inputs[key]["note"] = note
    return inputs


def _print(model: dict[str, Any]) -> None:
    output.info(f"{model['name']} ({model['method'].replace('_', '-')})")
    scenarios = model["scenarios"]
    names = [f["name"] for f in scenarios["base"]]
    rows = [(name, *(f"{scenarios[s][i]['value']:,.0f}" for s in ("low", "base", "high")))
            for i, name in enumerate(names)]
    output.table(["Tier", "Low", "Base", "High"], rows)
    for figure in scenarios["base"]:
        output.info(f"  {figure['formula']}")


@sizing_app.command("list")
def list_models(ctx: typer.Context, workspace: WorkspaceOpt = None,
                json_out: JsonOpt = False) -> None:
    """The workspace's sizing models."""
    api = client(ctx)
    models = api.json("GET", api.ws(workspace_of(ctx, workspace), "/sizing"))
    if json_out:
        output.print_json(models)
        return
    if not models:
        output.info("No sizing models yet: add one with `tandem sizing add`.")
        return
    output.table(["ID", "Name", "Method", "Horizon"],
                 [(m["id"], m["name"], m["method"], m["horizon"]) for m in models],
                 wide=["Name"])


@sizing_app.command("show")
def show_model(ctx: typer.Context, model_id: IdArg, workspace: WorkspaceOpt = None,
               json_out: JsonOpt = False) -> None:
    """A model's figures in every scenario, with the formulas."""
    api = client(ctx)
    model = api.json("GET", api.ws(workspace_of(ctx, workspace), f"/sizing/{model_id}"))
    if json_out:
        output.print_json(model)
    else:
        _print(model)


@sizing_app.command("add")
def add_model(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="The model's name.")],
    method: Annotated[Method, typer.Option(help="top_down or bottom_up.")],
    input_: InputOpt = None, note: NoteOpt = None, tier: TierOpt = None,
    segment: Annotated[int | None, typer.Option(metavar="ID", help="Segment id.")] = None,
    product: Annotated[int | None, typer.Option(metavar="ID", help="Product id.")] = None,
    currency: Annotated[str, typer.Option(help="Currency, e.g. EUR.")] = "",
    horizon: Annotated[str, typer.Option(help="Planning horizon, e.g. '3 years'.")] = "",
    workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """Size a market. Inputs: top_down industry_total, relevant_share, geography_share,
    icp_share, achievable_share; bottom_up accounts, seats, price, serviceable_share,
    adoption."""
    api = client(ctx)
    body = {"name": name, "method": method.value, "inputs": _estimates(input_, note),
            "segment_id": segment, "product_id": product, "currency": currency,
            "horizon": horizon, "tier_names": _tiers(tier)}
    model = api.json("POST", api.ws(workspace_of(ctx, workspace), "/sizing"), json=body)
    if json_out:
        output.print_json(model)
        return
    output.success(f"Created sizing model {model['id']}.")
    _print(model)


def _tiers(tier: list[str] | None, current: dict[str, str] | None = None) -> dict[str, str]:
    names = dict(current or {t: t.upper() for t in TIERS})
    for key, value in _pairs(tier, "--tier").items():
        if key not in TIERS:
            raise typer.BadParameter(f"'{key}' is not tam, sam or som.", param_hint="--tier")
        names[key] = value
    return names


@sizing_app.command("update")
def update_model(ctx: typer.Context, model_id: IdArg, input_: InputOpt = None,
                 note: NoteOpt = None, tier: TierOpt = None,
                 name: Annotated[str | None, typer.Option(help="A new name.")] = None,
                 workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Change some inputs, notes or tier names; the rest stay."""
    api = client(ctx)
    path = api.ws(workspace_of(ctx, workspace), f"/sizing/{model_id}")
    current = api.json("GET", path)
    inputs = {i["key"]: {k: i[k] for k in ("low", "base", "high", "note")}
              for i in current["inputs"]}
    body: dict[str, Any] = {"inputs": _estimates(input_, note, inputs),
                            "tier_names": _tiers(tier, current["tier_names"])}
    if name:
        body["name"] = name
    model = api.json("PATCH", path, json=body)
    if json_out:
        output.print_json(model)
        return
    output.success(f"Updated sizing model {model_id}.")
    _print(model)


@sizing_app.command("export")
def export_model(
    ctx: typer.Context, model_id: IdArg,
    format_: Annotated[str, typer.Option("--format", help="md or csv.")] = "md",
    output_file: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """The model as Markdown or CSV: inputs, sources, every figure and its formula."""
    api = client(ctx)
    text = api.send("GET", api.ws(workspace_of(ctx, workspace),
                                  f"/sizing/{model_id}/export.{format_}")).text
    if output_file is None:
        output.out.print(text, markup=False, highlight=False, soft_wrap=True)
    else:
        output_file.write_text(text, encoding="utf-8")
        output.success(f"Written to {output_file}.")


@sizing_app.command("chart")
def model_chart(ctx: typer.Context, model_id: IdArg,
                out: Annotated[Path, typer.Option("--out", metavar="OUT.svg|OUT.png",
                                                  help="Where to write the chart.")],
                workspace: WorkspaceOpt = None) -> None:
    """Save the model's chart as SVG or PNG."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png"):
        raise typer.BadParameter("the chart file must end in .svg or .png.", param_hint="--out")
    api = client(ctx)
    out.write_bytes(api.send("GET", api.ws(workspace_of(ctx, workspace),
                                           f"/sizing/{model_id}/chart.{fmt}")).content)
    output.success(f"Chart written to {out}.")


@sizing_app.command("delete")
def delete_model(ctx: typer.Context, model_id: IdArg, workspace: WorkspaceOpt = None) -> None:
    """Delete a sizing model."""
    api = client(ctx)
    api.send("DELETE", api.ws(workspace_of(ctx, workspace), f"/sizing/{model_id}"))
    output.success(f"Deleted sizing model {model_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(sizing_app, name="sizing")


