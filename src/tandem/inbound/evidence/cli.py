"""Evidence from the terminal: add one piece, list and filter, import a file."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.client import Item
from tandem.cli.jobs import follow, wait_for, worker_here
from tandem.cli.records import LimitOpt, OffsetOpt, QOpt, add_commands
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.errors import TandemError
from tandem.inbound.evidence.formats import FIELDS, PRESETS, parse_overrides
from tandem.inbound.evidence.formats import preset as find_preset
from tandem.inbound.evidence.models import Source
from tandem.inbound.evidence.service import evidence
from tandem.paging import DEFAULT_LIMIT

evidence_app = typer.Typer(
    help="Customer evidence: feedback from interviews, support, sales calls and more.",
    no_args_is_help=True)


class YesNo(StrEnum):
    yes = "yes"
    no = "no"


@evidence_app.command("add")
def evidence_add(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(
        metavar="TEXT", help="The feedback, or - to read it from stdin.")] = None,
    text_option: Annotated[str | None, typer.Option(
        "--text", help="The feedback (instead of the argument).")] = None,
    source: Annotated[Source | None, typer.Option(
        case_sensitive=False, help="Where it came from (default: other).")] = None,
    company: Annotated[str, typer.Option(help="Customer company.")] = "",
    contact: Annotated[str, typer.Option(help="Customer contact person.")] = "",
    received: Annotated[datetime | None, typer.Option(
        "--date", formats=["%Y-%m-%d"], help="Day received, YYYY-MM-DD (default: today).")
    ] = None,
    tags: Annotated[list[str] | None, typer.Option(
        "--tag", "-t", help="A tag; repeat the option for more.")] = None,
    segment: Annotated[int | None, typer.Option(metavar="ID", help="Segment id.")] = None,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Add one piece of customer evidence."""
    if text is not None and text_option is not None:
        raise typer.BadParameter("give the feedback once: as TEXT or with --text, not both.")
    body = text if text is not None else text_option
    if body == "-":
        body = sys.stdin.read()
    if body is None:
        raise typer.BadParameter("give the feedback as TEXT, with --text, or as - for stdin.")
    data: Item = {"text": body, "customer_company": company, "customer_contact": contact,
                  "tags": list(tags or [])}
    if source is not None:
        data["source"] = source.value
    if received is not None:
        data["received_on"] = received.date().isoformat()
    if segment is not None:
        data["segment_id"] = segment
    item = client(ctx).create_item("evidence", workspace_of(ctx, workspace), data)
    if json_out:
        output.print_json(item)
    else:
        output.success(f"Created evidence {item['id']}.")


@evidence_app.command("list")
def evidence_list(
    ctx: typer.Context,
    q: QOpt = None,
    source: Annotated[Source | None, typer.Option(case_sensitive=False,
                                                  help="Only this source.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only evidence with this tag.")] = None,
    company: Annotated[str | None, typer.Option(help="Only this customer company.")] = None,
    linked: Annotated[YesNo | None, typer.Option(
        help="yes: linked to an opportunity; no: not linked yet.")] = None,
    segment: Annotated[int | None, typer.Option(metavar="ID", help="Only this segment.")
                       ] = None,
    limit: LimitOpt = DEFAULT_LIMIT,
    offset: OffsetOpt = 0,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List evidence, newest first, with search and filters."""
    filters = {key: value for key, value in (
        ("source", source.value if source else None), ("tag", tag),
        ("customer_company", company), ("linked", linked.value if linked else None),
        ("segment_id", str(segment) if segment is not None else None)) if value}
    page = client(ctx).list_items("evidence", workspace_of(ctx, workspace), q=q,
                                   filters=filters, offset=offset, limit=limit)
    if json_out:
        output.print_json(page.as_json())
        return
    if page.items:
        output.table(
            ["ID", "Received", "Source", "Company", "Tags", "Feedback"],
            [(e["id"], e["received_on"], e["source"], e["customer_company"], e["tags"],
              e["text"]) for e in page.items],
            wide=["Feedback"], keep=["Received", "Source"])
    output.page_footer(len(page.items), page.total, page.offset, page.next_offset)


class FileFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    text = "text"


@evidence_app.command("import")
def evidence_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        metavar="FILE", exists=True, dir_okay=False, readable=True,
        help="CSV with a header row, JSON, JSON lines, or plain text (one item per "
        "paragraph); the extension picks the format unless --format is given.")],
    preset: Annotated[str | None, typer.Option(
        metavar="NAME", help=f"The export it comes from: {', '.join(PRESETS)}.")] = None,
    file_format: Annotated[FileFormat | None, typer.Option(
        "--format", case_sensitive=False, help="Read the file as this format.")] = None,
    mapping: Annotated[list[str] | None, typer.Option(
        "--map", metavar="FIELD=COLUMN", help="Which column feeds a field, e.g. "
        f"text=Body; repeat for more. Fields: {', '.join(FIELDS)}.")] = None,
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help="Import the valid rows and list the others; by default one "
        "invalid row stops the whole import.")] = False,
    no_wait: Annotated[bool, typer.Option(
        "--no-wait", help="Start the import and return; follow it with `tandem job wait`.")
    ] = False,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Import evidence from a file, as a background job with a progress bar: every row or
    none (unless --skip-invalid); items imported before are not added again."""
    find_preset(preset)
    params = [("skip_invalid", str(skip_invalid).lower())]
    parse_overrides(mapping or [])  # a mistyped --map stops here, before the upload
    params += [("map", pair) for pair in mapping or []]
    if preset:
        params.append(("preset", preset))
    if file_format is not None:
        params.append(("format", file_format.value))
    api = client(ctx)
    with file.open("rb") as stream:
        job = api.import_evidence(workspace_of(ctx, workspace), stream, file.name, params)
    if no_wait:
        wait_for(api, job, True, json_out=json_out)
        return
    with worker_here(ctx):
        job = follow(api, job)
    if job["status"] != "succeeded":
        reason = job.get("error") or job.get("message") or "no reason given"
        raise TandemError(reason if job["status"] == "failed"
                          else f"The import of {file.name} was cancelled.")
    report = job.get("result") or {}
    if json_out:
        output.print_json(report)
        return
    output.success(f"Imported {report.get('new', 0):,} new evidence from {file.name} "
                   f"({report.get('duplicates', 0):,} already there, "
                   f"{report.get('rejected', 0):,} rejected).")
    problems = report.get("problems") or []
    if problems:
        output.warn(f"Skipped {report.get('rejected', len(problems)):,} invalid row(s):")
        for problem in problems:
            output.warn(f"  {problem}")


add_commands(evidence_app, evidence, ("show", "update", "delete"))


def register(app: typer.Typer) -> None:
    app.add_typer(evidence_app, name="evidence")
