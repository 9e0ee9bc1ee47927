"""`tandem winloss`: record deals, import them from CSV, read the report (API client)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.errors import Invalid
from tandem.market.winloss.calc import Outcome, percent

winloss_app = typer.Typer(help="Win/loss: deals, why they were won or lost, the report.",
                          no_args_is_help=True)


@winloss_app.command("add")
def add_deal(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="The deal.")],
    outcome: Annotated[Outcome, typer.Option(help="won, lost or no_decision.")],
    company: Annotated[str, typer.Option(help="The customer company.")] = "",
    competitor: Annotated[int | None, typer.Option(metavar="ID", help="Competitor id.")
                          ] = None,
    segment: Annotated[int | None, typer.Option(metavar="ID", help="Segment id.")] = None,
    amount: Annotated[float | None, typer.Option(help="Deal size per year.")] = None,
    closed: Annotated[datetime | None, typer.Option(
        "--closed", formats=["%Y-%m-%d"], help="Day it closed, YYYY-MM-DD.")] = None,
    reason: Annotated[list[str] | None, typer.Option(
        "--reason", help="A reason; repeat for more.")] = None,
    quote: Annotated[str, typer.Option(help="What the buyer said.")] = "",
    role: Annotated[str, typer.Option(help="The interviewee's role.")] = "",
    workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """Record one deal; each reason and the quote also become evidence."""
    api = client(ctx)
    body = {"name": name, "outcome": outcome.value, "company": company,
            "competitor_id": competitor, "segment_id": segment, "amount": amount,
            "closed_on": closed.date().isoformat() if closed else None,
            "reasons": list(reason or []), "quote": quote, "interviewee_role": role}
    deal = api.json("POST", api.ws(workspace_of(ctx, workspace), "/deals"), json=body)
    if json_out:
        output.print_json(deal)
    else:
        output.success(f"Recorded deal {deal['id']}; evidence "
                       f"{', '.join(map(str, deal['evidence_ids'])) or 'none'} added.")


@winloss_app.command("import")
def import_deals(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", exists=True, dir_okay=False,
                                         readable=True, help="UTF-8 CSV with a header.")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Record deals from CSV: all rows or none."""
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(f"{file.name} is not UTF-8 text.") from None
    api = client(ctx)
    report = api.json("POST", api.ws(workspace_of(ctx, workspace), "/deals/import"),
                      content=text.encode("utf-8"),
                      headers={"Content-Type": "text/csv; charset=utf-8"})
    output.success(f"Recorded {report['created']} deal(s) from {file.name}.")


@winloss_app.command("report")
def show_report(
    ctx: typer.Context,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the Markdown report.")
                        ] = False,
    pdf: Annotated[Path | None, typer.Option(
        "--pdf", metavar="FILE.pdf", help="Save the report as a PDF to send.")] = None,
    workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """Win rates (no decision shown both ways), by competitor, and the top reasons."""
    api = client(ctx)
    base = api.ws(workspace_of(ctx, workspace), "/winloss/report")
    if pdf is not None:
        pdf.write_bytes(api.send("GET", base + ".pdf").content)
        output.success(f"Win/loss report written to {pdf}.")
        return
    if markdown:
        output.out.print(api.send("GET", base + ".md").text, markup=False, highlight=False,
                         soft_wrap=True)
        return
    data = api.json("GET", base)
    if json_out:
        output.print_json(data)
        return
    o = data["overall"]
    output.info(f"{o['won']} won, {o['lost']} lost, {o['no_decision']} no decision: win rate "
                f"{percent(o['win_rate_excluding_no_decision'])} excluding no decision, "
                f"{percent(o['win_rate_including_no_decision'])} counting it.")
    if data["by_competitor"]:
        output.table(["Competitor", "Won", "Lost", "No decision", "Win rate"],
                     [(r["label"], r["won"], r["lost"], r["no_decision"],
                       percent(r["win_rate_excluding_no_decision"]))
                      for r in data["by_competitor"]])
    for title, key in (("Why we win", "why_we_win"), ("Why we lose", "why_we_lose")):
        if data[key]:
            output.info(f"{title}: " + "; ".join(f"{r['reason']} ({r['count']})"
                                                 for r in data[key][:5]))


def register(app: typer.Typer) -> None:
    app.add_typer(winloss_app, name="winloss")
