"""`tandem bulk evidence|opportunities ACTION ID...`: one action on many objects, through
`POST .../evidence/bulk` and `.../opportunities/bulk` (all or nothing)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.inbound.bulk.schemas import MAX_IDS, BulkAction
from tandem.inbound.opportunity import OpportunityStatus

bulk_app = typer.Typer(help=f"Link, tag, move or delete up to {MAX_IDS} evidence items or "
                            "opportunities at once; all or nothing.", no_args_is_help=True)

ActionArg = Annotated[BulkAction, typer.Argument(case_sensitive=False, metavar="ACTION",
                                                 help="link, tag, move or delete.")]
IdsArg = Annotated[list[int], typer.Argument(metavar="ID...", min=1, help="The objects' ids.")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking first.")]


def _send(ctx: typer.Context, kind: str, workspace: str | None, body: dict[str, Any],
          yes: bool, json_out: bool) -> None:
    if body["action"] == BulkAction.delete.value and not yes:
        typer.confirm(f"Delete {len(set(body['ids']))} {kind}?", abort=True)
    api = client(ctx)
    result = api.json("POST", api.ws(workspace_of(ctx, workspace), f"/{kind}/bulk"),
                      json={k: v for k, v in body.items() if v is not None})
    if json_out:
        output.print_json(result)
        return
    output.success(result["message"])


@bulk_app.command("evidence")
def bulk_evidence(
    ctx: typer.Context, action: ActionArg, ids: IdsArg,
    opportunity: Annotated[int | None, typer.Option(
        metavar="ID", help="link: the opportunity to link them to.")] = None,
    tag: Annotated[str | None, typer.Option(help="tag: the tag to add.")] = None,
    segment: Annotated[int | None, typer.Option(
        metavar="ID", help="move: the segment to move them into.")] = None,
    yes: YesOpt = False, workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """Link evidence to an opportunity, add a tag, move it into a segment, or delete it."""
    _send(ctx, "evidence", workspace, {
        "action": action.value, "ids": ids, "opportunity_id": opportunity, "tag": tag,
        "segment_id": segment}, yes, json_out)


@bulk_app.command("opportunities")
def bulk_opportunities(
    ctx: typer.Context, action: ActionArg, ids: IdsArg,
    release: Annotated[int | None, typer.Option(
        metavar="ID", help="link: the release to add them to.")] = None,
    status: Annotated[OpportunityStatus | None, typer.Option(
        case_sensitive=False, help="move: the status to move them to.")] = None,
    yes: YesOpt = False, workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """Add opportunities to a release, move them to a status, or delete them (they have no
    tags)."""
    _send(ctx, "opportunities", workspace, {
        "action": action.value, "ids": ids, "release_id": release,
        "status": status.value if status else None}, yes, json_out)


def register(app: typer.Typer) -> None:
    app.add_typer(bulk_app, name="bulk")
