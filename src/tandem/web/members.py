"""The workspace's members: who is in it, with which role; owners add, change and remove."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.accounts import service as accounts
from tandem.accounts.models import Role
from tandem.errors import TandemError
from tandem.platform.policy import Action
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.render import render

router = APIRouter()
ROLE_HELP = {
    Role.owner: "everything, including members",
    Role.editor: "create, edit, link and delete",
    Role.viewer: "read only",
}


def _page(request: Request, slug: str, error: str | None = None, email: str = "",
          status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        return render(request, "members.html", {
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
    try:
        with workspace(request, slug) as scope:
            accounts.add_member(scope, email, role, password, form_text(form, "name").strip())
    except TandemError as exc:
        if exc.status == 403:
            raise
        return _page(request, slug, exc.message, email, status=exc.status)
    return redirect_with(request, ws_url(slug, "members"), f"{email} is now {role.value}.")


@router.post("/w/{slug}/members/remove")
def remove_member(request: Request, slug: str, form: FormDep) -> Response:
    email = form_text(form, "email").strip()
    try:
        with workspace(request, slug) as scope:
            accounts.remove_member(scope, email)
    except TandemError as exc:
        if exc.status == 403:
            raise
        return redirect_with(request, ws_url(slug, "members"), exc.message, "error")
    return redirect_with(request, ws_url(slug, "members"), f"{email} was removed.")
