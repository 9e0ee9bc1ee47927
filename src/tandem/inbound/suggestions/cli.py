"""`tandem suggestions`: suggested evidence and ranked quotes (a client of the API)."""

from __future__ import annotations

from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

suggestions_app = typer.Typer(
    help="Evidence suggested for an opportunity: list, accept, reject; ranked quotes.",
    no_args_is_help=True)
OppArg = Annotated[int, typer.Argument(metavar="OPPORTUNITY", min=1, max=2**31 - 1,
                                       help="The opportunity's id.")]
EvArg = Annotated[int, typer.Argument(metavar="EVIDENCE", min=1, max=2**31 - 1,
                                      help="The evidence's id.")]


@suggestions_app.command("list")
def suggestions_list(ctx: typer.Context, opportunity: OppArg,
                     limit: Annotated[int, typer.Option(min=1, max=50)] = 10,
                     workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Unlinked evidence nearest in meaning to the opportunity."""
    api = client(ctx)
    found = api.json("GET", api.ws(workspace_of(ctx, workspace),
                                   f"/opportunities/{opportunity}/suggestions"),
                     params={"limit": limit})
    if json_out:
        output.print_json(found)
        return
    if not found["items"]:
        output.info(found["note"] or "No suggestions.")
        return
    output.table(["ID", "Alike", "Company", "Feedback"],
                 [(i["id"], f"{i['similarity']:.2f}", i["customer_company"], i["text"])
                  for i in found["items"]], wide=["Feedback"])
    output.info("Accept with `tandem suggestions accept OPPORTUNITY ID`, reject with "
                "`... reject OPPORTUNITY ID`.")


@suggestions_app.command("accept")
def suggestions_accept(ctx: typer.Context, opportunity: OppArg, evidence: EvArg,
                       importance: Annotated[int | None, typer.Option(
                           min=0, max=3, help="0 not important .. 3 critical")] = None,
                       workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Link the suggested evidence to the opportunity."""
    api = client(ctx)
    done = api.json("POST", api.ws(workspace_of(ctx, workspace),
                                   f"/opportunities/{opportunity}/suggestions/accept"),
                    json={"evidence_id": evidence, "importance": importance})
    if json_out:
        output.print_json(done)
        return
    output.success(f"Linked evidence {evidence} to opportunity {opportunity}.")


@suggestions_app.command("reject")
def suggestions_reject(ctx: typer.Context, opportunity: OppArg, evidence: EvArg,
                       workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Say the evidence is not about the opportunity: it is not suggested again."""
    api = client(ctx)
    done = api.json("POST", api.ws(workspace_of(ctx, workspace),
                                   f"/opportunities/{opportunity}/suggestions/reject"),
                    json={"evidence_id": evidence})
    if json_out:
        output.print_json(done)
        return
    output.success(f"Evidence {evidence} will not be suggested for opportunity "
                   f"{opportunity} again.")


@suggestions_app.command("quotes")
def suggestions_quotes(ctx: typer.Context, opportunity: OppArg,
                       limit: Annotated[int, typer.Option(min=1, max=50)] = 10,
                       workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """The opportunity's customer quotes, best for requirements and messaging first."""
    api = client(ctx)
    found = api.json("GET", api.ws(workspace_of(ctx, workspace),
                                   f"/opportunities/{opportunity}/quotes"),
                     params={"limit": limit})
    if json_out:
        output.print_json(found)
        return
    if not found:
        output.info("No evidence is linked to this opportunity yet.")
        return
    output.table(["ID", "Score", "Company", "ARR", "Quote"],
                 [(q["evidence_id"], f"{q['score']:.2f}", q["company"],
                   "" if q["arr"] is None else f"{q['arr']:,.0f}", q["text"]) for q in found],
                 wide=["Quote"])


def register(app: typer.Typer) -> None:
    app.add_typer(suggestions_app, name="suggestions")
