"""Account pages: the workspace picker (and creating one), and a workspace's members.

Owners add, re-role and remove members; everyone sees who is in the workspace.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.accounts import service as accounts
from tandem.accounts.models import Role
from tandem.errors import Conflict, Invalid, TandemError
from tandem.platform.policy import Action
from tandem.web.context import (
    FormDep,
    form_text,
    redirect,
    redirect_with,
    require_user,
    runtime_of,
    workspace,
    ws_url,
)
from tandem.web.render import render

router = APIRouter()


@router.get("/")
def root(request: Request) -> Response:
    user = require_user(request)
    with runtime_of(request).session() as session:
        spaces = accounts.workspaces_for(session, user)
    if len(spaces) == 1:
        return redirect(ws_url(spaces[0][0].slug))
    return redirect("/workspaces")


def _picker(request: Request, values: dict[str, str], error: str | None,
            status: int = 200) -> Response:
    user = require_user(request)
    with runtime_of(request).session() as session:
        spaces = accounts.workspaces_for(session, user)
        return render(request, "accounts/workspaces.html", {
            "spaces": spaces, "values": values, "error": error}, status=status)


@router.get("/workspaces")
def workspaces(request: Request) -> Response:
    return _picker(request, {"name": ""}, None)


@router.post("/workspaces")
def create_workspace(request: Request, form: FormDep) -> Response:
    user = require_user(request)
    values = {"name": form_text(form, "name"), "slug": form_text(form, "slug")}
    try:
        with runtime_of(request).session() as session:
            ws = accounts.new_workspace(session, user, values["name"],
                                        values["slug"].strip() or None)
            slug, name = ws.slug, ws.name
    except (Invalid, Conflict) as exc:
        return _picker(request, values, exc.message, status=exc.status)
    return redirect_with(request, ws_url(slug), f"Workspace '{name}' created.")
ROLE_HELP = {
    Role.owner: "everything, including members",
    Role.editor: "create, edit, link and delete",
    Role.viewer: "read only",
}


def _page(request: Request, slug: str, error: str | None = None, email: str = "",
          status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        return render(request, "accounts/members.html", {
            "current": "members", "members": accounts.members(scope),
            "is_owner": scope.can(Action.manage_members), "roles": list(Role),
            "role_help": ROLE_HELP,
            "error": error, "email": email}, status=status)


@router.get("/w/{slug}/members")
def members(request: Request, slug: str) -> Response:
    return _page(request, slug)


def _role(raw: str) -> Role:
    try:
        return Role(raw)
    except ValueError:
        return Role.viewer


@router.post("/w/{slug}/members")
def add_member(request: Request, slug: str, form: FormDep) -> Response:
    """Add a user who already has an account, or change a member's role."""
    email = form_text(form, "email").strip()
    role = _role(form_text(form, "role"))
    password = form_text(form, "password") or None
    opened = False
    try:
        with workspace(request, slug) as scope:
            opened = True
            accounts.add_member(scope, email, role, password, form_text(form, "name").strip())
    except TandemError as exc:
        if exc.status == 403 or not opened:  # not allowed, or not even a member: no form
            raise
        return _page(request, slug, exc.message, email, status=exc.status)
    return redirect_with(request, ws_url(slug, "members"), f"{email} is now {role.value}.")


@router.post("/w/{slug}/members/remove")
def remove_member(request: Request, slug: str, form: FormDep) -> Response:
    email = form_text(form, "email").strip()
    opened = False
    try:
        with workspace(request, slug) as scope:
            opened = True
            accounts.remove_member(scope, email)
    except TandemError as exc:
        if exc.status == 403 or not opened:  # not allowed, or not even a member: no form
            raise
        return redirect_with(request, ws_url(slug, "members"), exc.message, "error")
    return redirect_with(request, ws_url(slug, "members"), f"{email} was removed.")
