"""Account pages: the workspace picker (and creating one), a workspace's members and
invitations, accepting an invitation, and resetting a password.

Owners invite, re-role and remove members and make reset links; everyone sees who is in
the workspace.
"""

from __future__ import annotations

from anyio import to_thread
from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.accounts import mail
from tandem.accounts import service as accounts
from tandem.accounts import signin as checking
from tandem.accounts.models import Role, User
from tandem.accounts.throttle import TooManyAttempts
from tandem.errors import Conflict, Invalid, NotFound, TandemError, Unauthorized
from tandem.platform.policy import Action
from tandem.web.context import (
    FormDep,
    current_user,
    form_text,
    redirect,
    redirect_with,
    require_user,
    runtime_of,
    settings_of,
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
          status: int = 200, shown: dict[str, str] | None = None) -> Response:
    with workspace(request, slug) as scope:
        is_owner = scope.can(Action.manage_members)
        response = render(request, "accounts/members.html", {
            "current": "members", "members": accounts.members(scope),
            "invitations": accounts.pending_invitations(scope) if is_owner else [],
            "is_owner": is_owner, "roles": list(Role), "role_help": ROLE_HELP,
            "mail": settings_of(request).mail_enabled, "shown": shown or {},
            "error": error, "email": email}, status=status)
    if shown:
        response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/w/{slug}/members")
def members(request: Request, slug: str) -> Response:
    return _page(request, slug)


def _role(raw: str) -> Role:
    try:
        return Role(raw)
    except ValueError:
        return Role.viewer


def _base(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


@router.post("/w/{slug}/members")
def add_member(request: Request, slug: str, form: FormDep) -> Response:
    """Change a member's role (people join by invitation)."""
    email = form_text(form, "email").strip()
    role = _role(form_text(form, "role"))
    opened = False
    try:
        with workspace(request, slug) as scope:
            opened = True
            accounts.set_role(scope, email, role)
    except TandemError as exc:
        if exc.status == 403 or not opened:  # not allowed, or not even a member: no form
            raise
        return _page(request, slug, exc.message, email, status=exc.status)
    return redirect_with(request, ws_url(slug, "members"), f"{email} is now {role.value}.")


@router.post("/w/{slug}/invitations")
def invite(request: Request, slug: str, form: FormDep) -> Response:
    """Invite an email with a role: the link is mailed, or shown once for the owner to
    hand over."""
    email = form_text(form, "email").strip()
    role = _role(form_text(form, "role"))
    settings = settings_of(request)
    opened = False
    try:
        with workspace(request, slug) as scope:
            opened = True
            inv, plain = accounts.invite(scope, email, role, settings.link_hours)
            invited, ws_name, inviter = inv.email, scope.workspace.name, scope.actor.label
    except TandemError as exc:
        if exc.status == 403 or not opened:
            raise
        return _page(request, slug, exc.message, email, status=exc.status)
    if settings.mail_enabled:
        mail.send_later(settings, invited, *mail.invitation_mail(
            settings, plain, ws_name, role.value, inviter))
        return redirect_with(request, ws_url(slug, "members"),
                             f"Invitation mailed to {invited}.")
    return _page(request, slug, shown={
        "title": f"Invitation link for {invited}",
        "text": f"Send this link to {invited}. It works once, for "
                f"{settings.link_hours * accounts.INVITATION_LINK_FACTOR // 24} days, and is "
                "not shown again.",
        "link": mail.link(settings, f"/invite/{plain}", _base(request))})


@router.post("/w/{slug}/invitations/{invitation_id:int}/cancel")
def cancel_invitation(request: Request, slug: str, invitation_id: int) -> Response:
    with workspace(request, slug) as scope:
        accounts.cancel_invitation(scope, invitation_id)
    return redirect_with(request, ws_url(slug, "members"), "Invitation cancelled.")


@router.post("/w/{slug}/members/reset-link")
def reset_link(request: Request, slug: str, form: FormDep) -> Response:
    """An owner makes a member a single-use password-reset link to hand over."""
    email = form_text(form, "email").strip()
    settings = settings_of(request)
    opened = False
    try:
        with workspace(request, slug) as scope:
            opened = True
            _row, plain = accounts.owner_reset(scope, email, settings.link_hours)
    except TandemError as exc:
        if not opened or (exc.status == 403 and exc.field != "email"):
            raise
        return redirect_with(request, ws_url(slug, "members"), exc.message, "error")
    return _page(request, slug, shown={
        "title": f"Password-reset link for {email}",
        "text": f"Give this link to {email} yourself. It works once, for "
                f"{settings.link_hours} hours, and is not shown again.",
        "link": mail.link(settings, f"/reset/{plain}", _base(request))})


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


# --- links that need no sign-in: reset and invitation ---------------------------------------


def _private(response: Response) -> Response:
    """A page whose address holds a secret: never cached, never sent on as a referrer."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.get("/password-reset")
def forgot_page(request: Request) -> Response:
    return render(request, "accounts/forgot.html", {
        "mail": settings_of(request).mail_enabled, "message": None, "kind": "info",
        "email": ""})


@router.post("/password-reset")
def forgot(request: Request, form: FormDep) -> Response:
    email = form_text(form, "email").strip()
    mail_on = settings_of(request).mail_enabled
    try:
        message, kind, status = checking.request_reset(
            runtime_of(request), email,
            checking.client_address(request.client.host if request.client else None)), \
            "info", 200
    except TooManyAttempts as exc:
        message, kind, status = exc.message, "error", 429
    return render(request, "accounts/forgot.html", {
        "mail": mail_on, "message": message, "kind": kind, "email": email}, status=status)


def _reset_page(request: Request, token: str, errors: dict[str, str] | None = None,
                status: int = 200) -> Response:
    try:
        with runtime_of(request).session(write=False) as session:
            email = accounts.reset_for(session, token).user.email
        context = {"bad_link": None, "email": email}
    except NotFound as exc:
        context, status = {"bad_link": exc.message, "email": ""}, 404
    errors = errors or {}
    return _private(render(request, "accounts/reset.html", {
        **context, "token": token, "errors": errors,
        "problem": "Please fix the fields marked below." if errors else None}, status=status))


@router.get("/reset/{token}")
def reset_page(request: Request, token: str) -> Response:
    return _reset_page(request, token)


@router.post("/reset/{token}")
def reset(request: Request, token: str, form: FormDep) -> Response:
    new = form_text(form, "new_password")
    if new != form_text(form, "new_password2"):
        return _reset_page(request, token, {"new_password2": "The two passwords differ."}, 422)
    try:
        with runtime_of(request).session() as session:
            accounts.finish_reset(session, token, new)
    except Invalid as exc:
        return _reset_page(request, token, {exc.field or "new_password": exc.message}, 422)
    except NotFound:
        return _reset_page(request, token)
    return redirect_with(request, "/signin", "Password changed: sign in with the new one.")


def _invite_context(request: Request, token: str) -> tuple[dict[str, object], int]:
    try:
        with runtime_of(request).session(write=False) as session:
            inv = accounts.invitation_for(session, token)
            return {"bad_link": None, "workspace": inv.workspace.name, "role": inv.role,
                    "email": inv.email,
                    "has_account": accounts.find_user(session, inv.email) is not None}, 200
    except NotFound as exc:
        return {"bad_link": exc.message}, 404


def _invite_page(request: Request, token: str, errors: dict[str, str] | None = None,
                 name: str = "", status: int | None = None,
                 problem: str | None = None) -> Response:
    context, found = _invite_context(request, token)
    errors = errors or {}
    return _private(render(request, "accounts/invite.html", {
        **context, "token": token, "errors": errors, "name": name,
        "problem": problem or ("Please fix the fields marked below." if errors else None)},
        status=status if status and found == 200 else found))


@router.get("/invite/{token}")
def invite_page(request: Request, token: str) -> Response:
    return _invite_page(request, token)


@router.post("/invite/{token}")
async def accept(request: Request, token: str, form: FormDep) -> Response:
    """Accept an invitation: a new account chooses its password; an existing one gives it
    (checked like a sign-in, with the same limits)."""
    runtime = runtime_of(request)
    password, name = form_text(form, "password"), form_text(form, "name").strip()
    context, found = await to_thread.run_sync(_invite_context, request, token)
    if found != 200:
        return await to_thread.run_sync(_invite_page, request, token)
    email = str(context["email"])
    user_id: int | None = None
    if context["has_account"]:
        try:
            user_id = await checking.verify(
                runtime, email, password,
                checking.client_address(request.client.host if request.client else None),
                "The password is wrong.", "password")
        except (Unauthorized, TooManyAttempts) as exc:
            message, status = exc.message, exc.status
            return await to_thread.run_sync(lambda: _invite_page(
                request, token, {"password": message}, status=status))
    elif password != form_text(form, "password2"):
        return await to_thread.run_sync(lambda: _invite_page(
            request, token, {"password2": "The two passwords differ."}, name, 422))

    def join() -> Response:
        try:
            with runtime.session() as session:
                if user_id is None:
                    membership = accounts.accept_as_new(session, token, password, name)
                else:
                    user = session.get(User, user_id)
                    assert user is not None
                    membership = accounts.accept_invitation(session, token, user)
                slug = membership.workspace.slug
        except (Invalid, Conflict) as exc:
            return _invite_page(request, token, {exc.field or "password": exc.message}, name,
                                exc.status)
        except NotFound:
            return _invite_page(request, token)
        where = ws_url(slug) if user_id is not None and _signed_in_as(request, user_id) \
            else "/signin"
        return redirect_with(request, where, "You joined the workspace"
                             + ("." if where != "/signin" else ": sign in to open it."))

    return await to_thread.run_sync(join)


def _signed_in_as(request: Request, user_id: int) -> bool:
    user = current_user(request)
    return user is not None and user.id == user_id
