"""One interface for every CLI command, served by the local database or a remote server.

Commands talk to a `Backend` and never branch on where the data lives. Both
implementations hand back the same plain, JSON-shaped values (the API's public schemas),
so tables and `--json` output look the same locally and remotely. Both raise
`TandemError` subclasses, so the CLI reports failures in one way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from tandem.errors import Invalid, NotFound
from tandem.registry import RESOURCES
from tandem.schema import friendly_error

Progress = Callable[[int, int], None]

Item = dict[str, Any]


@dataclass
class WorkspaceInfo:
    slug: str
    name: str
    role: str
    id: int | None = None


@dataclass
class MemberInfo:
    email: str
    name: str
    role: str


@dataclass
class TokenInfo:
    id: int
    name: str
    prefix: str = ""
    created_at: str = ""
    last_used_at: str | None = None


@dataclass
class NewToken:
    """A freshly made token: `plain` is shown once and never again."""

    id: int
    name: str
    plain: str


@dataclass
class PageData:
    items: list[Item]
    total: int
    offset: int
    limit: int
    next_offset: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "offset": self.offset,
                "limit": self.limit, "next_offset": self.next_offset}


@dataclass
class CsvReport:
    created: int
    skipped: list[str] = field(default_factory=list)


class Backend(ABC):
    """Everything the workspace commands need; `workspace=None` means "the only one"."""

    #: Where the data lives, for messages ("local database ..." or a server URL).
    where: str = ""
    #: True for a server: some options (like --owner) only make sense locally.
    is_remote: bool = False
    #: Remote servers exchange email and password for a token; locally the email is enough.
    token_needs_password: bool = False

    # --- workspaces and members --------------------------------------------------------

    @abstractmethod
    def workspaces(self) -> list[WorkspaceInfo]: ...

    @abstractmethod
    def create_workspace(self, name: str, slug: str | None,
                         owner_email: str | None = None) -> WorkspaceInfo: ...

    @abstractmethod
    def members(self, workspace: str | None) -> list[MemberInfo]: ...

    @abstractmethod
    def add_member(self, workspace: str | None, email: str, role: str,
                   new_password: str | None = None, name: str = "") -> MemberInfo:
        """Add or re-role a member; `new_password` creates the account when missing."""

    @abstractmethod
    def remove_member(self, workspace: str | None, email: str) -> None: ...

    # --- resources ---------------------------------------------------------------------

    @abstractmethod
    def list_items(self, kind: str, workspace: str | None, *, q: str | None = None,
                   filters: dict[str, str] | None = None, offset: int = 0,
                   limit: int = 50) -> PageData: ...

    @abstractmethod
    def get_item(self, kind: str, workspace: str | None, item_id: int) -> Item: ...

    @abstractmethod
    def create_item(self, kind: str, workspace: str | None, data: Item) -> Item: ...

    @abstractmethod
    def update_item(self, kind: str, workspace: str | None, item_id: int,
                    data: Item) -> Item: ...

    @abstractmethod
    def delete_item(self, kind: str, workspace: str | None, item_id: int) -> None: ...

    @abstractmethod
    def link(self, workspace: str | None, a_type: str, a_id: int, b_type: str, b_id: int,
             importance: int | None = None) -> None: ...

    @abstractmethod
    def unlink(self, workspace: str | None, a_type: str, a_id: int, b_type: str,
               b_id: int) -> None: ...

    # --- bulk --------------------------------------------------------------------------

    @abstractmethod
    def import_evidence(self, workspace: str | None, text: str, source_name: str,
                        skip_invalid: bool, progress: Progress | None = None) -> CsvReport:
        """Import a CSV; `progress(done, total)` is called where the backend can tell."""

    @abstractmethod
    def roadmap(self, workspace: str | None) -> dict[str, list[dict[str, Any]]]:
        """The board in the API's shape: horizon -> items with release, launches, backing."""

    @abstractmethod
    def export_workspace(self, workspace: str | None) -> dict[str, Any]: ...

    @abstractmethod
    def import_workspace(self, data: Any, slug: str | None, name: str | None,
                         owner_email: str | None = None) -> WorkspaceInfo: ...

    # --- personal API tokens -----------------------------------------------------------

    @abstractmethod
    def create_token(self, email: str | None, name: str,
                     password: str | None = None) -> NewToken: ...

    @abstractmethod
    def list_tokens(self, email: str | None) -> list[TokenInfo]: ...

    @abstractmethod
    def revoke_token(self, email: str | None, token_id: int) -> None: ...

    def close(self) -> None:  # noqa: B027 - most backends hold nothing to release
        """Release connections; the CLI calls this when the command ends."""


# --- helpers shared by both backends --------------------------------------------------------


def kind_name(word: str) -> str:
    """Resource name for what a person types: 'opportunities', 'opportunity', 'Evidence'."""
    wanted = word.strip().lower()
    for name, res in RESOURCES.items():
        if wanted in (name, res.label.lower(), res.plural.lower()):
            return name
    known = ", ".join(RESOURCES)
    raise NotFound(f"Unknown kind of object '{word}' (known: {known}).", "kind")


def invalid_from(exc: ValidationError) -> Invalid:
    """The first validation problem as one line, named like the API names it."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or None
    return Invalid(friendly_error(first, where), where)


def validated(schema: type[BaseModel], data: Item) -> BaseModel:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise invalid_from(exc) from None
