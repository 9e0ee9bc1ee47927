"""`tandem messaging house`: the messaging house, its proof and the persona matrix."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

messaging_app = typer.Typer(help="Messaging houses: core message, pillars, proof, matrix.",
                            no_args_is_help=True)


def _proof(point: dict[str, Any]) -> str:
    if point["kind"] in ("evidence", "win_loss"):
        label = "win/loss" if point["kind"] == "win_loss" else "evidence"
        if point["evidence_id"] is None:
            return f"{label} #{point['cited_evidence_id']} (DELETED)"
        return f"{label} #{point['evidence_id']}"
    if point["kind"] == "metric":
        return f"metric {point['metric']} ({point['source'] or 'NO SOURCE'})"
    return f"{point['source'] or 'third party'}: {point['url']}"


def _print(house: dict[str, Any]) -> None:
    status = house["status"].replace("_", " ")
    by = f", approved by {house['approved_by']}" if house["approved_by"] else ""
    output.info(f"#{house['id']} {house['name']} [{status}{by}]")
    output.info(f"  Core message: {house['core_message']}")
    for n, pillar in enumerate(house["pillars"], 1):
        output.info(f"  Pillar {n}: {pillar['title']}")
        if not pillar["proof_points"]:
            output.info("    (no proof points)")
        for point in pillar["proof_points"]:
            output.info(f"    - {point['claim']}  [{_proof(point)}]")
    if house["matrix"]:
        output.table(["Persona", "Segment", "Pain", "Key message", "Call to action"],
                     [(r["persona"], r["segment"] or "all", r["pain"], r["key_message"],
                       r["call_to_action"]) for r in house["matrix"]],
                     keep=["Persona"])


@messaging_app.command("house")
def house(ctx: typer.Context,
          house_id: Annotated[int | None, typer.Argument(
              metavar="[HOUSE_ID]", help="One house (default: every house).")] = None,
          workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """The core message, pillars with their proof points, and the per-persona matrix."""
    api = client(ctx)
    slug = workspace_of(ctx, workspace)
    found = ([api.json("GET", api.ws(slug, f"/messaging/{house_id}"))]
             if house_id is not None else api.json("GET", api.ws(slug, "/messaging")))
    if json_out:
        output.print_json(found if house_id is None else found[0])
        return
    if not found:
        output.info("No messaging house yet: build one on the web (Outbound → Messaging "
                    "house).")
        return
    for item in found:
        _print(item)


def register(app: typer.Typer) -> None:
    app.add_typer(messaging_app, name="messaging")
