"""The caller's context for every service call: which workspace, and who is acting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tandem.accounts.models import Role, Workspace
from tandem.platform.actor import Actor, Member
from tandem.platform.policy import Action, can, require


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

    def can(self, action: Action, obj: Any = None) -> bool:
        return can(self.actor, action, obj)

    @property
    def can_write(self) -> bool:
        return self.can(Action.update)

    def require(self, action: Action, obj: Any = None) -> None:
        """Raise Forbidden unless the policy lets the actor take `action` here."""
        require(self.actor, action, obj, self.workspace.slug)
