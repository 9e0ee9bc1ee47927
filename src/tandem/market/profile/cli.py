"""`tandem segments show` and `tandem personas show`: what every side knows, in the terminal.

A thin client of the profile routes. Segments and personas are named as they are on their
pages (any case) or by id; records themselves are edited with `tandem segment update` and
`tandem persona update` (list fields as JSON, e.g. criteria='[{"field": "region", ...}]').
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.client import ApiClient
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.errors import NotFound
from tandem.paging import MAX_LIMIT

RefArg = Annotated[str, typer.Argument(metavar="NAME|ID", help="Its name or id.")]


def resolve(api: ApiClient, kind: str, workspace: str | None, ref: str) -> int:
    """An id from an id or a name (compared in any case)."""
    if ref.isascii() and ref.isdigit():
        return int(ref)
    offset: int | None = 0
    while offset is not None:
        page = api.list_items(kind, workspace, offset=offset, limit=MAX_LIMIT)
        for item in page.items:
            if str(item.get("name", "")).strip().lower() == ref.strip().lower():
                return int(item["id"])
        offset = page.next_offset
    raise NotFound(f"No {kind[:-1]} named '{ref[:80]}' in this workspace.")


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def _print(profile: dict[str, Any], record: dict[str, Any]) -> None:
    inbound, outbound, market = profile["inbound"], profile["outbound"], profile["market"]
    output.info(f"{profile['name']} ({profile['kind'][:-1]} {profile['id']})")
    if profile["kind"] == "personas":
        output.info(f"Type: {record.get('type')}; buying roles: "
                    f"{', '.join(record.get('buying_roles') or []) or '—'}")
        for key in ("goals", "pains", "objections", "channels"):
            for item in record.get(key) or []:
                output.info(f"  {key[:-1]}: {item}")
        for job in record.get("jobs") or []:
            output.info(f"  job: When {job['when']}, I want to {job['want']}, "
                        f"so I can {job['so_that']}")
    output.info(f"\nInbound: {_count(inbound['evidence'], 'piece', 'pieces')} of evidence")
    for quote in inbound["latest"]:
        output.info(f"  “{quote['text'][:120]}” {quote['company']}")
    if inbound["opportunities"]:
        output.info(f"Opportunities (by {inbound['ranked_by']}):")
        output.table(["ID", "Opportunity", "Score", "Demand", "Evidence here"],
                     [(o["id"], o["title"], _money(o["score"]) if o["score"] is not None
                       else "—", _money(o["demand"]), o["evidence_here"])
                      for o in inbound["opportunities"]], wide=["Opportunity"])
    output.info(f"\nOutbound: {len(outbound['matrix'])} messaging-matrix rows, "
                f"{len(outbound['messages'])} messages, {len(outbound['launches'])} launches, "
                f"{len(outbound['campaigns'])} campaigns, "
                f"{len(outbound['assets'])} assets")
    for line in outbound["matrix"]:
        output.info(f"  {line['house']} / {line['persona']}: {line['key_message'][:100]}")
    rate = market["win_loss"]
    output.info(f"\nMarket: {_count(len(market['companies']), 'company', 'companies')} "
                f"({market['companies_assigned']} assigned, "
                f"{market['companies_meeting_criteria']} meeting the criteria), "
                f"ARR {_money(market['arr'])}")
    if market["criteria"]:
        output.info(f"  Criteria: {market['criteria']}")
    if market["market_size"] is not None:
        output.info(f"  Market size: {market['market_size']:,} companies "
                    f"({market['market_size_source'] or 'no source given'}); "
                    f"we know {_percent(market['coverage'])}")
    output.info(f"  Win/loss: {rate['won']} won, {rate['lost']} lost, {rate['no_decision']} "
                f"no decision; win rate {_percent(rate['win_rate_excluding_no_decision'])} "
                f"without no-decision, {_percent(rate['win_rate_including_no_decision'])} "
                "counting it")


def _show(kind: str) -> Any:
    def show(ctx: typer.Context, ref: RefArg, workspace: WorkspaceOpt = None,
             json_out: JsonOpt = False) -> None:
        api = client(ctx)
        ws = workspace_of(ctx, workspace)
        obj_id = resolve(api, kind, ws, ref)
        profile = api.json("GET", api.ws(ws, f"/{kind}/{obj_id}/profile"))
        record = api.get_item(kind, ws, obj_id)
        if json_out:
            output.print_json({**record, "profile": profile})
        else:
            _print(profile, record)
    show.__doc__ = (f"One {kind[:-1]} and what every side knows about it: evidence, "
                    "opportunities, messaging, companies and ARR, win/loss.")
    return show


def register(app: typer.Typer) -> None:
    for kind in ("segments", "personas"):
        group = typer.Typer(help=f"{kind.capitalize()}: what every side knows about one.",
                            no_args_is_help=True)
        group.command("show")(_show(kind))
        app.add_typer(group, name=kind)
