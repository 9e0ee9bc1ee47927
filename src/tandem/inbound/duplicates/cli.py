"""`tandem evidence duplicates`: review near-duplicates from the terminal (a client of the API)."""

from __future__ import annotations

from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.jobs import NoWaitOpt, wait_for
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

duplicates_app = typer.Typer(
    help="Near-duplicate evidence: list the groups, scan, merge or dismiss.",
    no_args_is_help=True)

IdsArg = Annotated[list[int], typer.Argument(metavar="ID...", min=1,
                                             help="Evidence ids (2 or more).")]


@duplicates_app.command("list")
def duplicates_list(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, max=200, help="Groups to show.")] = 50,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Groups of near-duplicate evidence waiting for review, most alike first."""
    api = client(ctx)
    found = api.json("GET", api.ws(workspace_of(ctx, workspace), "/evidence/duplicates"),
                     params={"limit": limit})
    if json_out:
        output.print_json(found)
        return
    if not found["groups"]:
        output.info("No duplicates waiting for review.")
        return
    rows = []
    for number, group in enumerate(found["groups"], start=1):
        for item in group["items"]:
            rows.append((number, f"{group['best']:.2f}", item["id"],
                         item["customer_company"], item["text"]))
    output.table(["Group", "Alike", "ID", "Company", "Feedback"], rows, wide=["Feedback"])
    output.info(f"{found['total']} group(s) to review. Merge with `tandem evidence duplicates "
                "merge KEEP ID...`, or dismiss with `... dismiss ID ID...`.")


@duplicates_app.command("scan")
def duplicates_scan(
    ctx: typer.Context,
    threshold: Annotated[float, typer.Option(
        min=0.5, max=1.0, help="Cosine similarity at or above which two items pair.")] = 0.9,
    no_wait: NoWaitOpt = False,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Compare all evidence for near-duplicates in the background, with a progress bar."""
    api = client(ctx)
    job = api.json("POST", api.ws(workspace_of(ctx, workspace), "/evidence/duplicates/scan"),
                   json={"threshold": threshold})
    wait_for(api, job, no_wait, json_out=json_out)


@duplicates_app.command("merge")
def duplicates_merge(
    ctx: typer.Context,
    keep: Annotated[int, typer.Argument(metavar="KEEP", help="The evidence that stays.")],
    ids: IdsArg,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Merge evidence into KEEP: their customers, links and tags are kept on it."""
    api = client(ctx)
    done = api.json("POST", api.ws(workspace_of(ctx, workspace), "/evidence/duplicates/merge"),
                    json={"keep": keep, "merge": ids})
    if json_out:
        output.print_json(done)
        return
    output.success(f"Merged {', '.join(map(str, done['merged']))} into evidence {keep}.")


@duplicates_app.command("dismiss")
def duplicates_dismiss(
    ctx: typer.Context,
    ids: IdsArg,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Say these items are not duplicates: they are never proposed again."""
    api = client(ctx)
    done = api.json("POST", api.ws(workspace_of(ctx, workspace),
                                   "/evidence/duplicates/dismiss"), json={"ids": ids})
    if json_out:
        output.print_json(done)
        return
    output.success(f"Dismissed {done['dismissed']} pair(s).")


def register(app: typer.Typer) -> None:
    """Add `duplicates` under the `evidence` group (registered by the evidence feature)."""
    for group in app.registered_groups:
        if group.name == "evidence" and group.typer_instance is not None:
            group.typer_instance.add_typer(duplicates_app, name="duplicates")
            return
    app.add_typer(duplicates_app, name="duplicates")
