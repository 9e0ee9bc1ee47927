"""`tandem prd`: requirements documents from the terminal (a client of the API)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.errors import Invalid

prd_app = typer.Typer(help="Requirements (PRDs): show, write, review, approve, hand off, "
                      "export.", no_args_is_help=True)
OppArg = Annotated[int, typer.Argument(metavar="OPPORTUNITY", min=1, max=2**31 - 1,
                                       help="The opportunity's id.")]
MAX_FILE = 1_000_000


def _path(opportunity: int, tail: str = "") -> str:
    return f"/opportunities/{opportunity}/requirements{tail}"


def _show(doc: dict[str, Any]) -> None:
    output.details({"title": doc["title"], "opportunity": doc["opportunity_title"],
                    "status": doc["status"], "approved by": doc["approved_by"],
                    "approved at": doc["approved_at"], "handed to": doc["handoff_to"],
                    "tracker": doc["tracker_url"], "stories": len(doc["stories"]),
                    "missing citations": doc["missing_citations"]}, title="Requirements")


@prd_app.command("list")
def prd_list(ctx: typer.Context, workspace: WorkspaceOpt = None,
             json_out: JsonOpt = False) -> None:
    """Every requirements document, latest first."""
    api = client(ctx)
    found = api.json("GET", api.ws(workspace_of(ctx, workspace), "/requirements"))
    if json_out:
        output.print_json(found)
        return
    output.table(["Opportunity", "Title", "Status"],
                 [(f"{r['opportunity_id']} {r['opportunity_title']}", r["title"], r["status"])
                  for r in found], wide=["Title"])


@prd_app.command("show")
def prd_show(ctx: typer.Context, opportunity: OppArg, workspace: WorkspaceOpt = None,
             json_out: JsonOpt = False) -> None:
    """The opportunity's requirements (`--json` gives the whole document)."""
    api = client(ctx)
    doc = api.json("GET", api.ws(workspace_of(ctx, workspace), _path(opportunity)))
    if json_out:
        output.print_json(doc)
        return
    _show(doc)


@prd_app.command("write")
def prd_write(ctx: typer.Context, opportunity: OppArg,
              file: Annotated[Path, typer.Argument(help="A JSON document: title, problem, "
                                                   "problem_citations, persona_ids, stories, "
                                                   "non_goals, metrics.")],
              workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Write the whole document from a JSON file (as `prd show --json` prints it)."""
    try:
        if file.stat().st_size > MAX_FILE:
            raise Invalid(f"{file} is larger than {MAX_FILE} bytes.", "file")
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise Invalid(f"Cannot read {file}: {exc}", "file") from None
    if not isinstance(data, dict):
        raise Invalid(f"{file} must hold a JSON object.", "file")
    keys = ("title", "problem", "problem_citations", "persona_ids", "stories", "non_goals",
            "metrics")
    body = {k: data[k] for k in keys if k in data}
    if "personas" in data and "persona_ids" not in data:
        body["persona_ids"] = [p["id"] for p in data["personas"]]
    for key in ("problem_citations",):
        body[key] = [{"evidence_id": c["evidence_id"], "quote": c["quote"]}
                     for c in body.get(key, [])]
    body["stories"] = [{**{k: s[k] for k in ("as_a", "i_want", "so_that", "acceptance")
                           if k in s},
                        "citations": [{"evidence_id": c["evidence_id"], "quote": c["quote"]}
                                      for c in s.get("citations", [])]}
                       for s in body.get("stories", [])]
    api = client(ctx)
    doc = api.json("PUT", api.ws(workspace_of(ctx, workspace), _path(opportunity)), json=body)
    if json_out:
        output.print_json(doc)
        return
    output.success(f"Saved the requirements of opportunity {opportunity}.")


@prd_app.command("status")
def prd_status(ctx: typer.Context, opportunity: OppArg,
               status: Annotated[str, typer.Argument(help="draft, in_review or approved")],
               workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Submit for review, approve, or send back to draft."""
    api = client(ctx)
    doc = api.json("POST", api.ws(workspace_of(ctx, workspace), _path(opportunity, "/status")),
                   json={"status": status})
    if json_out:
        output.print_json(doc)
        return
    output.success(f"The requirements are now {doc['status'].replace('_', ' ')}.")


@prd_app.command("handoff")
def prd_handoff(ctx: typer.Context, opportunity: OppArg,
                what: Annotated[str, typer.Option(help="What is handed over.")],
                to: Annotated[str, typer.Option(help="A named person or team.")] = "",
                to_user: Annotated[int | None, typer.Option(
                    min=1, max=2**31 - 1, help="Or a member's user id.")] = None,
                url: Annotated[str, typer.Option(help="The tracker ticket (http/https).")] = "",
                workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Hand approved requirements to development."""
    api = client(ctx)
    doc = api.json("POST", api.ws(workspace_of(ctx, workspace),
                                  _path(opportunity, "/handoff")),
                   json={"what": what, "to_name": to, "to_user_id": to_user,
                         "tracker_url": url})
    if json_out:
        output.print_json(doc)
        return
    output.success(f"Handed to {doc['handoff_to']}.")


@prd_app.command("export")
def prd_export(ctx: typer.Context, opportunity: OppArg,
               format: Annotated[str, typer.Option(
                   "--format", "-f", help="md, html or pdf")] = "md",
               out: Annotated[Path | None, typer.Option(
                   "--output", "-o", help="File to write (Markdown and HTML print "
                   "when omitted).")] = None,
               workspace: WorkspaceOpt = None) -> None:
    """Export the PRD as Markdown, HTML or PDF, citations as footnotes."""
    if format not in ("md", "html", "pdf"):
        raise Invalid("The format is md, html or pdf.", "format")
    api = client(ctx)
    answer = api.send("GET", api.ws(workspace_of(ctx, workspace), _path(opportunity, "/export")),
                      params={"format": format})
    if out is None:
        if format == "pdf":
            raise Invalid("A PDF needs a file: pass --output prd.pdf.", "output")
        typer.echo(answer.text, nl=False)
        return
    out.write_bytes(answer.content)
    output.success(f"Wrote {out} ({len(answer.content):,} bytes).")


def register(app: typer.Typer) -> None:
    app.add_typer(prd_app, name="prd")
