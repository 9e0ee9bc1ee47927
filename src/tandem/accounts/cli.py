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

account_app = typer.Typer(help="Your own account on a server.", no_args_is_help=True)

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
                    f"`tandem workspace invite EMAIL --role owner -w {ws.slug}`.")


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


@workspace_app.command("set-role")
def workspace_set_role(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Email of the member.")],
    role: Annotated[str, typer.Option(help="owner, editor or viewer.")] = "editor",
    workspace: WorkspaceOpt = None,
) -> None:
    """Change a member's role (people join by invitation: `workspace invite`)."""
    member = client(ctx).set_role(workspace_of(ctx, workspace), email, role)
    output.success(f"{member.email} is now {member.role} of the workspace.")


@workspace_app.command("invite")
def workspace_invite(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Email of the person to invite.")],
    role: Annotated[str, typer.Option(help="owner, editor or viewer.")] = "editor",
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Invite someone: the link is mailed, or printed (once) for you to send them."""
    made = client(ctx).invite(workspace_of(ctx, workspace), email, role)
    if json_out:
        output.print_json(made)
        return
    if made["emailed"]:
        output.success(f"Invitation mailed to {made['email']} (as {made['role']}).")
        return
    output.info(f"Invited {made['email']} as {made['role']}. Send them this link; it works "
                "once and is not shown again:", to_stderr=True)
    sys.stdout.write(f"{made['link']}\n")


@workspace_app.command("invitations")
def workspace_invitations(ctx: typer.Context, workspace: WorkspaceOpt = None,
                          json_out: JsonOpt = False) -> None:
    """List the invitations waiting to be accepted."""
    found = client(ctx).invitations(workspace_of(ctx, workspace))
    if json_out:
        output.print_json(found)
        return
    if not found:
        output.info("No invitations waiting.")
        return
    output.table(["ID", "Email", "Role", "Valid until"],
                 [(i["id"], i["email"], i["role"], str(i["expires_at"])[:16]) for i in found])


@workspace_app.command("cancel-invitation")
def workspace_cancel_invitation(
    ctx: typer.Context,
    invitation_id: Annotated[int, typer.Argument(metavar="ID", help="From `invitations`.")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Cancel an invitation; its link stops working."""
    client(ctx).cancel_invitation(workspace_of(ctx, workspace), invitation_id)
    output.success(f"Cancelled invitation {invitation_id}.")


@workspace_app.command("reset-link")
def workspace_reset_link(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Email of the member.")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Make a member a single-use password-reset link to hand over (owners only)."""
    made = client(ctx).reset_link(workspace_of(ctx, workspace), email)
    output.info(f"Password-reset link for {email}, valid once until "
                f"{str(made['expires_at'])[:16]}:", to_stderr=True)
    sys.stdout.write(f"{made['link']}\n")


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


# --- your account ----------------------------------------------------------------------------


@account_app.command("password")
def account_password(
    ctx: typer.Context,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the current and the new password from the first two "
        "lines of stdin.")] = False,
) -> None:
    """Change your password on a server (`--url` with your token); needs the current one."""
    chosen = client(ctx)
    if not chosen.is_remote:
        raise Invalid("Locally there is no signed-in person: make a reset link with `tandem "
                      "user reset-link EMAIL`, or use --url with your token.", "url")
    if password_stdin:
        current = sys.stdin.readline().rstrip("\r\n")
        new = sys.stdin.readline().rstrip("\r\n")
    else:
        current = str(typer.prompt("Current password", hide_input=True))
        new = output.read_password(False, "New password")
    output.success(chosen.change_password(current, new))


def register(app: typer.Typer) -> None:
    app.add_typer(workspace_app, name="workspace")
    app.add_typer(token_app, name="token")
    app.add_typer(account_app, name="account")
