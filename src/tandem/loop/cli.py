"""The loop from the terminal: link and unlink objects, export a workspace and import one."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.client import kind_name
from tandem.cli.jobs import NoWaitOpt, wait_for
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.errors import Invalid
from tandem.inbound.search.service import Mode


def counts_of(data: Any) -> str:
    """'316 evidence, 9 opportunities, ...' for the non-empty tables (version 2) or record
    kinds (version 1) of an export; at most eight, then how many rows in all."""
    if not isinstance(data, dict):
        return "nothing"
    found = data.get("tables", data.get("objects"))
    if not isinstance(found, dict):
        return "nothing"
    sizes = [(len(rows), name) for name, rows in found.items() if isinstance(rows, list) and rows]
    parts = [f"{n} {name}" for n, name in sorted(sizes, key=lambda s: -s[0])[:8]]
    if len(sizes) > 8:
        parts.append(f"{sum(n for n, _ in sizes):,} rows in {len(sizes)} tables in all")
    return ", ".join(parts) or "nothing"


def accounts_note(result: dict[str, Any]) -> str:
    """What became of the user accounts the file referred to (approvers, authors, ...)."""
    accounts = result.get("accounts") or {}
    unmatched = accounts.get("unmatched") or []
    if not unmatched:
        return ""
    return (f" References to {len(unmatched)} account(s) with no user of the same e-mail "
            f"here were left empty: {', '.join(unmatched[:5])}"
            f"{' ...' if len(unmatched) > 5 else ''}.")


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a failure never leaves half a file."""
    folder = path.resolve().parent
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def export(
    ctx: typer.Context,
    output_file: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
        help="Write here instead of stdout.")] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Export a whole workspace (objects and links) as JSON, to stdout by default."""
    data = client(ctx).export_workspace(workspace_of(ctx, workspace))
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output_file is None:
        sys.stdout.write(text)
        return
    write_atomically(output_file, text)
    slug = data.get("workspace", {}).get("slug", "?")
    output.success(f"Exported workspace '{slug}' ({counts_of(data)}) to {output_file}.")


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        metavar="FILE", exists=True, dir_okay=False, readable=True,
        help="A file written by `tandem export`.")],
    slug: Annotated[str | None, typer.Option(
        help="Slug of the new workspace (default: the exported one).")] = None,
    name: Annotated[str | None, typer.Option(
        help="Name of the new workspace (default: the exported one).")] = None,
    owner: Annotated[str | None, typer.Option(
        "--owner", metavar="EMAIL", help="Local only: make this user the owner.")] = None,
) -> None:
    """Create a new workspace from an export; all of it or, on any error, nothing. The
    file is checked first; a background job then writes it, with a progress bar."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise Invalid(f"{file.name} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise Invalid(f"{file.name} is not JSON: {exc.msg} at line {exc.lineno}, column "
                      f"{exc.colno}.") from None
    api = client(ctx)
    job = api.import_workspace(data, slug, name, owner)
    done = wait_for(api, job, quiet=True)
    result = done.get("result") or {}
    output.success(f"Imported workspace '{result.get('workspace', job['workspace'])}' "
                    f"({result.get('name', '')}): {counts_of(data)}.{accounts_note(result)}")





def link(
    ctx: typer.Context,
    a_kind: Annotated[str, typer.Argument(metavar="KIND", help="e.g. evidence")],
    a_id: Annotated[int, typer.Argument(metavar="ID")],
    b_kind: Annotated[str, typer.Argument(metavar="OTHER_KIND", help="e.g. opportunity")],
    b_id: Annotated[int, typer.Argument(metavar="OTHER_ID")],
    importance: Annotated[int | None, typer.Option(
        min=0, max=3, help="0-3, for evidence-opportunity links.")] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Link two objects: evidence-opportunity, opportunity-release or message-evidence."""
    a, b = kind_name(a_kind), kind_name(b_kind)
    client(ctx).link(workspace_of(ctx, workspace), a, a_id, b, b_id, importance)
    output.success(f"Linked {a} {a_id} to {b} {b_id}.")


def unlink(
    ctx: typer.Context,
    a_kind: Annotated[str, typer.Argument(metavar="KIND")],
    a_id: Annotated[int, typer.Argument(metavar="ID")],
    b_kind: Annotated[str, typer.Argument(metavar="OTHER_KIND")],
    b_id: Annotated[int, typer.Argument(metavar="OTHER_ID")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Remove the link between two objects."""
    a, b = kind_name(a_kind), kind_name(b_kind)
    client(ctx).unlink(workspace_of(ctx, workspace), a, a_id, b, b_id)
    output.success(f"Unlinked {a} {a_id} from {b} {b_id}.")


search_app = typer.Typer(help="Search everything in a workspace, and rebuild its index.",
                         no_args_is_help=True)


@search_app.command("query")
def search_query(
    ctx: typer.Context,
    words: Annotated[str, typer.Argument(metavar="WORDS", help="What to look for.")],
    mode: Annotated[Mode, typer.Option(
        case_sensitive=False, help="Evidence: hybrid (keyword and meaning), keyword or "
        "semantic.")] = Mode.hybrid,
    source: Annotated[str | None, typer.Option(metavar="SOURCE",
                                               help="Evidence from this source only.")] = None,
    company: Annotated[str | None, typer.Option(metavar="NAME",
                                                help="Evidence of this company only.")] = None,
    segment: Annotated[int | None, typer.Option(metavar="ID",
                                                help="Evidence of this segment only.")] = None,
    persona: Annotated[str | None, typer.Option(
        metavar="ID", help="Evidence of this persona only (once evidence has personas).")
    ] = None,
    theme: Annotated[str | None, typer.Option(
        metavar="ID", help="Evidence in this theme only (once themes exist).")] = None,
    tag: Annotated[str | None, typer.Option(metavar="TAG", help="Evidence with this tag.")
                   ] = None,
    linked: Annotated[str | None, typer.Option(
        metavar="yes|no", help="yes: evidence linked to an opportunity; no: not linked yet.")
    ] = None,
    received_from: Annotated[datetime | None, typer.Option(
        "--from", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD",
        help="Evidence received on or after this day.")
    ] = None,
    received_to: Annotated[datetime | None, typer.Option(
        "--to", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD",
        help="Evidence received on or before this day.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100, help="Evidence hits to show.")] = 20,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Search evidence by keyword and meaning (with filters), then every other kind."""
    api = client(ctx)
    slug = workspace_of(ctx, workspace)
    params: dict[str, Any] = {"q": words, "mode": mode.value, "limit": limit}
    for name, value in (("source", source), ("company", company), ("segment", segment),
                        ("persona", persona), ("theme", theme), ("tag", tag),
                        ("linked", linked),
                        ("received_from", received_from.date().isoformat()
                         if received_from else None),
                        ("received_to", received_to.date().isoformat()
                         if received_to else None)):
        if value is not None:
            params[name] = value
    found = api.json("GET", api.ws(slug, "/evidence/search"), params=params)
    hits = [h for h in api.json("GET", api.ws(slug, "/search"), params={"q": words})
            if h["type"] != "evidence"]
    if json_out:
        output.print_json({"evidence": found, "other": hits})
        return
    if found["note"]:
        output.warn(found["note"])
    if found["hits"]:
        output.table(["ID", "Match", "Company", "Received", "Feedback"],
                     [(h["id"], h["matched_by"], h["customer_company"], h["received_on"],
                       h["text"]) for h in found["hits"]], wide=["Feedback"])
    if hits:
        output.table(["Kind", "ID", "Title"], [(h["label"], h["id"], h["title"]) for h in hits],
                     wide=["Title"])
    if not found["hits"] and not hits:
        output.info(f"Nothing found for '{words}'.")


@search_app.command("reindex")
def search_reindex(
    ctx: typer.Context,
    no_wait: NoWaitOpt = False,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Rebuild the search index in the background, with a progress bar until it is done."""
    api = client(ctx)
    job = api.json("POST", api.ws(workspace_of(ctx, workspace), "/search/reindex"))
    wait_for(api, job, no_wait, json_out=json_out)


def register(app: typer.Typer) -> None:
    app.add_typer(search_app, name="search")
    app.command("export")(export)
    app.command("import")(import_)
    app.command("link")(link)
    app.command("unlink")(unlink)
