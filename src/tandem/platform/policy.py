"""The one place that decides who may do what: `can(actor, action, obj)`.

Services call `Scope.require(action, obj)` (or `require(actor, action, obj)` outside a
workspace) before they read or change anything; faces only ask `can` to decide what to show.
The rules, in words:

- members act by role: viewers read, export and read the audit log; editors also create,
  change, link, import and start or cancel jobs; owners also manage members;
- any member may create workspaces and manage their own API tokens;
- the local administrator at the shell may do everything;
- a system job may do the workspace work it was started for, never manage people or tokens;
- a visitor may only send feedback, and read what is published (objects with `public`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tandem.accounts.models import Role, User
from tandem.errors import Forbidden
from tandem.platform.actor import Actor, LocalAdmin, Member, SystemJob, Visitor


class Action(StrEnum):
    read = "read"
    create = "create"
    update = "update"
    delete = "delete"
    link = "link"
    import_data = "import_data"
    export = "export"
    read_audit = "read_audit"
    run_job = "run_job"
    cancel_job = "cancel_job"
    manage_members = "manage_members"
    create_workspace = "create_workspace"
    assign_owner = "assign_owner"  # create or import a workspace on someone else's behalf
    manage_tokens = "manage_tokens"
    submit_feedback = "submit_feedback"


_RANK = {Role.viewer: 0, Role.editor: 1, Role.owner: 2}

# The least role a member needs for each workspace action.
NEEDED_ROLE: dict[Action, Role] = {
    Action.read: Role.viewer,
    Action.export: Role.viewer,
    Action.read_audit: Role.viewer,
    Action.create: Role.editor,
    Action.update: Role.editor,
    Action.delete: Role.editor,
    Action.link: Role.editor,
    Action.import_data: Role.editor,
    Action.run_job: Role.editor,
    Action.cancel_job: Role.editor,
    Action.manage_members: Role.owner,
}

# Actions outside any workspace, and the workspace actions a system job may take.
_ACCOUNT_ACTIONS = {Action.create_workspace, Action.manage_tokens}
_JOB_ACTIONS = {Action.read, Action.create, Action.update, Action.delete, Action.link,
                Action.import_data, Action.export, Action.read_audit, Action.run_job,
                Action.cancel_job}

_PHRASES = {
    Action.read: "read this", Action.create: "create objects", Action.update: "change objects",
    Action.delete: "delete objects", Action.link: "link objects",
    Action.import_data: "import data", Action.export: "export data",
    Action.read_audit: "read the audit log", Action.run_job: "start background jobs",
    Action.cancel_job: "cancel this job", Action.manage_members: "manage members",
    Action.create_workspace: "create workspaces",
    Action.assign_owner: "create workspaces for other people",
    Action.manage_tokens: "manage these API tokens", Action.submit_feedback: "send feedback",
}


def _owner_of(obj: Any) -> int | None:
    """The user an object is, belongs to or was requested by (users, tokens, jobs)."""
    if isinstance(obj, User):
        return obj.id
    for name in ("requested_by_id", "user_id"):
        value = getattr(obj, name, None)
        if isinstance(value, int):
            return value
    return None


def can(actor: Actor, action: Action, obj: Any = None) -> bool:
    """Whether `actor` may take `action` (on `obj`, when the rule depends on it)."""
    if isinstance(actor, LocalAdmin):
        return True
    if isinstance(actor, SystemJob):
        return action in _JOB_ACTIONS
    if isinstance(actor, Visitor):
        return action is Action.submit_feedback or (
            action is Action.read and getattr(obj, "public", False) is True)
    assert isinstance(actor, Member)
    if action in _ACCOUNT_ACTIONS:  # the person's own account, whatever workspace is open
        if action is Action.manage_tokens:
            return obj is None or _owner_of(obj) == actor.user_id
        return True
    if actor.role is None or action not in NEEDED_ROLE:
        return False
    if action is Action.cancel_job and obj is not None and _owner_of(obj) == actor.user_id:
        return True  # anyone may stop a job they started themselves
    return _RANK[actor.role] >= _RANK[NEEDED_ROLE[action]]


_ADMIN_ONLY = {
    Action.assign_owner: "Only the local administrator (the CLI at the server's shell, "
                         "without --url) can create a workspace for someone else.",
    Action.manage_tokens: "You can only manage your own API tokens.",
}


def reason(actor: Actor, action: Action, where: str | None = None) -> str:
    """Why `can` said no, in words the person can act on."""
    if isinstance(actor, Member):
        if actor.role is not None and action in NEEDED_ROLE:
            place = f" in workspace '{where}'" if where else ""
            return f"This needs the {NEEDED_ROLE[action].value} role{place}."
        if action in _ADMIN_ONLY:
            return _ADMIN_ONLY[action]
    article = "An" if actor.label[:1].lower() in "aeiou" else "A"
    return f"{article} {actor.label} cannot {_PHRASES[action]}."


def require(actor: Actor, action: Action, obj: Any = None, where: str | None = None) -> None:
    """Raise Forbidden unless `can(actor, action, obj)`."""
    if not can(actor, action, obj):
        raise Forbidden(reason(actor, action, where))
