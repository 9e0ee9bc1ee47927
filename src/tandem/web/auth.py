"""Signing in and out, the first-run sign-up, and the account page with API tokens.

Sessions are server-side (accounts.start_web_session): the cookie holds a random token whose
hash is stored, so signing out or expiry really ends the session.
"""

from __future__ import annotations

from anyio import to_thread
from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.accounts import service as accounts
from tandem.accounts import signin as checking
from tandem.accounts.models import User
from tandem.accounts.throttle import TooManyAttempts
from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD, demo_sign_in_open
from tandem.errors import Conflict, Invalid, NotFound, Unauthorized
from tandem.safety import demo_open_to
from tandem.web.context import (
    FormDep,
    current_user,
    form_text,
    redirect,
    redirect_with,
    require_user,
    runtime_of,
    settings_of,
)
from tandem.web.render import render
from tandem.web.security import (
    SESSION_COOKIE,
    clear_session,
    flash,
    safe_next,
    set_session,
)

router = APIRouter()


def _no_users_yet(request: Request) -> bool:
    with runtime_of(request).session() as session:
        return accounts.user_count(session) == 0


def _demo_open(request: Request) -> bool:
    """The demo's published password works (and is shown) only on a loopback-only server."""
    server = request.scope.get("server")
    return demo_open_to(settings_of(request), getattr(request.app.state, "listen_host", None),
                        str(server[0]) if server else None)


DEMO_REFUSED = ("The demo account cannot sign in with its published password on a server "
                "others can reach. Whoever runs this Tandem can allow it with "
                "TANDEM_DEMO_BEYOND_LOOPBACK, or give the account a password of its own.")


@router.get("/signin")
def signin_page(request: Request) -> Response:
    if current_user(request) is not None:
        return redirect(safe_next(request.query_params.get("next")))
    if _no_users_yet(request):
        return redirect("/signup")
    demo = False
    if _demo_open(request):
        with runtime_of(request).session() as session:
            demo = demo_sign_in_open(session)
    return render(request, "signin.html", {
        "next": safe_next(request.query_params.get("next"), ""), "email": "", "error": None,
        "demo": (DEMO_EMAIL, DEMO_PASSWORD) if demo else None})


@router.post("/signin")
async def signin(request: Request, form: FormDep) -> Response:
    """The password is checked off the event loop, rate-limited (`accounts.throttle`)."""
    email, target = form_text(form, "email"), safe_next(form_text(form, "next"), "")
    if (email.strip().lower(), form_text(form, "password")) == (DEMO_EMAIL, DEMO_PASSWORD) \
            and not _demo_open(request):
        return render(request, "signin.html", {"next": target, "email": email,
                                               "error": DEMO_REFUSED}, status=403)
    runtime = runtime_of(request)
    try:
        user_id = await checking.verify(runtime, email, form_text(form, "password"),
                                        checking.client_address(_client(request)))
    except (Unauthorized, TooManyAttempts) as exc:
        message, status = exc.message, exc.status
        page = await to_thread.run_sync(lambda: render(
            request, "signin.html", {"next": target, "email": email, "error": message},
            status=status))
        if isinstance(exc, TooManyAttempts):
            page.headers["Retry-After"] = str(exc.retry_after)
        return page

    def start() -> str:
        with runtime.session() as session:
            user = session.get(User, user_id)
            assert user is not None
            return accounts.start_web_session(session, user, settings_of(request).session_days)

    token = await to_thread.run_sync(start)
    response = redirect(target or "/")
    set_session(response, settings_of(request), token)
    return response


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.post("/signout")
def signout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with runtime_of(request).session() as session:
            accounts.end_web_session(session, token)
    response = redirect("/signin")
    clear_session(response)
    flash(response, settings_of(request), "You are signed out.", "info")
    return response


@router.get("/signup")
def signup_page(request: Request) -> Response:
    if not _no_users_yet(request):
        return redirect_with(request, "/signin", "Sign-up is closed: this Tandem already has "
                             "users. Ask an owner to invite you.", "info")
    return render(request, "signup.html", {"values": {}, "errors": {}, "problem": None})


@router.post("/signup")
def signup(request: Request, form: FormDep) -> Response:
    values = {k: form_text(form, k) for k in ("name", "email", "workspace")}
    errors: dict[str, str] = {}
    if not values["workspace"].strip():
        errors["workspace"] = "Name your first workspace (your company or product)."
    if form_text(form, "password") != form_text(form, "password2"):
        errors["password2"] = "The two passwords differ."
    if not errors:
        try:
            with runtime_of(request).session() as session:
                if accounts.user_count(session) > 0:
                    return redirect_with(request, "/signin", "Sign-up is closed: this Tandem "
                                         "already has users.", "info")
                accounts.sign_up_first(session, values["email"], form_text(form, "password"),
                                       values["name"], values["workspace"])
        except (Invalid, Conflict) as exc:
            field = exc.field if exc.field in ("email", "password", "name") else "workspace"
            errors[field] = exc.message
    if errors:
        return render(request, "signup.html", {
            "values": values, "errors": errors,
            "problem": "Please fix the fields marked below."}, status=422)
    return redirect_with(request, "/signin", "Your account and workspace are ready: sign in.")


# --- account and API tokens -----------------------------------------------------------------


def _account_page(request: Request, new_token: str | None = None,
                  token_error: str | None = None, status: int = 200,
                  password_errors: dict[str, str] | None = None,
                  password_done: str | None = None) -> Response:
    user = require_user(request)
    with runtime_of(request).session() as session:
        tokens = accounts.list_tokens(session, user)
        spaces = accounts.workspaces_for(session, user)
        return render(request, "account.html", {
            "tokens": tokens, "new_token": new_token, "token_error": token_error,
            "password_errors": password_errors or {}, "password_done": password_done,
            "spaces": spaces, "history": accounts.account_history(session, user)},
            status=status)


@router.get("/account")
def account(request: Request) -> Response:
    return _account_page(request)


@router.post("/account/password")
async def change_password(request: Request, form: FormDep) -> Response:
    """Needs the current password (checked like a sign-in, with its limits); ends every
    other web sign-in and every API token of the account."""
    user = await to_thread.run_sync(require_user, request)
    new = form_text(form, "new_password")

    def page(errors: dict[str, str], status: int) -> Response:
        return _account_page(request, password_errors=errors, status=status)

    if new != form_text(form, "new_password2"):
        return await to_thread.run_sync(
            page, {"new_password2": "The two new passwords differ."}, 422)
    try:
        await checking.verify(runtime_of(request), user.email,
                              form_text(form, "current_password"),
                              checking.client_address(_client(request)),
                              "The current password is wrong.", "current_password")
    except (Unauthorized, TooManyAttempts) as exc:
        return await to_thread.run_sync(page, {"current_password": exc.message}, exc.status)

    def change() -> Response:
        try:
            with runtime_of(request).session() as session:
                mine = session.get(User, user.id)
                assert mine is not None
                accounts.set_password(session, mine, new,
                                      keep_session=request.cookies.get(SESSION_COOKIE))
        except Invalid as exc:
            return page({exc.field or "new_password": exc.message}, 422)
        return _account_page(request, password_done="Password changed. Your other sign-ins "
                             "and your API tokens have ended.")

    return await to_thread.run_sync(change)


@router.post("/account/tokens")
def create_token(request: Request, form: FormDep) -> Response:
    user = require_user(request)
    name = form_text(form, "name").strip()
    if not name:
        return _account_page(request, token_error="Name the token, e.g. 'laptop CLI'.",
                             status=422)
    if len(name) > 120:
        return _account_page(request, token_error="Token names have at most 120 characters.",
                             status=422)
    with runtime_of(request).session() as session:
        _token, plain = accounts.create_token(session, user, name)
    response = _account_page(request, new_token=plain)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/account/tokens/{token_id:int}/revoke")
def revoke_token(request: Request, token_id: int) -> Response:
    user = require_user(request)
    try:
        with runtime_of(request).session() as session:
            accounts.revoke_token(session, user, token_id)
    except NotFound as exc:
        return redirect_with(request, "/account", exc.message, "error")
    return redirect_with(request, "/account", "Token revoked: it no longer works.")
