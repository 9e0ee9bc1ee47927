"""`tandem pricing`: analyse a survey file on its own, or keep surveys in a workspace.

`van-westendorp` and `gabor-granger` read a local file and need no workspace, server or
database (the formulas are pure); the other commands are clients of the REST API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.errors import Invalid
from tandem.market.pricing.charts import FORMATS
from tandem.market.pricing.schemas import analysed
from tandem.market.pricing.service import chart_of
from tandem.market.pricing.survey import METHOD_LABELS, Method, analyse

pricing_app = typer.Typer(help="Pricing research: Van Westendorp and Gabor-Granger surveys.",
                          no_args_is_help=True)

FileArg = Annotated[Path, typer.Argument(metavar="FILE.csv", exists=True, dir_okay=False,
                                         readable=True, help="UTF-8 CSV with a header row.")]
MapOpt = Annotated[list[str] | None, typer.Option(
    "--map", metavar="FIELD=COLUMN",
    help="The file's column for a field named otherwise, e.g. --map too_cheap=TC; repeat.")]
ChartOpt = Annotated[Path | None, typer.Option(
    "--chart", metavar="OUT.svg|OUT.png", help="Also write the chart to this file.")]


def _read(path: Path) -> str:
    raw = path.read_bytes()
    if len(raw) > 5 * 1024 * 1024:
        raise Invalid(f"{path.name} is larger than 5 MB.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(f"{path.name} is not UTF-8 text: save it as UTF-8 CSV.") from None


def _mapping(pairs: list[str] | None) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs or []:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise typer.BadParameter(f"'{pair}' is not FIELD=COLUMN.", param_hint="--map")
        mapping[field.strip()] = column.strip()
    return mapping


def _chart_format(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{path.name}: the chart file must end in .svg or .png.",
                                 param_hint="--chart")
    return fmt


def _money(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def _print(data: dict[str, Any]) -> None:
    """An analysis (the API's `analysis` shape) for people."""
    output.info(f"{data['respondents']} respondents analysed, {data['dropped']} left out.")
    if data["method"] == Method.van_westendorp.value:
        names = {"opp": "Optimal price (OPP)", "ipp": "Indifference price (IPP)",
                 "pmc": "Marginal cheapness (PMC)", "pme": "Marginal expensiveness (PME)",
                 "pmc_original": "PMC, original 1976", "pme_original": "PME, original 1976"}
        points = [(label, _money(data[key]), data["missing"].get(key, ""))
                  for key, label in names.items()]
        output.table(["Point", "Price", "Note"], points, wide=["Note"])
        for label, key in (("Acceptable range", "acceptable_range"),
                           ("Optimal zone", "optimal_zone")):
            span = data[key]
            output.info(f"{label}: {_money(span[0])} - {_money(span[1])}" if span
                        else f"{label}: not found")
        nms = data["newton_miller_smith"]
        if nms:
            output.info(f"Newton-Miller-Smith: most trial at {_money(nms['trial_price'])}, "
                        f"most revenue at {_money(nms['revenue_price'])}")
    else:
        revenue = {r["price"]: r["revenue"] for r in data["revenue"] or []}
        rows = [(_money(d["price"]), f"{d['raw']:.1%}", f"{d['demand']:.1%}",
                 _money(revenue[d["price"]]),
                 "<- most revenue" if d["price"] == data["optimal_price"] else "")
                for d in data["demand"] or []]
        output.table(["Price", "Said yes", "Demand", "Revenue", ""], rows)
        if data["optimal_price"] is None:
            output.warn(f"No optimal price: {data['missing'].get('optimal_price', '')}")
    for problem in data["problems"][:20]:
        where = f"line {problem['line']}" + (f", column '{problem['column']}'"
                                             if problem["column"] else "")
        output.warn(f"  left out {where}: {problem['message']}")
    if len(data["problems"]) > 20:
        output.warn(f"  ...and {len(data['problems']) - 20} more (see --json).")


def _standalone(method: Method, file: Path, pairs: list[str] | None, chart: Path | None,
                json_out: bool) -> None:
    fmt = _chart_format(chart) if chart is not None else None
    result = analyse(method, _read(file), _mapping(pairs))
    data = analysed(result).model_dump(mode="json")
    if chart is not None and fmt is not None:
        chart.write_bytes(chart_of(result, fmt))
    if json_out:
        output.print_json(data)
        return
    output.info(f"{METHOD_LABELS[method]}: {file.name}")
    _print(data)
    if chart is not None:
        output.success(f"Chart written to {chart}.")


@pricing_app.command("van-westendorp")
def van_westendorp(file: FileArg, map_: MapOpt = None, chart: ChartOpt = None,
                   json_out: JsonOpt = False) -> None:
    """Van Westendorp points of a survey file (no workspace needed)."""
    _standalone(Method.van_westendorp, file, map_, chart, json_out)


@pricing_app.command("gabor-granger")
def gabor_granger(file: FileArg, map_: MapOpt = None, chart: ChartOpt = None,
                  json_out: JsonOpt = False) -> None:
    """Gabor-Granger demand, revenue and best price of a survey file (no workspace needed)."""
    _standalone(Method.gabor_granger, file, map_, chart, json_out)


@pricing_app.command("import")
def import_survey(
    ctx: typer.Context, file: FileArg,
    method: Annotated[Method, typer.Option(help="Which kind of survey it is.")],
    name: Annotated[str | None, typer.Option(help="Its name (default: the file's).")] = None,
    map_: MapOpt = None,
    currency: Annotated[str, typer.Option(help="Currency of the prices, e.g. EUR.")] = "",
    segment: Annotated[int | None, typer.Option(metavar="ID", help="Segment asked.")] = None,
    product: Annotated[int | None, typer.Option(metavar="ID", help="Product priced.")] = None,
    workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """Keep a survey in the workspace and print its analysis."""
    api = client(ctx)
    body = {"name": name or file.stem, "method": method.value, "csv": _read(file),
            "mapping": _mapping(map_), "source_name": file.name, "currency": currency,
            "segment_id": segment, "product_id": product}
    survey = api.json("POST", api.ws(workspace_of(ctx, workspace), "/pricing/surveys"),
                      json=body)
    if json_out:
        output.print_json(survey)
        return
    output.success(f"Imported pricing survey {survey['id']} ({survey['name']}).")
    _print(survey["analysis"])


@pricing_app.command("list")
def list_surveys(ctx: typer.Context, workspace: WorkspaceOpt = None,
                 json_out: JsonOpt = False) -> None:
    """The workspace's pricing surveys."""
    api = client(ctx)
    surveys = api.json("GET", api.ws(workspace_of(ctx, workspace), "/pricing/surveys"))
    if json_out:
        output.print_json(surveys)
        return
    if not surveys:
        output.info("No pricing surveys yet: add one with `tandem pricing import FILE.csv`.")
        return
    output.table(["ID", "Name", "Method", "Respondents", "Left out"],
                 [(s["id"], s["name"], METHOD_LABELS[Method(s["method"])], s["respondents"],
                   s["dropped"]) for s in surveys], wide=["Name"])


@pricing_app.command("show")
def show_survey(ctx: typer.Context, survey_id: Annotated[int, typer.Argument(metavar="ID")],
                workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """One survey's points and the rows left out."""
    api = client(ctx)
    survey = api.json("GET", api.ws(workspace_of(ctx, workspace),
                                    f"/pricing/surveys/{survey_id}"))
    if json_out:
        output.print_json(survey)
        return
    output.info(f"{survey['name']} ({METHOD_LABELS[Method(survey['method'])]})")
    _print(survey["analysis"])


@pricing_app.command("chart")
def survey_chart(
    ctx: typer.Context, survey_id: Annotated[int, typer.Argument(metavar="ID")],
    out: Annotated[Path, typer.Option("--out", metavar="OUT.svg|OUT.png",
                                      help="Where to write the chart.")],
    trial: Annotated[bool, typer.Option(
        "--trial", help="The Newton-Miller-Smith trial and revenue chart instead.")] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Save a survey's chart as SVG or PNG."""
    fmt = _chart_format(out)
    api = client(ctx)
    response = api.send("GET", api.ws(workspace_of(ctx, workspace),
                                      f"/pricing/surveys/{survey_id}/chart.{fmt}"),
                        params={"chart": "trial" if trial else "curves"})
    out.write_bytes(response.content)
    output.success(f"Chart written to {out}.")


@pricing_app.command("delete")
def delete_survey(ctx: typer.Context, survey_id: Annotated[int, typer.Argument(metavar="ID")],
                  workspace: WorkspaceOpt = None) -> None:
    """Delete a pricing survey."""
    api = client(ctx)
    api.send("DELETE", api.ws(workspace_of(ctx, workspace), f"/pricing/surveys/{survey_id}"))
    output.success(f"Deleted pricing survey {survey_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(pricing_app, name="pricing")
