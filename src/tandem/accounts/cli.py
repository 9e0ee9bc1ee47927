"""Workspaces, their members, and personal API tokens: locally or on a server."""

from __future__ import annotations

import sys
from dataclasses import asdict
from typing import Annotated

import typer

from tandem.cli import output
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.errors import Invalid

workspace_app = typer.Typer(help="Workspaces and who belongs to them.", no_args_is_help=True)
token_app = typer.Typer(help="Personal API tokens for the REST API and `tandem --url`.",
                        no_args_is_help=True)

EmailOpt = Annotated[str | None, typer.Option(
    "--email", help="The token's user (needed locally; on a server, your own).")]
OwnerOpt = Annotated[str | None, typer.Option(
    "--owner", metavar="EMAIL", help="Local only: make this user the owner.")]


# --- workspaces ------------------------------------------------------------------------------


@workspace_app.command("list")
def workspace_list(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List the workspaces you can use."""
    found = client(ctx).workspaces()
    if json_out:
        output.print_json([asdict(w) for w in found])
        return
    if not found:
        output.info("There is no workspace yet: create one with `tandem workspace create NAME`.")
        return
    output.table(["Slug", "Name", "Role"], [(w.slug, w.name, w.role) for w in found])


@workspace_app.command("create")
def workspace_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Display name, e.g. 'Acme'.")],
    slug: Annotated[str | None, typer.Option(
        help="Short name used in URLs and --workspace; made from the name if left out.")] = None,
    owner: OwnerOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Create a workspace."""
    ws = client(ctx).create_workspace(name, slug, owner)
    if json_out:
        output.print_json(asdict(ws))
        return
    output.success(f"Created workspace '{ws.slug}' ({ws.name}).")
    if not owner and not client(ctx).is_remote:
        output.info("It has no members yet: add one with "
                    f"`tandem workspace add-member EMAIL --role owner -w {ws.slug}`.")


@workspace_app.command("members")
def workspace_members(ctx: typer.Context, workspace: WorkspaceOpt = None,
                      json_out: JsonOpt = False) -> None:
    """List a workspace's members and their roles."""
    found = client(ctx).members(workspace_of(ctx, workspace))
    if json_out:
        output.print_json([asdict(m) for m in found])
        return
    if not found:
        output.info("No members yet.")
        return
    output.table(["Email", "Name", "Role"], [(m.email, m.name, m.role) for m in found])


@workspace_app.command("add-member")
def workspace_add_member(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Email of the user to add.")],
    role: Annotated[str, typer.Option(help="owner, editor or viewer.")] = "editor",
    create: Annotated[bool, typer.Option(
        "--create", help="Create the account if the email has none; asks for a first "
        "password (or reads it with --password-stdin).")] = False,
    name: Annotated[str, typer.Option(help="Name for a new account.")] = "",
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="With --create: read the first password from stdin.")] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Add a user to a workspace, or change their role there."""
    password = output.read_password(password_stdin, "First password") if create else None
    member = client(ctx).add_member(workspace_of(ctx, workspace), email, role, password, name)
    output.success(f"{member.email} is now {member.role} of the workspace.")


@workspace_app.command("remove-member")
def workspace_remove_member(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Email of the member to remove.")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Remove a member from a workspace (the last owner stays)."""
    client(ctx).remove_member(workspace_of(ctx, workspace), email)
    output.success(f"{email} was removed from the workspace.")


# --- tokens ----------------------------------------------------------------------------------


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    email: EmailOpt = None,
    name: Annotated[str, typer.Option(help="What the token is for.")] = "cli",
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="With --url: read the password from stdin.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Make a personal API token; it is printed once, on its own line on stdout."""
    chosen = client(ctx)
    password: str | None = None
    if chosen.token_needs_password:
        if not email:
            raise Invalid("A server makes tokens from --email and the password: add --email.",
                          "email")
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = str(typer.prompt("Password", hide_input=True))
    made = chosen.create_token(email, name, password)
    if json_out:
        output.print_json({"id": made.id, "name": made.name, "token": made.plain})
        return
    output.info(f"Created API token {made.id} ({made.name}). Copy it now: it is not shown "
                "again.", to_stderr=True)
    sys.stdout.write(made.plain + "\n")


@token_app.command("list")
def token_list(ctx: typer.Context, email: EmailOpt = None, json_out: JsonOpt = False) -> None:
    """List a user's API tokens (never the secrets themselves)."""
    found = client(ctx).list_tokens(email)
    if json_out:
        output.print_json([asdict(t) for t in found])
        return
    if not found:
        output.info("No API tokens.")
        return
    output.table(["ID", "Name", "Starts with", "Created", "Last used"],
                 [(t.id, t.name, t.prefix + "...", t.created_at[:16], (t.last_used_at or "")[:16])
                  for t in found])


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context,
    token_id: Annotated[int, typer.Argument(metavar="ID", help="Token id from `token list`.")],
    email: EmailOpt = None,
) -> None:
    """Revoke an API token; anything using it stops working at once."""
    client(ctx).revoke_token(email, token_id)
    output.success(f"Revoked API token {token_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(workspace_app, name="workspace")
    app.add_typer(token_app, name="token")
