"""`tandem assets`: generate a battlecard or release notes, list them."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

assets_app = typer.Typer(help="Generated sales assets: battlecards, release notes, changelog "
                              "entries, launch emails, one-pagers, FAQs, pitch outlines, "
                              "plan comparisons.",
                         no_args_is_help=True)
KINDS = ("battlecard", "release_notes", "changelog", "launch_email", "one_pager", "faq",
         "pitch_outline", "plan_comparison")


class Format(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


@assets_app.command("generate")
def generate(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(metavar="KIND", help=", ".join(KINDS) + ".")],
    competitor: Annotated[str, typer.Option(metavar="NAME",
                                            help="The competitor (battlecards).")] = "",
    house: Annotated[int | None, typer.Option(
        metavar="ID", help="The messaging house to write from (one-pager, FAQ, pitch).")
                     ] = None,
    release: Annotated[int | None, typer.Option(
        metavar="ID", help="The release (release notes, changelog, launch email).")] = None,
    product: Annotated[int | None, typer.Option(
        metavar="ID", help="The product (plan comparison).")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="md, html or pdf (pdf needs "
                                                         "--output)")] = Format.md,
    out: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                             help="Write to FILE instead of stdout.")] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Write an asset from the structured data and print (or save) it."""
    if fmt is Format.pdf and out is None:
        raise typer.BadParameter("a PDF goes to a file: add --output FILE.pdf",
                                 param_hint="--format")
    api = client(ctx)
    slug = workspace_of(ctx, workspace)
    asset = api.json("POST", api.ws(slug, "/assets"), json={
        "kind": kind, "competitor": competitor, "house_id": house, "release_id": release,
        "product_id": product})
    rendered = api.send("GET", api.ws(slug, f"/assets/{asset['id']}/render"),
                        params={"format": fmt.value})
    text = rendered.text if fmt is not Format.pdf else ""
    if out is not None:
        out.write_bytes(rendered.content)
        output.success(f"Asset {asset['id']} ({asset['title']}) written to {out}.")
    else:
        output.out.print(text, markup=False, highlight=False, soft_wrap=True)


@assets_app.command("list")
def list_assets(ctx: typer.Context, workspace: WorkspaceOpt = None,
                json_out: JsonOpt = False) -> None:
    """Every asset with its version and approval status."""
    api = client(ctx)
    found = api.json("GET", api.ws(workspace_of(ctx, workspace), "/assets"))
    if json_out:
        output.print_json(found)
        return
    if not found:
        output.info("No assets yet: `tandem assets generate battlecard --competitor NAME`.")
        return
    output.table(["Id", "Title", "Version", "Status", "Approved by"],
                 [(a["id"], a["title"], a["version"], a["status"].replace("_", " "),
                   a["approved_by"]) for a in found], keep=["Id"])


def register(app: typer.Typer) -> None:
    app.add_typer(assets_app, name="assets")
