"""The backend on this machine's database, acting as every workspace's owner.

Each method is one service call in one transaction (`Runtime.scope` / `Runtime.session`),
so a failed command never leaves half-written data behind.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User
from tandem.cli.backend import (
    Backend,
    CsvReport,
    Item,
    MemberInfo,
    NewToken,
    PageData,
    Progress,
    TokenInfo,
    WorkspaceInfo,
    validated,
)
from tandem.errors import Invalid
from tandem.inbound.evidence_import import import_csv
from tandem.loop import links, transfer
from tandem.loop.roadmap import RoadmapItemPublic, roadmap
from tandem.platform.actor import LocalAdmin
from tandem.registry import resource
from tandem.runtime import Runtime


def _owner(session: Session, email: str | None) -> User | None:
    return accounts.get_user_by_email(session, email) if email else None


def _user(session: Session, email: str | None) -> User:
    if not email:
        raise Invalid("Name the user with --email: locally, tokens belong to a user.", "email")
    return accounts.get_user_by_email(session, email)


def _role(raw: str) -> Role:
    try:
        return Role(raw)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise Invalid(f"'{raw}' is not a role (known: {known}).", "role") from None


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


class LocalBackend(Backend):
    """Calls the services directly; `user=None` in `open_scope` means "owner of all".

    The runtime belongs to the caller, who closes it.
    """

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.where = f"local database {runtime.settings.database_url}"

    # --- workspaces and members --------------------------------------------------------

    def workspaces(self) -> list[WorkspaceInfo]:
        with self.runtime.session() as session:
            return [WorkspaceInfo(w.slug, w.name, role.value, w.id)
                    for w, role in accounts.workspaces_for(session, LocalAdmin())]

    def create_workspace(self, name: str, slug: str | None,
                         owner_email: str | None = None) -> WorkspaceInfo:
        with self.runtime.session() as session:
            ws = accounts.create_workspace(session, name, _owner(session, owner_email), slug)
            return WorkspaceInfo(ws.slug, ws.name, Role.owner.value, ws.id)

    def members(self, workspace: str | None) -> list[MemberInfo]:
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            return [MemberInfo(u.email, u.name, r.value) for u, r in accounts.members(scope)]

    def add_member(self, workspace: str | None, email: str, role: str,
                   new_password: str | None = None, name: str = "") -> MemberInfo:
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            membership = accounts.add_member(scope, email, _role(role), new_password, name)
            user = accounts.get_user_by_email(scope.session, email)
            return MemberInfo(user.email, user.name, membership.role)

    def remove_member(self, workspace: str | None, email: str) -> None:
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            accounts.remove_member(scope, email)

    # --- resources ---------------------------------------------------------------------

    def list_items(self, kind: str, workspace: str | None, *, q: str | None = None,
                   filters: dict[str, str] | None = None, offset: int = 0,
                   limit: int = 50) -> PageData:
        res = resource(kind)
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            page = res.list(scope, q=q, filters=filters, offset=offset, limit=limit)
            items = [res.public_schema.model_validate(o).model_dump(mode="json")
                     for o in page.items]
            return PageData(items, page.total, page.offset, page.limit, page.next_offset)

    def get_item(self, kind: str, workspace: str | None, item_id: int) -> Item:
        res = resource(kind)
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            item: Item = res.public_schema.model_validate(res.get(scope, item_id)).model_dump(
                mode="json")
            return item

    def create_item(self, kind: str, workspace: str | None, data: Item) -> Item:
        res = resource(kind)
        body = validated(res.create_schema, data)
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            item: Item = res.public_schema.model_validate(res.create(scope, body)).model_dump(
                mode="json")
            return item

    def update_item(self, kind: str, workspace: str | None, item_id: int,
                    data: Item) -> Item:
        res = resource(kind)
        body = validated(res.update_schema, data)
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            obj = res.update(scope, item_id, body)
            item: Item = res.public_schema.model_validate(obj).model_dump(mode="json")
            return item

    def delete_item(self, kind: str, workspace: str | None, item_id: int) -> None:
        res = resource(kind)
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            res.delete(scope, item_id)

    def link(self, workspace: str | None, a_type: str, a_id: int, b_type: str, b_id: int,
             importance: int | None = None) -> None:
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            links.link(scope, a_type, a_id, b_type, b_id, importance)

    def unlink(self, workspace: str | None, a_type: str, a_id: int, b_type: str,
               b_id: int) -> None:
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            links.unlink(scope, a_type, a_id, b_type, b_id)

    # --- bulk --------------------------------------------------------------------------

    def import_evidence(self, workspace: str | None, text: str, source_name: str,
                        skip_invalid: bool, progress: Progress | None = None) -> CsvReport:
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            result = import_csv(scope, text, source_name, skip_invalid, progress)
            return CsvReport(result.created, [str(p) for p in result.skipped])

    def roadmap(self, workspace: str | None) -> dict[str, list[dict[str, Any]]]:
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            return {horizon: [RoadmapItemPublic.model_validate(i).model_dump(mode="json")
                              for i in items] for horizon, items in roadmap(scope).items()}

    def export_workspace(self, workspace: str | None) -> dict[str, Any]:
        with self.runtime.scope(LocalAdmin(), workspace) as scope:
            return transfer.export_workspace(scope)

    def import_workspace(self, data: Any, slug: str | None, name: str | None,
                         owner_email: str | None = None) -> WorkspaceInfo:
        with self.runtime.session() as session:
            ws = transfer.import_workspace(session, data, LocalAdmin(), slug, name,
                                           owner_email).workspace
            return WorkspaceInfo(ws.slug, ws.name, Role.owner.value, ws.id)

    # --- personal API tokens -----------------------------------------------------------

    def create_token(self, email: str | None, name: str,
                     password: str | None = None) -> NewToken:
        with self.runtime.session() as session:
            token, plain = accounts.create_token(session, _user(session, email), name)
            return NewToken(token.id, token.name, plain)

    def list_tokens(self, email: str | None) -> list[TokenInfo]:
        with self.runtime.session() as session:
            return [TokenInfo(t.id, t.name, t.prefix, _iso(t.created_at),
                              _iso(t.last_used_at) or None)
                    for t in accounts.list_tokens(session, _user(session, email))]

    def revoke_token(self, email: str | None, token_id: int) -> None:
        with self.runtime.session() as session:
            accounts.revoke_token(session, _user(session, email), token_id)
