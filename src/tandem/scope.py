"""The caller's context for every service call: which workspace, who, with what role."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tandem.accounts.models import Role, User, Workspace
from tandem.errors import Forbidden

_RANK = {Role.viewer: 0, Role.editor: 1, Role.owner: 2}


@dataclass
class Scope:
    """A session bound to one workspace. `user` is None for local CLI use, which acts as owner."""

    session: Session
    workspace: Workspace
    user: User | None
    role: Role

    @property
    def workspace_id(self) -> int:
        return self.workspace.id

    @property
    def can_write(self) -> bool:
        return _RANK[self.role] >= _RANK[Role.editor]

    def require(self, role: Role) -> None:
        """Raise Forbidden unless the caller holds at least `role` in this workspace."""
        if _RANK[self.role] < _RANK[role]:
            raise Forbidden(
                f"This needs the {role.value} role in workspace '{self.workspace.slug}'."
            )
