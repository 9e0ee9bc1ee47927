"""`tandem embeddings ...`: see how much evidence has vectors, and embed the rest."""

from __future__ import annotations

from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.jobs import wait_for
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

embeddings_app = typer.Typer(help="Evidence vectors for semantic search, duplicates and themes.",
                             no_args_is_help=True)


@embeddings_app.command("status")
def status(ctx: typer.Context, workspace: WorkspaceOpt = None,
           json_out: JsonOpt = False) -> None:
    """How many evidence items have a vector for the current model."""
    api = client(ctx)
    found = api.json("GET", api.ws(workspace_of(ctx, workspace), "/evidence/embeddings"))
    if json_out:
        output.print_json(found)
        return
    output.info(f"{found['embedded']:,} of {found['total']:,} evidence items embedded with "
                f"{found['model']} ({found['missing']:,} waiting).")


@embeddings_app.command("update")
def update(
    ctx: typer.Context,
    no_wait: Annotated[bool, typer.Option(
        "--no-wait", help="Start the job and return; follow it with `tandem job wait`.")
    ] = False,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Embed every evidence item lacking a vector, in the background, with a progress bar."""
    api = client(ctx)
    job = api.json("POST", api.ws(workspace_of(ctx, workspace), "/evidence/embed"))
    wait_for(api, job, no_wait, json_out=json_out)


def register(app: typer.Typer) -> None:
    app.add_typer(embeddings_app, name="embeddings")
