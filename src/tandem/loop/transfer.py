"""Export a whole workspace as JSON and import it again, all or nothing.

Ids in the file are the exporting workspace's; on import every object gets a new id and
every reference and link is rewritten to match. Any invalid object aborts the whole import
with an error that names where in the file it is.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tandem.accounts.models import Role, User
from tandem.accounts.service import create_workspace
from tandem.errors import Invalid
from tandem.loop.links import LINK_KINDS
from tandem.registry import RESOURCES
from tandem.schema import friendly_error
from tandem.scope import Scope

FORMAT = "tandem-workspace"
VERSION = 1
# Referenced kinds come first so references can be rewritten in one pass.
ORDER = ("products", "segments", "personas", "competitors", "evidence", "opportunities",
         "releases", "launches", "messages", "assignments")
_BY_MODEL = {res.model: name for name, res in RESOURCES.items()}


def _link_key(left: str, right: str) -> str:
    return f"{left}-{right}"


def export_workspace(scope: Scope) -> dict[str, Any]:
    objects: dict[str, list[dict[str, Any]]] = {}
    for name in ORDER:
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
    where = ".".join([path, *(str(p) for p in first["loc"])])
    return Invalid(friendly_error(first, where), where)


def import_workspace(session: Session, data: Any, owner: User | None,
                     slug: str | None = None, name: str | None = None) -> Scope:
    """Create a new workspace from an export; returns its scope (not yet committed)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Invalid(f"Not a Tandem workspace export (expected format '{FORMAT}').", "format")
    if data.get("version") != VERSION:
        raise Invalid(f"Unsupported export version {data.get('version')!r}.", "version")
    meta = data.get("workspace") or {}
    workspace = create_workspace(session, name or str(meta.get("name") or "Imported"), owner,
                                 slug or meta.get("slug"))
    scope = Scope(session, workspace, owner, Role.owner)
    objects = data.get("objects") or {}
    unknown = set(objects) - set(ORDER)
    if unknown:
        raise Invalid(f"Unknown object kinds in file: {', '.join(sorted(unknown))}.", "objects")
    new_ids: dict[str, dict[int, int]] = {name: {} for name in ORDER}
    for kind in ORDER:
        res = RESOURCES[kind]
        for index, raw in enumerate(objects.get(kind) or []):
            path = f"objects.{kind}[{index}]"
            if not isinstance(raw, dict) or "id" not in raw:
                raise Invalid(f"{path}: each object needs an 'id'.", path)
            fields = {k: v for k, v in raw.items() if k in res.create_schema.model_fields}
            for field, target in res.references.items():
                old = fields.get(field)
                if old is not None:
                    mapped = new_ids[_BY_MODEL[target]].get(old)
                    if mapped is None:
                        raise Invalid(f"{path}.{field}: refers to {old}, which is not in the "
                                      "file.", f"{path}.{field}")
                    fields[field] = mapped
            try:
                body = res.create_schema.model_validate(fields)
            except ValidationError as exc:
                raise _where(path, exc) from None
            obj = res.create(scope, body)
            new_ids[kind][int(raw["id"])] = obj.id
    _import_links(scope, data.get("links") or {}, new_ids)
    return scope


def _import_links(scope: Scope, links: dict[str, Any], new_ids: dict[str, dict[int, int]]) -> None:
    for kind in LINK_KINDS:
        key = _link_key(kind.left, kind.right)
        for index, raw in enumerate(links.get(key) or []):
            path = f"links.{key}[{index}]"
            try:
                left = new_ids[kind.left][int(raw[kind.left_col])]
                right = new_ids[kind.right][int(raw[kind.right_col])]
            except (KeyError, TypeError, ValueError):
                raise Invalid(f"{path}: links objects that are not in the file.", path) from None
            model: Any = kind.model
            row = model(workspace_id=scope.workspace_id,
                        **{kind.left_col: left, kind.right_col: right})
            if kind.has_importance:
                row.importance = raw.get("importance")
            scope.session.add(row)
    scope.session.flush()
