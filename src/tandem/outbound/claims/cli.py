"""`tandem claims audit`: every claim's proof; exits 1 when an approved asset has an
unsupported claim, so a launch can be gated on it."""

from __future__ import annotations

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

claims_app = typer.Typer(help="The claims audit: is every marketing claim backed by proof?",
                         no_args_is_help=True)


@claims_app.command("audit")
def audit(ctx: typer.Context, workspace: WorkspaceOpt = None,
          json_out: JsonOpt = False) -> None:
    """Claims and their flags per asset; exit 1 when an approved asset has an unsupported
    claim."""
    api = client(ctx)
    report = api.json("GET", api.ws(workspace_of(ctx, workspace), "/claims/audit"))
    if json_out:
        output.print_json(report)
    else:
        overall = report["overall"]
        output.info(f"{overall['supported']} of {overall['total']} claims supported "
                    f"({overall['percent']}%); evidence counts for "
                    f"{report['evidence_max_age_days']} days.")
        rows = []
        for asset in report["assets"]:
            for claim in asset["claims"]:
                rows.append((asset["title"], asset["status"].replace("_", " "), claim["ref"],
                             "yes" if claim["supported"] else "NO",
                             "; ".join(claim["problems"])))
        if rows:
            output.table(["Asset", "Status", "Claim", "Supported", "Flags"], rows,
                         keep=["Supported"])
        for asset in report["assets"]:
            share = asset["share"]
            output.info(f"{asset['title']}: {share['supported']}/{share['total']} supported "
                        f"({share['percent']}%)")
        for release in report["releases"]:
            share = release["share"]
            output.info(f"Release {release['release']}: {share['supported']}/"
                        f"{share['total']} supported ({share['percent']}%)")
    if report["blocking"]:
        output.error_line("Approved with unsupported claims: " + ", ".join(report["blocking"]))
        raise typer.Exit(1)
    if not json_out:
        output.success("Every approved asset's claims are supported.")


def register(app: typer.Typer) -> None:
    app.add_typer(claims_app, name="claims")
