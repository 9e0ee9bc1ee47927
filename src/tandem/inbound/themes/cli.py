"""`tandem themes ...`: standalone discovery on a CSV file (no workspace, no server)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tandem.cli import output
from tandem.inbound.themes.standalone import discover_file
from tandem.storage.embedder import load_embedder

themes_app = typer.Typer(help="Themes: the market problems in the evidence, found "
                         "automatically.", no_args_is_help=True)


@themes_app.command("discover")
def discover(
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="UTF-8 CSV with a header.")],
    out: Annotated[Path, typer.Option("--out", metavar="OUT.csv",
                                      help="Where to write the rows with their themes.")],
    text_column: Annotated[str, typer.Option(
        "--text-column", metavar="NAME", help="The column holding the text.")] = "text",
    embedder: Annotated[str, typer.Option(
        "--embedder", envvar="TANDEM_EMBEDDER", metavar="NAME",
        help="minilm (the real model) or hashing (the fast stand-in).")] = "minilm",
) -> None:
    """Find themes in a CSV file on this machine; no workspace or server is used."""
    if embedder not in {"minilm", "hashing"}:
        raise typer.BadParameter("choose minilm or hashing.", param_hint="--embedder")
    if out.resolve() == file.resolve():
        raise typer.BadParameter("write to another file than the input.", param_hint="--out")
    model = load_embedder(embedder)
    with output.working("Embedding") as advance:
        def progress(step: str, done: int, total: int) -> None:
            advance(done, total)

        outcome = discover_file(file, out, text_column, model, progress)
    output.success(f"{outcome.rows:,} rows, {outcome.themes} themes, {outcome.unsorted:,} "
                   f"unsorted: written to {out}.")


def register(app: typer.Typer) -> None:
    app.add_typer(themes_app, name="themes")
