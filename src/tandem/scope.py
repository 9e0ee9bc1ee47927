"""The caller's context for every service call: which workspace, and who is acting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from tandem.accounts.models import Role, Workspace
from tandem.platform.actor import Actor, Member
from tandem.platform.policy import Action, can, require
from tandem.schema import MAX_ID

T = TypeVar("T")


@dataclass
class Scope:
    """A session bound to one workspace and the actor working in it."""

    session: Session
    workspace: Workspace
    actor: Actor

    @property
    def workspace_id(self) -> int:
        return self.workspace.id

    @property
    def role(self) -> Role | None:
        """The member's role here; None for actors that are not members."""
        return self.actor.role if isinstance(self.actor, Member) else None

    @property
    def user_id(self) -> int | None:
        return self.actor.user_id

    def owned(self, model: type[T], obj_id: int) -> T | None:
        """The row of `model` with this id when it belongs to this workspace, else None (an
        id beyond the columns' range reads as missing, never as a database error)."""
        row = self.session.get(model, obj_id) if 1 <= obj_id <= MAX_ID else None
        if row is None or getattr(row, "workspace_id", None) != self.workspace_id:
            return None
        return row

    def can(self, action: Action, obj: Any = None) -> bool:
        return can(self.actor, action, obj)

    @property
    def can_write(self) -> bool:
        return self.can(Action.update)

    def require(self, action: Action, obj: Any = None) -> None:
        """Raise Forbidden unless the policy lets the actor take `action` here."""
        require(self.actor, action, obj, self.workspace.slug)
