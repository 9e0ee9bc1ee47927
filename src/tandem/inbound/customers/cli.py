"""Companies and contacts from the terminal: list (sorted, filtered), show, add, update,
delete, and import a CSV file. A thin client of the API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.client import ApiClient
from tandem.cli.records import LimitOpt, OffsetOpt, QOpt, add_commands, fields_help
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.errors import Invalid, TandemError
from tandem.inbound.customers.importer import COMPANY_COLUMNS, CONTACT_COLUMNS
from tandem.inbound.customers.models import Stage
from tandem.inbound.customers.records import companies, contacts
from tandem.inbound.customers.service import SORTS
from tandem.paging import DEFAULT_LIMIT

company_app = typer.Typer(
    help="Companies your evidence comes from: revenue, plan, segment, stage.\n\n"
    f"{fields_help(companies)}", no_args_is_help=True)
contact_app = typer.Typer(
    help="People at your customers.\n\n" f"{fields_help(contacts)}", no_args_is_help=True)

SkipOpt = Annotated[bool, typer.Option(
    "--skip-invalid", help="Import the valid rows and list the others; by default one "
    "invalid row stops the whole import.")]


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(f"{path.name} is not UTF-8 text (byte {exc.start}): save it as UTF-8 "
                      "CSV and try again.") from None


def _import(api: ApiClient, workspace: str | None, kind: str, path: Path, skip: bool,
            json_out: bool) -> None:
    text = _read(path)
    try:
        report = api.json("POST", api.ws(workspace, f"/{kind}/import"),
                          params={"skip_invalid": str(skip).lower()},
                          content=text.encode("utf-8"),
                          headers={"Content-Type": "text/csv; charset=utf-8"})
    except TandemError as exc:  # the server calls the upload "CSV": name the file instead
        if exc.message.startswith("CSV"):
            exc.message = path.name + exc.message[3:]
            exc.args = (exc.message,)
        raise
    if json_out:
        output.print_json(report)
        return
    output.success(f"{path.name}: {report['created']:,} {kind} added, "
                   f"{report['updated']:,} updated.")
    if report["skipped"]:
        output.warn(f"Skipped {len(report['skipped'])} invalid row(s):")
        for problem in report["skipped"]:
            output.warn(f"  {problem}")


def _money(value: Any) -> str:
    return f"{int(value):,}" if value is not None else ""


@company_app.command("list")
def company_list(
    ctx: typer.Context,
    q: QOpt = None,
    stage: Annotated[Stage | None, typer.Option(case_sensitive=False,
                                                help="Only this lifecycle stage.")] = None,
    segment: Annotated[int | None, typer.Option(metavar="ID", help="Only this segment.")
                       ] = None,
    plan: Annotated[str | None, typer.Option(help="Only this plan.")] = None,
    sort: Annotated[str, typer.Option(
        metavar="KEY", help=f"Sort by {', '.join(SORTS)} (- is largest first).")] = "name",
    limit: LimitOpt = DEFAULT_LIMIT,
    offset: OffsetOpt = 0,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List companies with their ARR, sorted and filtered."""
    api = client(ctx)
    params: dict[str, Any] = {"sort": sort, "offset": offset, "limit": limit}
    for key, value in (("q", q), ("stage", stage.value if stage else None),
                       ("segment_id", segment), ("plan", plan)):
        if value not in (None, ""):
            params[key] = value
    page = api.json("GET", api.ws(workspace_of(ctx, workspace), "/companies"), params=params)
    if json_out:
        output.print_json(page)
        return
    if page["items"]:
        output.table(["ID", "Name", "Domain", "ARR", "Plan", "Stage"],
                     [(c["id"], c["name"], c["domain"], _money(c["arr"]), c["plan"],
                       c["stage"]) for c in page["items"]], wide=["Name"], keep=["ARR"])
    output.page_footer(len(page["items"]), page["total"], page["offset"],
                       page["next_offset"])


@company_app.command("import")
def company_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        metavar="FILE.csv", exists=True, dir_okay=False, readable=True,
        help=f"UTF-8 CSV with a header row. Columns: {', '.join(COMPANY_COLUMNS)}; name is "
        "required, give arr or mrr.")],
    skip_invalid: SkipOpt = False,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Add or update companies from a CSV file: every row or none (unless --skip-invalid)."""
    _import(client(ctx), workspace_of(ctx, workspace), "companies", file, skip_invalid,
            json_out)


@contact_app.command("import")
def contact_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        metavar="FILE.csv", exists=True, dir_okay=False, readable=True,
        help=f"UTF-8 CSV with a header row. Columns: {', '.join(CONTACT_COLUMNS)}; email or "
        "name is required.")],
    skip_invalid: SkipOpt = False,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Add or update contacts from a CSV file: every row or none (unless --skip-invalid)."""
    _import(client(ctx), workspace_of(ctx, workspace), "contacts", file, skip_invalid,
            json_out)


add_commands(company_app, companies, ("show", "add", "update", "delete"))
add_commands(contact_app, contacts, ("list", "show", "add", "update", "delete"))


def register(app: typer.Typer) -> None:
    app.add_typer(company_app, name="company")
    app.add_typer(contact_app, name="contact")
