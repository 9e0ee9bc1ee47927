"""`tandem intel`: competitor aliases, the evidence that mentions them, and their timeline
(a thin client of the REST API)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.jobs import wait_for
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.market.competitors.models import ChangeKind, MentionStatus
from tandem.market.packaging.models import BillingPeriod, PriceUnit

intel_app = typer.Typer(help="Competitor intelligence: aliases, mentions in evidence, "
                        "prices, timeline of changes.", no_args_is_help=True)
CompetitorArg = Annotated[int, typer.Argument(metavar="COMPETITOR_ID")]


@intel_app.command("profile")
def profile(ctx: typer.Context, competitor_id: CompetitorArg, workspace: WorkspaceOpt = None,
            json_out: JsonOpt = False) -> None:
    """A competitor's aliases, how often evidence mentions it, and its timeline."""
    api = client(ctx)
    data = api.json("GET", api.ws(workspace_of(ctx, workspace),
                                  f"/competitors/{competitor_id}/profile"))
    if json_out:
        output.print_json(data)
        return
    output.info(f"{data['name']}: also {', '.join(data['aliases']) or 'no aliases'}")
    output.info(f"Mentioned in {data['linked']} piece(s) of evidence "
                f"({data['rejected']} rejected as false matches).")
    if data["timeline"]:
        output.table(["Date", "Kind", "Change", "Source"],
                     [(c["happened_on"], c["kind"], c["summary"], c["source"])
                      for c in data["timeline"]], wide=["Change"])


@intel_app.command("alias-add")
def alias_add(ctx: typer.Context, competitor_id: CompetitorArg,
              alias: Annotated[str, typer.Argument(metavar="ALIAS")],
              workspace: WorkspaceOpt = None) -> None:
    """Add another name the competitor goes by."""
    api = client(ctx)
    names = api.json("POST", api.ws(workspace_of(ctx, workspace),
                                    f"/competitors/{competitor_id}/aliases"),
                     json={"alias": alias})
    output.success(f"Aliases now: {', '.join(names)}.")


@intel_app.command("alias-remove")
def alias_remove(ctx: typer.Context, competitor_id: CompetitorArg,
                 alias: Annotated[str, typer.Argument(metavar="ALIAS")],
                 workspace: WorkspaceOpt = None) -> None:
    """Remove an alias."""
    api = client(ctx)
    names = api.json("DELETE", api.ws(workspace_of(ctx, workspace),
                                      f"/competitors/{competitor_id}/aliases"),
                     params={"alias": alias})
    output.success(f"Aliases now: {', '.join(names) or 'none'}.")


@intel_app.command("scan")
def scan(ctx: typer.Context,
         competitor: Annotated[int | None, typer.Option(
             metavar="ID", help="Only this competitor (default: all).")] = None,
         no_wait: Annotated[bool, typer.Option(
             "--no-wait", help="Return at once with the job's number.")] = False,
         workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Link all evidence that names a competitor (a background job, with progress)."""
    api = client(ctx)
    params = {"competitor_id": competitor} if competitor is not None else {}
    job = api.json("POST", api.ws(workspace_of(ctx, workspace), "/competitors/scan"),
                   params=params)
    wait_for(api, job, no_wait, json_out=json_out)


@intel_app.command("mentions")
def mentions(ctx: typer.Context, competitor_id: CompetitorArg,
             status: Annotated[MentionStatus, typer.Option(
                 help="linked, or rejected (the false matches).")] = MentionStatus.linked,
             workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Evidence that mentions a competitor, newest first."""
    api = client(ctx)
    found = api.json("GET", api.ws(workspace_of(ctx, workspace),
                                   f"/competitors/{competitor_id}/mentions"),
                     params={"status": status.value})
    if json_out:
        output.print_json(found)
        return
    if not found:
        output.info("No mentions.")
        return
    output.table(["Mention", "Evidence", "Matched", "Received", "Text"],
                 [(m["id"], m["evidence_id"], m["matched"], m["received_on"], m["text"])
                  for m in found], wide=["Text"])


def _review(ctx: typer.Context, mention_id: int, status: MentionStatus,
            workspace: str | None) -> None:
    api = client(ctx)
    api.json("POST", api.ws(workspace_of(ctx, workspace),
                            f"/competitor-mentions/{mention_id}/{status.value}"))


@intel_app.command("reject")
def reject(ctx: typer.Context, mention_id: Annotated[int, typer.Argument(metavar="MENTION_ID")],
           workspace: WorkspaceOpt = None) -> None:
    """Mark a mention as a false match; later scans leave it alone."""
    _review(ctx, mention_id, MentionStatus.rejected, workspace)
    output.success(f"Rejected mention {mention_id}.")


@intel_app.command("restore")
def restore(ctx: typer.Context,
            mention_id: Annotated[int, typer.Argument(metavar="MENTION_ID")],
            workspace: WorkspaceOpt = None) -> None:
    """Undo a rejection."""
    _review(ctx, mention_id, MentionStatus.linked, workspace)
    output.success(f"Restored mention {mention_id}.")


@intel_app.command("change-add")
def change_add(
    ctx: typer.Context, competitor_id: CompetitorArg,
    summary: Annotated[str, typer.Option(help="What changed.")],
    when: Annotated[datetime | None, typer.Option(
        "--date", formats=["%Y-%m-%d"], help="When, YYYY-MM-DD (default: today).")] = None,
    kind: Annotated[ChangeKind, typer.Option(help="What kind of change.")] = ChangeKind.other,
    source: Annotated[str, typer.Option(help="Where it was seen.")] = "",
    workspace: WorkspaceOpt = None,
) -> None:
    """Add a change to a competitor's timeline."""
    api = client(ctx)
    day = (when or datetime.now()).date().isoformat()
    change = api.json("POST", api.ws(workspace_of(ctx, workspace),
                                     f"/competitors/{competitor_id}/changes"),
                      json={"happened_on": day, "kind": kind.value, "summary": summary,
                            "source": source})
    output.success(f"Added change {change['id']} on {change['happened_on']}.")


@intel_app.command("prices")
def list_prices(ctx: typer.Context, competitor_id: CompetitorArg,
                workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """A competitor's plans and prices, cheapest first, with where and when seen."""
    api = client(ctx)
    found = api.json("GET", api.ws(workspace_of(ctx, workspace),
                                   f"/competitors/{competitor_id}/prices"))
    if json_out:
        output.print_json(found)
        return
    if not found:
        output.info("No prices recorded: `tandem intel price-add`.")
        return
    output.table(["Id", "Plan", "Price", "Included", "Seen", "Source"],
                 [(p["id"], p["plan"], p["label"], p["included"], p["observed_on"],
                   p["source_url"]) for p in found], keep=["Id"], wide=["Included"])


@intel_app.command("price-add")
def price_add(
    ctx: typer.Context, competitor_id: CompetitorArg,
    plan: Annotated[str, typer.Option(help="Their plan's name.")],
    amount: Annotated[float | None, typer.Option(
        help="The price (leave out when they do not publish it).")] = None,
    currency: Annotated[str, typer.Option(help="EUR, USD...")] = "",
    period: Annotated[BillingPeriod, typer.Option(help="Billing period.")
                      ] = BillingPeriod.monthly,
    unit: Annotated[PriceUnit, typer.Option(help="per_seat or flat.")] = PriceUnit.flat,
    included: Annotated[str, typer.Option(help="What the plan includes.")] = "",
    source: Annotated[str, typer.Option(help="The pricing page's URL.")] = "",
    when: Annotated[datetime | None, typer.Option(
        "--date", formats=["%Y-%m-%d"], help="When seen, YYYY-MM-DD (default: today).")
                    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Record a competitor's plan price as seen (updates the same plan and billing); new
    and changed prices go into the timeline."""
    api = client(ctx)
    row = api.json("POST", api.ws(workspace_of(ctx, workspace),
                                  f"/competitors/{competitor_id}/prices"),
                   json={"plan": plan, "amount": amount, "currency": currency,
                         "period": period.value, "unit": unit.value, "included": included,
                         "source_url": source,
                         "observed_on": (when or datetime.now()).date().isoformat()})
    output.success(f"Recorded {row['plan']} at {row['label']} (price {row['id']}).")


@intel_app.command("price-remove")
def price_remove(ctx: typer.Context, competitor_id: CompetitorArg,
                 price_id: Annotated[int, typer.Argument(metavar="PRICE_ID")],
                 workspace: WorkspaceOpt = None) -> None:
    """Remove a recorded price point."""
    api = client(ctx)
    api.send("DELETE", api.ws(workspace_of(ctx, workspace),
                              f"/competitors/{competitor_id}/prices/{price_id}"))
    output.success(f"Removed price {price_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(intel_app, name="intel")
