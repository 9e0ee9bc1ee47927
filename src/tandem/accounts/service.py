"""Account operations: sign-up, sign-in, workspaces, members, API tokens, web sessions."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tandem.accounts.models import ApiToken, Membership, Role, User, WebSession, Workspace
from tandem.errors import Conflict, Invalid, NotFound, Unauthorized
from tandem.platform.actor import Actor, LocalAdmin, Member, SystemJob
from tandem.platform.events import service as events
from tandem.platform.events.models import Event
from tandem.platform.policy import Action, require
from tandem.schema import MAX_ID
from tandem.scope import Scope

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
MIN_PASSWORD = 8
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
    if len(password) < MIN_PASSWORD:
        raise Invalid(f"Password must have at least {MIN_PASSWORD} characters.", field="password")
    if session.scalar(select(User).where(User.email == email)):
        raise Conflict(f"A user with email '{email}' already exists.", field="email")
    user = User(email=email, name=name.strip(), password_hash=_hasher.hash(password))
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
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False


def authenticate(session: Session, email: str, password: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not password_matches(user.password_hash, password):
        raise Unauthorized("Email or password is wrong.")
    return user


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
    slug = (slug or slugify(name)).strip().lower()
    if not SLUG_RE.match(slug):
        raise Invalid(
            f"'{slug}' is not a valid address (slug): use lowercase letters, digits and "
            "dashes.", field="slug",
        )
    if session.scalar(select(Workspace).where(Workspace.slug == slug)):
        raise Conflict(f"The address '{slug}' is taken by another workspace.", field="slug")
    workspace = Workspace(name=name, slug=slug)
    session.add(workspace)
    session.flush()
    if owner is not None:
        session.add(Membership(workspace=workspace, user_id=owner.id, role=Role.owner.value))
        session.flush()
    return workspace


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


def _membership(scope: Scope, user: User) -> Membership | None:
    return scope.session.scalar(
        select(Membership).where(
            Membership.workspace_id == scope.workspace_id, Membership.user_id == user.id
        )
    )


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


def add_member(scope: Scope, email: str, role: Role, new_password: str | None = None,
               name: str = "") -> Membership:
    """Add a user to the workspace, or change the role of a member.

    With `new_password`, a person without an account gets one (self-hosted teams have no
    e-mail invitations yet: the owner passes the first password on).
    """
    scope.require(Action.manage_members)
    try:
        user = get_user_by_email(scope.session, email)
    except NotFound:
        if not new_password:
            raise NotFound(f"No user with email '{email}': give a first password to create "
                           "their account.", "email") from None
        user = create_user(scope.session, email, new_password, name)
    existing = _membership(scope, user)
    if existing is not None:
        if role is not Role.owner:
            _keep_an_owner(scope, existing)
        if existing.role != role.value:
            events.record(scope, "role_changed", "members", user.id, user.email,
                          {"role": [existing.role, role.value]})
        existing.role = role.value
        scope.session.flush()
        return existing
    membership = Membership(workspace_id=scope.workspace_id, user_id=user.id, role=role.value)
    scope.session.add(membership)
    try:
        scope.session.flush()
    except IntegrityError:
        raise Conflict(f"'{email}' is already a member.", field="email") from None
    events.record(scope, "member_added", "members", user.id, user.email,
                  {"role": [None, role.value]})
    return membership


def remove_member(scope: Scope, email: str) -> None:
    scope.require(Action.manage_members)
    user = get_user_by_email(scope.session, email)
    membership = _membership(scope, user)
    if membership is None:
        raise NotFound(f"'{email}' is not a member of this workspace.", "email")
    _keep_an_owner(scope, membership)
    events.record(scope, "member_removed", "members", user.id, user.email,
                  {"role": [membership.role, None]})
    scope.session.delete(membership)
    scope.session.flush()


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
