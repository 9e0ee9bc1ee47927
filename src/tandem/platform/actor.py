"""Who is acting. Every service call names an actor; the policy decides what it may do.

There are four kinds of actor, and no "nobody" that silently means "owner of everything":

- `Member`: a person signed in to the web or holding an API token. Inside a workspace it
  carries their role there; outside one (creating a workspace, managing their own tokens)
  the role is None.
- `LocalAdmin`: whoever runs `tandem` at the server's shell with access to its database.
- `SystemJob`: a background job doing work someone asked for (or a periodic chore).
- `Visitor`: someone outside the team, such as a customer on the coming public portal.
"""

from __future__ import annotations

from dataclasses import dataclass

from tandem.accounts.models import Role, User


@dataclass(frozen=True)
class Member:
    """A signed-in person; `role` is their role in the open workspace, if any."""

    user_id: int
    email: str
    role: Role | None = None
    kind: str = "member"

    @classmethod
    def of(cls, user: User, role: Role | None = None) -> Member:
        return cls(user.id, user.email, role)

    def in_role(self, role: Role | None) -> Member:
        return Member(self.user_id, self.email, role)

    @property
    def label(self) -> str:
        return self.email


@dataclass(frozen=True)
class LocalAdmin:
    """The administrator at the server's shell: the CLI without --url."""

    kind: str = "local_admin"
    user_id: None = None

    @property
    def label(self) -> str:
        return "local administrator"


@dataclass(frozen=True)
class SystemJob:
    """A background job. `requested_by` is the user who started it, when one did."""

    job_kind: str
    job_id: int | None = None
    requested_by: int | None = None
    kind: str = "system_job"

    @property
    def user_id(self) -> int | None:
        return self.requested_by

    @property
    def label(self) -> str:
        number = f" {self.job_id}" if self.job_id is not None else ""
        return f"job{number} ({self.job_kind})"


@dataclass(frozen=True)
class Visitor:
    """Someone outside the team (the public portal); `email` when they gave one."""

    email: str | None = None
    kind: str = "visitor"
    user_id: None = None

    @property
    def label(self) -> str:
        return f"visitor {self.email}" if self.email else "visitor"


Actor = Member | LocalAdmin | SystemJob | Visitor

ACTOR_KINDS: tuple[str, ...] = ("member", "local_admin", "system_job", "visitor")
