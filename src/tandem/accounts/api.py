"""Account routes: personal API tokens, who am I, workspaces and their members."""

from __future__ import annotations

from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Query, Request, Response

from tandem.accounts import mail, signin
from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User
from tandem.accounts.schemas import (
    InvitationAccept,
    InvitationCreate,
    InvitationCreated,
    InvitationPublic,
    Joined,
    MemberAdd,
    MemberEmail,
    MemberPublic,
    Message,
    PasswordChange,
    ResetFinish,
    ResetLink,
    ResetRequest,
    TokenCreated,
    TokenPublic,
    TokenRequest,
    UserPublic,
    WorkspaceCreate,
    WorkspacePublic,
)
from tandem.api.deps import ActorDep, RuntimeDep, local_admin
from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD
from tandem.errors import Forbidden, Unauthorized
from tandem.platform.actor import Member
from tandem.platform.policy import Action, require
from tandem.safety import demo_open_to

router = APIRouter()
EmailQuery = Annotated[str | None, Query(description="Local administrator only: whose tokens.")]

LIMITED: dict[int | str, dict[str, Any]] = {
    429: {"description": "Too many attempts: wait `Retry-After` seconds."}}


def _address(request: Request) -> str:
    return signin.client_address(request.client.host if request.client else None)


@router.post("/tokens", response_model=TokenCreated, status_code=201, tags=["auth"],
             summary="Exchange email and password for a personal API token",
             responses=LIMITED)
async def create_token(body: TokenRequest, request: Request,
                       runtime: RuntimeDep) -> TokenCreated:
    """Wrong passwords are counted per email and per client address; past the limits the
    answer is 429 with `Retry-After` until the oldest attempt leaves the window."""
    actor = local_admin(request)  # POST /tokens needs no token: email and password do
    server = request.scope.get("server")
    if (body.email.strip().lower(), body.password) == (DEMO_EMAIL, DEMO_PASSWORD) and \
            not demo_open_to(runtime.settings, getattr(request.app.state, "listen_host", None),
                             str(server[0]) if server else None):
        raise Forbidden("The demo account cannot use its published password on a server "
                        "others can reach.")
    if body.password is None and actor is not None:
        user_id = None
    else:
        user_id = await signin.verify(runtime, body.email, body.password or "",
                                      _address(request))

    def make() -> TokenCreated:
        with runtime.session() as session:
            if user_id is None:
                assert actor is not None
                user = accounts.get_user_by_email(session, body.email)
                require(actor, Action.manage_tokens, user)
            else:
                found = session.get(User, user_id)
                assert found is not None
                user = found
            token, plain = accounts.create_token(session, user, body.name, actor)
            return TokenCreated(id=token.id, name=token.name, token=plain)

    return await to_thread.run_sync(make)


@router.get("/tokens", response_model=list[TokenPublic], tags=["auth"])
def list_tokens(runtime: RuntimeDep, actor: ActorDep, email: EmailQuery = None) -> Any:
    with runtime.session() as session:
        user = accounts.token_owner(session, actor, email)
        return [TokenPublic.model_validate(t) for t in accounts.list_tokens(session, user)]


@router.delete("/tokens/{token_id}", status_code=204, tags=["auth"])
def revoke_token(token_id: int, runtime: RuntimeDep, actor: ActorDep,
                 email: EmailQuery = None) -> Response:
    with runtime.session() as session:
        accounts.revoke_token(session, accounts.token_owner(session, actor, email), token_id,
                              actor)
    return Response(status_code=204)


@router.get("/me", response_model=UserPublic, tags=["auth"])
def me(runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.session() as session:
        return UserPublic.model_validate(accounts.user_of(session, actor))


@router.get("/workspaces", response_model=list[WorkspacePublic], tags=["workspaces"])
def list_workspaces(runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.session() as session:
        return [WorkspacePublic(id=w.id, slug=w.slug, name=w.name, role=r)
                for w, r in accounts.workspaces_for(session, actor)]


@router.post("/workspaces", response_model=WorkspacePublic, status_code=201,
             tags=["workspaces"])
def create_workspace(body: WorkspaceCreate, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.session() as session:
        ws = accounts.new_workspace(session, actor, body.name, body.slug, body.owner)
        return WorkspacePublic(id=ws.id, slug=ws.slug, name=ws.name, role=Role.owner)


@router.get("/workspaces/{workspace}", response_model=WorkspacePublic, tags=["workspaces"])
def get_workspace(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        ws = scope.workspace
        return WorkspacePublic(id=ws.id, slug=ws.slug, name=ws.name,
                               role=scope.role or Role.owner)


@router.get("/workspaces/{workspace}/members", response_model=list[MemberPublic],
            tags=["workspaces"])
def list_members(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [MemberPublic(email=u.email, name=u.name, role=r)
                for u, r in accounts.members(scope)]


@router.post("/workspaces/{workspace}/members", response_model=MemberPublic,
             status_code=201, tags=["workspaces"],
             summary="Change a member's role (owners only; people join by invitation)")
def add_member(workspace: str, body: MemberAdd, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        membership = accounts.set_role(scope, body.email, body.role)
        member = membership.user
        return MemberPublic(email=member.email, name=member.name, role=Role(membership.role))


@router.delete("/workspaces/{workspace}/members", status_code=204, tags=["workspaces"],
               summary="Remove a member (owners only; the last owner stays)")
def remove_member(workspace: str, email: str, runtime: RuntimeDep, actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        accounts.remove_member(scope, email)
    return Response(status_code=204)


# --- invitations -----------------------------------------------------------------------------


def _invitation(inv: Any) -> InvitationPublic:
    return InvitationPublic(id=inv.id, email=inv.email, role=Role(inv.role),
                            expires_at=inv.expires_at)


def _base(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


@router.get("/workspaces/{workspace}/invitations", response_model=list[InvitationPublic],
            tags=["workspaces"], summary="Pending invitations (owners only)")
def list_invitations(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [_invitation(i) for i in accounts.pending_invitations(scope)]


@router.post("/workspaces/{workspace}/invitations", response_model=InvitationCreated,
             status_code=201, tags=["workspaces"],
             summary="Invite someone by email with a role (owners only)")
def create_invitation(workspace: str, body: InvitationCreate, request: Request,
                      runtime: RuntimeDep, actor: ActorDep) -> Any:
    """The person accepts through a single-use link: mailed when mail is set up, otherwise
    returned here once, for the owner to hand over. Someone who already has an account
    accepts with their password; someone new chooses one."""
    settings = runtime.settings
    with runtime.scope(actor, workspace) as scope:
        inv, plain = accounts.invite(scope, body.email, body.role, settings.link_hours)
        made = _invitation(inv)
        ws_name, inviter = scope.workspace.name, scope.actor.label
    if settings.mail_enabled:
        mail.send_later(settings, made.email,
                        *mail.invitation_mail(settings, plain, ws_name, made.role.value,
                                              inviter))
        return InvitationCreated(**made.model_dump(), emailed=True, link=None)
    link = mail.link(settings, f"/invite/{plain}", _base(request))
    return InvitationCreated(**made.model_dump(), emailed=False, link=link)


@router.delete("/workspaces/{workspace}/invitations/{invitation_id}", status_code=204,
               tags=["workspaces"], summary="Cancel a pending invitation (owners only)")
def cancel_invitation(workspace: str, invitation_id: int, runtime: RuntimeDep,
                      actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        accounts.cancel_invitation(scope, invitation_id)
    return Response(status_code=204)


@router.post("/invitations/accept", response_model=Joined, status_code=201, tags=["auth"],
             summary="Accept an invitation (no token needed: the link's secret is the key)",
             responses=LIMITED)
async def accept_invitation(body: InvitationAccept, request: Request,
                            runtime: RuntimeDep) -> Joined:
    def lookup() -> tuple[str, bool]:
        with runtime.session(write=False) as session:
            inv = accounts.invitation_for(session, body.token)
            return inv.email, accounts.find_user(session, inv.email) is not None

    email, has_account = await to_thread.run_sync(lookup)
    user_id = None
    if has_account:
        user_id = await signin.verify(runtime, email, body.password, _address(request),
                                      "The password is wrong.", "password")

    def accept() -> Joined:
        with runtime.session() as session:
            if user_id is None:
                membership = accounts.accept_as_new(session, body.token, body.password,
                                                    body.name)
            else:
                user = session.get(User, user_id)
                assert user is not None
                membership = accounts.accept_invitation(session, body.token, user)
            return Joined(workspace=membership.workspace.slug, email=membership.user.email,
                          role=Role(membership.role))

    return await to_thread.run_sync(accept)


# --- passwords -------------------------------------------------------------------------------


def _bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


@router.post("/me/password", response_model=Message, tags=["auth"], responses=LIMITED,
             summary="Change your password (needs the current one)")
async def change_password(body: PasswordChange, request: Request, runtime: RuntimeDep,
                          actor: ActorDep) -> Message:
    """Every web sign-in and every other API token of the account ends; the token making
    this request keeps working."""
    if not isinstance(actor, Member):
        raise Unauthorized("Only a signed-in person has a password to change: use "
                           "`tandem user reset-link` at the server's shell.")
    await signin.verify(runtime, actor.email, body.current_password, _address(request),
                        "The current password is wrong.", "current_password")
    keep = _bearer(request)

    def change() -> None:
        with runtime.session() as session:
            user = accounts.user_of(session, actor)
            accounts.set_password(session, user, body.new_password, keep_token=keep)

    await to_thread.run_sync(change)
    return Message(message="Password changed. Your other sign-ins and API tokens ended.")


@router.post("/password-reset", response_model=Message, status_code=202, tags=["auth"],
             responses=LIMITED, summary="Ask for a password-reset link by mail")
def start_reset(body: ResetRequest, request: Request, runtime: RuntimeDep) -> Message:
    """The answer is the same whether or not the email has an account."""
    return Message(message=signin.request_reset(runtime, body.email, _address(request)))


@router.post("/password-reset/confirm", response_model=Message, tags=["auth"],
             summary="Choose a new password with a reset link's secret")
def finish_reset(body: ResetFinish, runtime: RuntimeDep) -> Message:
    """The link is used up; every web sign-in and API token of the account ends."""
    with runtime.session() as session:
        accounts.finish_reset(session, body.token, body.new_password)
    return Message(message="Password changed: sign in with the new one.")


@router.post("/workspaces/{workspace}/members/reset-link", response_model=ResetLink,
             status_code=201, tags=["workspaces"],
             summary="Make a member a single-use password-reset link to hand over (owners)")
def member_reset_link(workspace: str, body: MemberEmail, request: Request,
                      runtime: RuntimeDep, actor: ActorDep) -> ResetLink:
    with runtime.scope(actor, workspace) as scope:
        row, plain = accounts.owner_reset(scope, body.email, runtime.settings.link_hours)
        expires = row.expires_at
    return ResetLink(link=mail.link(runtime.settings, f"/reset/{plain}", _base(request)),
                     expires_at=expires)

