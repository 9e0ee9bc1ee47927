"""Account operations: sign-up, sign-in, workspaces, members, API tokens, web sessions."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from tandem.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    PasswordReset,
    Role,
    User,
    WebSession,
    Workspace,
)
from tandem.accounts.passwords import check_new_password, hash_password, matches
from tandem.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from tandem.platform.actor import Actor, LocalAdmin, Member, SystemJob
from tandem.platform.events import service as events
from tandem.platform.events.models import Event
from tandem.platform.policy import Action, require
from tandem.schema import MAX_ID
from tandem.scope import Scope

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
INVITATION_LINK_FACTOR = 7  # invitations last seven times as long as reset links
SESSION_DAYS = 14
TOKEN_PREFIX = "tdm_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:63] or "workspace"


# --- users -----------------------------------------------------------------------------


def user_count(session: Session) -> int:
    return session.scalar(select(func.count(User.id))) or 0


def create_user(session: Session, email: str, password: str, name: str = "") -> User:
    email = email.strip().lower()
    if not EMAIL_RE.match(email):
        raise Invalid(f"'{email}' is not an email address.", field="email")
    check_new_password(password)
    if session.scalar(select(User).where(User.email == email)):
        raise Conflict(f"A user with email '{email}' already exists.", field="email")
    user = User(email=email, name=name.strip(), password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user


def sign_up_first(session: Session, email: str, password: str, name: str,
                  workspace_name: str) -> tuple[User, Workspace]:
    """Create the first user and their workspace; Conflict once any user exists.

    Two people submitting the first-run form at the same moment must not both become
    owners: PostgreSQL takes a transaction lock first, and on SQLite the second writer
    fails on its stale snapshot, so the count below is always checked alone.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7401)"))  # "first user" lock
    if user_count(session) > 0:
        raise Conflict("Sign-up is closed: this Tandem already has users.", "email")
    user = create_user(session, email, password, name)
    workspace = new_workspace(session, user, workspace_name)
    if user_count(session) > 1:
        raise Conflict("Sign-up is closed: this Tandem already has users.", "email")
    return user, workspace


def password_matches(password_hash: str, password: str) -> bool:
    return matches(password_hash, password)


def authenticate(session: Session, email: str, password: str) -> User:
    """Check a password here and now (the shell, tests). Requests use `signin.verify`, which
    adds the rate limits, the hash pool and the dummy hash for unknown emails."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not password_matches(user.password_hash, password):
        raise Unauthorized("Email or password is wrong.")
    return user


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def get_user_by_email(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise NotFound(f"No user with email '{email}'.", field="email")
    return user


# --- workspaces ------------------------------------------------------------------------


def create_workspace(
    session: Session, name: str, owner: User | None, slug: str | None = None
) -> Workspace:
    name = name.strip()
    if not name:
        raise Invalid("Workspace name must not be empty.", field="name")
    chosen = slug is not None and slug.strip() != ""
    slug = (slug or slugify(name)).strip().lower()
    if not SLUG_RE.match(slug):
        raise Invalid(
            f"'{slug}' is not a valid address (slug): use lowercase letters, digits and "
            "dashes.", field="slug",
        )
    if not chosen:
        slug = _free_slug(session, slug)
    elif session.scalar(select(Workspace.id).where(Workspace.slug == slug)):
        raise Conflict(f"The address '{slug}' is not available: choose another.", field="slug")
    workspace = Workspace(name=name, slug=slug)
    session.add(workspace)
    session.flush()
    if owner is not None:
        session.add(Membership(workspace=workspace, user_id=owner.id, role=Role.owner.value))
        session.flush()
    return workspace


def _free_slug(session: Session, slug: str) -> str:
    """`slug`, or the first of `slug-2`, `slug-3`, ... that no workspace uses."""
    taken = set(session.scalars(select(Workspace.slug).where(
        Workspace.slug.like(f"{slug[:56]}%"))).all())
    if slug not in taken:
        return slug
    n = 2
    while f"{slug[:56]}-{n}" in taken:
        n += 1
    return f"{slug[:56]}-{n}"


def as_actor(who: User | Actor) -> Actor:
    """A signed-in user becomes a member actor (their role is looked up per workspace)."""
    return Member.of(who) if isinstance(who, User) else who


def new_workspace(session: Session, who: User | Actor, name: str, slug: str | None = None,
                  owner_email: str | None = None) -> Workspace:
    """Create a workspace as `who`: a member becomes its owner; the local administrator may
    name another owner (or none)."""
    actor = as_actor(who)
    require(actor, Action.create_workspace)
    owner: User | None = None
    if isinstance(actor, Member):
        owner = session.get(User, actor.user_id)
    if owner_email:
        if owner is None or owner.email != owner_email.strip().lower():
            require(actor, Action.assign_owner)
        owner = get_user_by_email(session, owner_email)
    workspace = create_workspace(session, name, owner, slug)
    owned = {"owner": [None, owner.email]} if owner is not None else None
    events.record_as(session, actor, "created", "workspaces", workspace.id, workspace.name,
                     owned, workspace.id)
    return workspace


def _actors_in(session: Session, who: User | Actor) -> list[tuple[Workspace, Actor]]:
    """The workspaces an actor may open, each with the actor as it acts there.

    Members see the workspaces they belong to, with their role; the local administrator and
    system jobs see every workspace; visitors see none (the portal opens its own).
    """
    actor = as_actor(who)
    if isinstance(actor, LocalAdmin | SystemJob):
        rows = session.scalars(select(Workspace).order_by(Workspace.name)).all()
        return [(w, actor) for w in rows]
    if not isinstance(actor, Member):
        return []
    pairs = session.execute(
        select(Workspace, Membership.role)
        .join(Membership, Membership.workspace_id == Workspace.id)
        .where(Membership.user_id == actor.user_id)
        .order_by(Workspace.name)
    ).all()
    return [(w, actor.in_role(Role(role))) for w, role in pairs]


def workspaces_for(session: Session, who: User | Actor) -> list[tuple[Workspace, Role]]:
    """The workspaces an actor may open and its role in each (the local administrator and
    jobs count as owners: they may do everything a workspace allows)."""
    return [(w, a.role if isinstance(a, Member) and a.role is not None else Role.owner)
            for w, a in _actors_in(session, who)]


def user_of(session: Session, actor: Actor) -> User:
    """The account behind a member actor; other actors have none."""
    user = session.get(User, actor.user_id) if isinstance(actor, Member) else None
    if user is None:
        raise Invalid(f"The {actor.label} has no account here: name a user with --email.",
                      "email")
    return user


def role_in(session: Session, who: User | Actor, workspace: Workspace) -> Role | None:
    """A member's role in `workspace`; None for non-members and other actors."""
    actor = as_actor(who)
    if not isinstance(actor, Member):
        return None
    role = session.scalar(select(Membership.role).where(
        Membership.workspace_id == workspace.id, Membership.user_id == actor.user_id))
    return Role(role) if role is not None else None


def open_scope(session: Session, who: User | Actor, slug: str | None) -> Scope:
    """Bind a session to one workspace the actor may see.

    Without a slug the actor's only workspace is used. A workspace the actor cannot open is
    reported as missing, so its existence never leaks.
    """
    if slug is not None:
        workspace = session.scalar(select(Workspace).where(Workspace.slug == slug))
        actor = as_actor(who)
        if workspace is not None:
            if isinstance(actor, LocalAdmin | SystemJob):
                return Scope(session, workspace, actor)
            role = role_in(session, actor, workspace)
            if isinstance(actor, Member) and role is not None:
                return Scope(session, workspace, actor.in_role(role))
        raise NotFound(f"No workspace '{slug}'.", field="workspace")
    visible = _actors_in(session, who)
    if len(visible) == 1:
        workspace, actor = visible[0]
        return Scope(session, workspace, actor)
    if not visible:
        raise NotFound("There is no workspace yet: create one first.", field="workspace")
    names = ", ".join(w.slug for w, _ in visible)
    raise Invalid(
        f"Several workspaces exist ({names}): name one with --workspace or TANDEM_WORKSPACE.",
        field="workspace",
    )


def scope_by_id(session: Session, actor: Actor, workspace_id: int) -> Scope:
    """A scope for a workspace known by id (background jobs store the id, not the slug)."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound(f"No workspace {workspace_id}.", field="workspace")
    return open_scope(session, actor, workspace.slug)


def members(scope: Scope) -> list[tuple[User, Role]]:
    rows = scope.session.execute(
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == scope.workspace_id)
        .order_by(User.email)
    ).all()
    return [(u, Role(r)) for u, r in rows]


def _keep_an_owner(scope: Scope, leaving: Membership) -> None:
    """A workspace always keeps at least one owner, or nobody could manage it."""
    if leaving.role != Role.owner.value:
        return
    owners = scope.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.workspace_id == scope.workspace_id, Membership.role == Role.owner.value
        )
    )
    if (owners or 0) <= 1:
        raise Invalid("A workspace needs at least one owner: make someone else owner first.",
                      "role")


def set_role(scope: Scope, email: str, role: Role) -> Membership:
    """Change the role of someone who is already a member. People join a workspace only by
    accepting an invitation (`invite`), so nobody is added, or given an account, unasked."""
    scope.require(Action.manage_members)
    existing = _membership_by_email(scope, email)
    if existing is None:
        raise NotFound(f"'{email.strip()}' is not a member of this workspace: invite them.",
                       "email")
    user = existing.user
    if role is not Role.owner:
        _keep_an_owner(scope, existing)
    if existing.role != role.value:
        events.record(scope, "role_changed", "members", user.id, user.email,
                      {"role": [existing.role, role.value]})
    existing.role = role.value
    scope.session.flush()
    return existing


def add_member(scope: Scope, email: str, role: Role) -> Membership:
    """Put an existing account in the workspace at once, or change its role: no invitation,
    so no face offers it (they `invite`); it is for set-up code such as tests and loaders."""
    scope.require(Action.manage_members)
    if _membership_by_email(scope, email) is not None:
        return set_role(scope, email, role)
    user = get_user_by_email(scope.session, email)
    membership = Membership(workspace_id=scope.workspace_id, user_id=user.id, role=role.value)
    scope.session.add(membership)
    scope.session.flush()
    events.record(scope, "member_added", "members", user.id, user.email,
                  {"role": [None, role.value]})
    return membership


def _membership_by_email(scope: Scope, email: str) -> Membership | None:
    """The membership of `email` in the scope's workspace; the same None for an unknown
    email and a person outside the workspace, so answers never tell whether an account
    exists."""
    return scope.session.scalar(
        select(Membership).join(User, User.id == Membership.user_id).where(
            Membership.workspace_id == scope.workspace_id,
            User.email == email.strip().lower()))


def remove_member(scope: Scope, email: str) -> None:
    scope.require(Action.manage_members)
    membership = _membership_by_email(scope, email)
    if membership is None:
        raise NotFound(f"'{email.strip()}' is not a member of this workspace.", "email")
    user = membership.user
    _keep_an_owner(scope, membership)
    events.record(scope, "member_removed", "members", user.id, user.email,
                  {"role": [membership.role, None]})
    scope.session.delete(membership)
    scope.session.flush()


# --- invitations -----------------------------------------------------------------------


def _expiry(hours: int) -> datetime:
    return datetime.now(UTC) + timedelta(hours=hours)


def invite(scope: Scope, email: str, role: Role, link_hours: int) -> tuple[Invitation, str]:
    """Invite `email` to the workspace with `role`; returns the invitation and its link's
    secret (shown or mailed once; only its hash is kept). A new invitation of the same email
    replaces a pending one."""
    scope.require(Action.manage_members)
    email = email.strip().lower()
    if not EMAIL_RE.match(email):
        raise Invalid(f"'{email}' is not an email address.", field="email")
    if _membership_by_email(scope, email) is not None:
        raise Conflict(f"'{email}' is already a member.", field="email")
    scope.session.execute(delete(Invitation).where(
        Invitation.workspace_id == scope.workspace_id, Invitation.email == email,
        Invitation.accepted_at.is_(None)))
    plain = secrets.token_urlsafe(32)
    invitation = Invitation(workspace_id=scope.workspace_id, email=email, role=role.value,
                            token_hash=_digest(plain),
                            expires_at=_expiry(link_hours * INVITATION_LINK_FACTOR),
                            invited_by=scope.actor.user_id)
    scope.session.add(invitation)
    scope.session.flush()
    events.record(scope, "invited", "members", None, email, {"role": [None, role.value]})
    return invitation, plain


def pending_invitations(scope: Scope) -> list[Invitation]:
    scope.require(Action.manage_members)
    return list(scope.session.scalars(
        select(Invitation).where(Invitation.workspace_id == scope.workspace_id,
                                 Invitation.accepted_at.is_(None),
                                 Invitation.expires_at > datetime.now(UTC))
        .order_by(Invitation.id)).all())


def cancel_invitation(scope: Scope, invitation_id: int) -> None:
    scope.require(Action.manage_members)
    found = scope.session.get(Invitation, invitation_id) if 1 <= invitation_id <= MAX_ID \
        else None
    if found is None or found.workspace_id != scope.workspace_id or found.accepted_at:
        raise NotFound(f"No pending invitation {invitation_id}.")
    events.record(scope, "invitation_cancelled", "members", None, found.email,
                  {"role": [found.role, None]})
    scope.session.delete(found)
    scope.session.flush()


BAD_LINK = "This link is not valid: it was already used, has expired or was replaced."


def invitation_for(session: Session, plain: str) -> Invitation:
    """The pending, unexpired invitation with this secret."""
    found = session.scalar(select(Invitation).where(Invitation.token_hash == _digest(plain)))
    if found is None or found.accepted_at is not None or found.expires_at < datetime.now(UTC):
        raise NotFound(BAD_LINK, "token")
    return found


def accept_invitation(session: Session, plain: str, user: User) -> Membership:
    """Join the invitation's workspace as `user`, whose email it must be; used up at once."""
    invitation = invitation_for(session, plain)
    if invitation.email != user.email:
        raise Forbidden("This invitation is for another email address.", "token")
    invitation.accepted_at = datetime.now(UTC)
    membership = session.scalar(select(Membership).where(
        Membership.workspace_id == invitation.workspace_id, Membership.user_id == user.id))
    if membership is None:
        membership = Membership(workspace_id=invitation.workspace_id, user_id=user.id,
                                role=invitation.role)
        session.add(membership)
        session.flush()
        events.record_as(session, Member.of(user), "member_added", "members", user.id,
                         user.email, {"role": [None, invitation.role]}, invitation.workspace_id)
    return membership


def accept_as_new(session: Session, plain: str, password: str, name: str) -> Membership:
    """Accept an invitation whose email has no account yet: make it with this password."""
    invitation = invitation_for(session, plain)
    if find_user(session, invitation.email) is not None:
        raise Conflict("This email already has an account: give its password to accept.",
                       "password")
    user = create_user(session, invitation.email, password, name)
    return accept_invitation(session, plain, user)


# --- passwords: change and reset -------------------------------------------------------


def _end_sign_ins(session: Session, user: User, keep_session: str | None = None,
                  keep_token: str | None = None) -> None:
    """End the user's web sessions and API tokens, except the ones named (their hashes)."""
    sessions = delete(WebSession).where(WebSession.user_id == user.id)
    if keep_session is not None:
        sessions = sessions.where(WebSession.token_hash != keep_session)
    tokens = delete(ApiToken).where(ApiToken.user_id == user.id)
    if keep_token is not None:
        tokens = tokens.where(ApiToken.token_hash != keep_token)
    session.execute(sessions)
    session.execute(tokens)


def set_password(session: Session, user: User, new_password: str,
                 keep_session: str | None = None, keep_token: str | None = None,
                 actor: Actor | None = None, verb: str = "password_changed") -> None:
    """Give `user` a new password (after the rules) and end every other sign-in: all web
    sessions and API tokens but the one making the change (plain secrets, if any)."""
    check_new_password(new_password, "new_password")
    user.password_hash = hash_password(new_password)
    _end_sign_ins(session, user, _digest(keep_session) if keep_session else None,
                  _digest(keep_token) if keep_token else None)
    events.record_as(session, actor or Member.of(user), verb, "accounts", user.id,
                     user.email, {"password": ["(old)", "(new)"]})
    session.flush()


def start_reset(session: Session, user: User, link_hours: int,
                created_by: User | None = None) -> tuple[PasswordReset, str]:
    """A single-use reset link's secret for `user` (only its hash is stored); earlier unused
    links of the user stop working."""
    session.execute(delete(PasswordReset).where(PasswordReset.user_id == user.id,
                                                PasswordReset.used_at.is_(None)))
    plain = secrets.token_urlsafe(32)
    row = PasswordReset(user_id=user.id, token_hash=_digest(plain),
                        expires_at=_expiry(link_hours),
                        created_by=created_by.id if created_by else None)
    session.add(row)
    session.flush()
    return row, plain


def reset_for(session: Session, plain: str) -> PasswordReset:
    row = session.scalar(select(PasswordReset).where(PasswordReset.token_hash == _digest(plain)))
    if row is None or row.used_at is not None or row.expires_at < datetime.now(UTC):
        raise NotFound(BAD_LINK, "token")
    return row


def finish_reset(session: Session, plain: str, new_password: str) -> User:
    """Set the password through a reset link, which is then used up; every sign-in of the
    account ends (whoever had the old password is out)."""
    row = reset_for(session, plain)
    user = row.user
    set_password(session, user, new_password, verb="password_reset")
    row.used_at = datetime.now(UTC)
    session.flush()
    return user


def owner_reset(scope: Scope, email: str, link_hours: int) -> tuple[PasswordReset, str]:
    """A reset link for a member, made by an owner to hand over (when no mail is set up).

    An owner may reset only people whose every workspace they own, so owning one small
    workspace never gives a way into someone's other workspaces.
    """
    scope.require(Action.manage_members)
    membership = _membership_by_email(scope, email)
    if membership is None:
        raise NotFound(f"'{email.strip()}' is not a member of this workspace.", "email")
    user = membership.user
    caller = scope.actor.user_id
    if isinstance(scope.actor, Member) and caller != user.id:
        theirs = set(scope.session.scalars(select(Membership.workspace_id).where(
            Membership.user_id == user.id)).all())
        owned = set(scope.session.scalars(select(Membership.workspace_id).where(
            Membership.user_id == caller, Membership.role == Role.owner.value)).all())
        if not theirs <= owned:
            raise Forbidden(f"{user.email} also belongs to workspaces you do not own: an "
                            "owner of all of them, or the administrator with `tandem user "
                            "reset-link`, can make the link.", "email")
    creator = scope.session.get(User, caller) if caller else None
    events.record(scope, "reset_link_made", "members", user.id, user.email)
    return start_reset(scope.session, user, link_hours, creator)


# --- API tokens ------------------------------------------------------------------------


def create_token(session: Session, user: User, name: str,
                 actor: Actor | None = None) -> tuple[ApiToken, str]:
    """Make a personal API token. The plain text is returned once and never stored.

    Recorded as an account event (no workspace), by `actor` or else by the user."""
    name = name.strip() or "token"
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=_digest(plain), prefix=plain[:10])
    session.add(token)
    session.flush()
    events.record_as(session, actor or Member.of(user), "token_created", "accounts", user.id,
                     user.email, {"token": [None, f"#{token.id} {name} ({token.prefix}…)"]})
    return token, plain


def token_owner(session: Session, actor: Actor, email: str | None) -> User:
    """Whose tokens a request means: the caller's own, or (local administrator) anyone's.

    A member naming someone else is refused before the email is looked up, so the answer
    never tells whether that account exists.
    """
    if email is None:
        return user_of(session, actor)
    if isinstance(actor, Member) and email.strip().lower() != actor.email:
        require(actor, Action.manage_tokens, object())
    user = get_user_by_email(session, email)
    require(actor, Action.manage_tokens, user)
    return user


def list_tokens(session: Session, user: User) -> list[ApiToken]:
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
        ).all()
    )


def revoke_token(session: Session, user: User, token_id: int,
                 actor: Actor | None = None) -> None:
    token = session.get(ApiToken, token_id) if 1 <= token_id <= MAX_ID else None
    if token is None or token.user_id != user.id:
        raise NotFound(f"No API token {token_id}.")
    events.record_as(session, actor or Member.of(user), "token_revoked", "accounts", user.id,
                     user.email, {"token": [f"#{token.id} {token.name} ({token.prefix}…)", None]})
    session.delete(token)


def account_history(session: Session, user: User, limit: int = 10) -> list[Event]:
    """Changes to a person's own account (their API tokens), newest first, whoever made
    them (the person, or the local administrator at the shell)."""
    return list(session.scalars(
        select(Event).where(Event.workspace_id.is_(None), Event.kind == "accounts",
                            Event.object_id == user.id)
        .order_by(Event.id.desc()).limit(limit)).all())


def token_for(session: Session, plain: str) -> ApiToken:
    """The token with this plain text; a read only (its use is recorded by `TokenUse`)."""
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(plain)))
    if token is None:
        raise Unauthorized("The API token is not valid.")
    return token


def user_for_token(session: Session, plain: str) -> User:
    return token_for(session, plain).user


# --- web sessions ----------------------------------------------------------------------


def start_web_session(session: Session, user: User, days: int = SESSION_DAYS) -> str:
    """A sign-in lasting `days` (the web passes settings.session_days); returns its token."""
    plain = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + timedelta(days=days)
    session.add(WebSession(user_id=user.id, token_hash=_digest(plain), expires_at=expires))
    session.flush()
    return plain


def user_for_web_session(session: Session, plain: str) -> User | None:
    row = session.scalar(select(WebSession).where(WebSession.token_hash == _digest(plain)))
    if row is None or row.expires_at < datetime.now(UTC):
        return None
    return row.user


def end_web_session(session: Session, plain: str) -> None:
    row = session.scalar(select(WebSession).where(WebSession.token_hash == _digest(plain)))
    if row is not None:
        session.delete(row)
