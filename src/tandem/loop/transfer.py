"""Export a whole workspace as JSON and import it again, all or nothing.

Ids in the file are the exporting workspace's; on import every object gets a new id and
every reference and link is rewritten to match. Any invalid object aborts the whole import
with an error that names where in the file it is.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tandem.accounts.service import new_workspace, open_scope
from tandem.errors import Invalid
from tandem.loop.links import LINK_KINDS
from tandem.platform.actor import Actor
from tandem.platform.policy import Action
from tandem.registry import RESOURCES
from tandem.schema import Name, friendly_error
from tandem.scope import Scope

FORMAT = "tandem-workspace"
VERSION = 1
# Referenced kinds come first so references can be rewritten in one pass.


def kind_order() -> list[str]:
    """Every kind, each after the kinds it refers to (so references can be rewritten in
    one pass on import), otherwise in manifest order."""
    pending = list(RESOURCES)
    placed: list[str] = []
    while pending:
        ready = next((k for k in pending
                      if set(RESOURCES[k].ref_kinds.values()) <= {*placed, k}), None)
        if ready is None:
            raise RuntimeError(f"References between {pending} form a cycle.")
        placed.append(ready)
        pending.remove(ready)
    return placed



def _link_key(left: str, right: str) -> str:
    return f"{left}-{right}"


def export_workspace(scope: Scope) -> dict[str, Any]:
    scope.require(Action.export)
    objects: dict[str, list[dict[str, Any]]] = {}
    for name in kind_order():
        res = RESOURCES[name]
        objects[name] = [res.public_schema.model_validate(o).model_dump(mode="json")
                         for o in res.all(scope)]
    links: dict[str, list[dict[str, Any]]] = {}
    for kind in LINK_KINDS:
        model: Any = kind.model
        rows = scope.session.scalars(select(model).where(
            model.workspace_id == scope.workspace_id).order_by(model.id)).all()
        links[_link_key(kind.left, kind.right)] = [
            {kind.left_col: getattr(r, kind.left_col), kind.right_col: getattr(r, kind.right_col),
             **({"importance": r.importance} if kind.has_importance else {})}
            for r in rows]
    return {"format": FORMAT, "version": VERSION,
            "workspace": {"name": scope.workspace.name, "slug": scope.workspace.slug},
            "objects": objects, "links": links}


def _where(path: str, exc: ValidationError) -> Invalid:
    first = exc.errors()[0]
    where = ".".join(p for p in [path, *(str(p) for p in first["loc"])] if p)
    return Invalid(friendly_error(first, where), where)


class _Meta(BaseModel):
    name: Name = "Imported"
    slug: str | None = None


class _LinkRow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    evidence_id: int | None = None
    opportunity_id: int | None = None
    release_id: int | None = None
    message_id: int | None = None
    importance: int | None = Field(default=None, ge=0, le=3)


class _ExportFile(BaseModel):
    """The envelope of an export; each object is checked later against its own schema."""

    format: Literal["tandem-workspace"]
    version: Literal[1]
    workspace: _Meta = _Meta()
    objects: dict[str, list[dict[str, Any]]] = {}
    links: dict[str, list[_LinkRow]] = {}


def _old_id(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"{where}: must be a whole number.", where)
    return value


def import_workspace(session: Session, data: Any, actor: Actor,
                     slug: str | None = None, name: str | None = None,
                     owner_email: str | None = None) -> Scope:
    """Create a new workspace from an export as `actor`; returns its scope (not committed).

    A member becomes the new workspace's owner; the local administrator may name one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Invalid(f"Not a Tandem workspace export (expected format '{FORMAT}').", "format")
    if data.get("version") != VERSION:
        raise Invalid(f"Unsupported export version {data.get('version')!r}.", "version")
    try:
        parsed = _ExportFile.model_validate(data)
    except ValidationError as exc:
        raise _where("", exc) from None
    order = kind_order()
    unknown = set(parsed.objects) - set(order)
    if unknown:
        raise Invalid(f"Unknown object kinds in file: {', '.join(sorted(unknown))}.", "objects")
    workspace = new_workspace(session, actor, name or parsed.workspace.name,
                              slug or parsed.workspace.slug, owner_email)
    scope = open_scope(session, actor, workspace.slug)
    scope.require(Action.import_data)
    new_ids: dict[str, dict[int, int]] = {kind: {} for kind in order}
    for kind in order:
        res = RESOURCES[kind]
        for index, raw in enumerate(parsed.objects.get(kind, [])):
            path = f"objects.{kind}[{index}]"
            old = _old_id(raw.get("id"), f"{path}.id")
            if old in new_ids[kind]:
                raise Invalid(f"{path}.id: {old} appears twice.", f"{path}.id")
            fields = {k: v for k, v in raw.items() if k in res.create_schema.model_fields}
            for field, target in res.ref_kinds.items():
                if fields.get(field) is not None:
                    ref_old = _old_id(fields[field], f"{path}.{field}")
                    mapped = new_ids[target].get(ref_old)
                    if mapped is None:
                        raise Invalid(f"{path}.{field}: refers to {ref_old}, which is not in "
                                      "the file.", f"{path}.{field}")
                    fields[field] = mapped
            try:
                body = res.create_schema.model_validate(fields)
            except ValidationError as exc:
                raise _where(path, exc) from None
            new_ids[kind][old] = res.create(scope, body).id
    _import_links(scope, parsed.links, new_ids)
    return scope


def _import_links(scope: Scope, links: dict[str, list[_LinkRow]],
                  new_ids: dict[str, dict[int, int]]) -> None:
    for kind in LINK_KINDS:
        key = _link_key(kind.left, kind.right)
        seen: set[tuple[int, int]] = set()
        for index, row in enumerate(links.get(key, [])):
            path = f"links.{key}[{index}]"
            left = new_ids[kind.left].get(getattr(row, kind.left_col) or 0)
            right = new_ids[kind.right].get(getattr(row, kind.right_col) or 0)
            if left is None or right is None:
                raise Invalid(f"{path}: links objects that are not in the file.", path)
            if (left, right) in seen:
                continue  # the same link listed twice is still one link
            seen.add((left, right))
            model: Any = kind.model
            link_row = model(workspace_id=scope.workspace_id,
                             **{kind.left_col: left, kind.right_col: right})
            if kind.has_importance:
                link_row.importance = row.importance
            elif row.importance is not None:
                raise Invalid(f"{path}.importance: only evidence-opportunity links have one.",
                              f"{path}.importance")
            scope.session.add(link_row)
    unknown = set(links) - {_link_key(k.left, k.right) for k in LINK_KINDS}
    if unknown:
        raise Invalid(f"Unknown link kinds in file: {', '.join(sorted(unknown))}.", "links")
    scope.session.flush()
