"""Export a whole workspace as JSON and import it again, all or nothing.

Ids in the file are the exporting workspace's; on import every object gets a new id and
every reference and link is rewritten to match. Any invalid object aborts the whole import
with an error that names where in the file it is.

The export is the file's version 2 (`loop.transfer_rows`): every table of the workspace,
table-driven (`loop.tables`). Version 1 files (the generic records and their links, checked
through each record kind's schema) still import; this module plans and writes them.

An import is planned first (`plan_import`: the whole file checked, nothing written), then
written in batches of `BATCH` objects, each batch its own short transaction
(`write_import`), so a large import never holds the database's write lock for long. The
API and CLI run the writing as a background job (`loop.jobs`, `workspace.import`) in the
new workspace; if the writing fails part-way, `discard_import` removes what was written.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tandem.accounts.service import new_workspace, open_scope
from tandem.errors import Conflict, Invalid
from tandem.inbound.embeddings.service import EMBED_JOB
from tandem.inbound.evidence.models import Evidence
from tandem.loop import transfer_rows
from tandem.loop.links import LINK_KINDS
from tandem.loop.reindex import reindex_in_steps
from tandem.loop.transfer_rows import Meta, RowPlan
from tandem.platform.actor import Actor
from tandem.platform.policy import Action
from tandem.registry import RESOURCES
from tandem.schema import Strict, friendly_error
from tandem.scope import Scope

BATCH = 500  # objects (or links) written per transaction
# Between two batches the import lets go of the database for a moment: SQLite's busy
# handler polls, so a writer that is waiting would otherwise rarely win the lock back.
PAUSE_SECONDS = 0.1

FORMAT = "tandem-workspace"
VERSION = transfer_rows.VERSION  # what an export writes
VERSIONS = (1, 2)  # what an import reads


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
    """The whole workspace: every table that travels (`loop.tables`), row by row."""
    scope.require(Action.export)
    users, tables = transfer_rows.export_rows(scope)
    return {"format": FORMAT, "version": VERSION,
            "workspace": {"name": scope.workspace.name, "slug": scope.workspace.slug},
            "users": users, "tables": tables}


def export_v1(scope: Scope) -> dict[str, Any]:
    """The file's version 1: the generic records and their links only (kept so that the
    tests can make the files that older versions wrote)."""
    scope.require(Action.export)
    objects: dict[str, list[dict[str, Any]]] = {}
    for name in kind_order():
        res = RESOURCES[name]
        # In creation order, which an import keeps, so a re-export lists the same objects
        # in the same order; row_version counts saves in this database (an imported copy
        # starts again at 1), so it stays out.
        objects[name] = [res.public_schema.model_validate(o).model_dump(
            mode="json", exclude={"row_version"})
            for o in sorted(res.all(scope), key=lambda o: o.id)]
    links: dict[str, list[dict[str, Any]]] = {}
    for kind in LINK_KINDS:
        model: Any = kind.model
        rows = scope.session.scalars(select(model).where(
            model.workspace_id == scope.workspace_id).order_by(model.id)).all()
        links[_link_key(kind.left, kind.right)] = [
            {kind.left_col: getattr(r, kind.left_col), kind.right_col: getattr(r, kind.right_col),
             **({"importance": r.importance} if kind.has_importance else {})}
            for r in rows]
    return {"format": FORMAT, "version": 1,
            "workspace": {"name": scope.workspace.name, "slug": scope.workspace.slug},
            "objects": objects, "links": links}


def _where(path: str, exc: ValidationError) -> Invalid:
    first = exc.errors()[0]
    where = ".".join(p for p in [path, *(str(p) for p in first["loc"])] if p)
    return Invalid(friendly_error(first, where), where)


class _LinkRow(Strict):
    evidence_id: int | None = None
    opportunity_id: int | None = None
    release_id: int | None = None
    message_id: int | None = None
    launch_id: int | None = None
    segment_id: int | None = None
    persona_id: int | None = None
    campaign_id: int | None = None
    importance: int | None = Field(default=None, ge=0, le=3)


class _ExportFile(BaseModel):
    """The envelope of an export; each object is checked later against its own schema."""

    format: Literal["tandem-workspace"]
    version: Literal[1]
    workspace: Meta = Meta()
    objects: dict[str, list[dict[str, Any]]] = {}
    links: dict[str, list[_LinkRow]] = {}


def _old_id(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"{where}: must be a whole number.", where)
    return value


@dataclass
class PlannedObject:
    kind: str
    old_id: int
    body: BaseModel  # validated; references still hold the file's ids
    path: str
    stamps: dict[str, datetime] = field(default_factory=dict)  # kept created/updated times


class _Stamps(BaseModel):
    created_at: AwareDatetime | None = None
    updated_at: AwareDatetime | None = None


def _stamps(raw: dict[str, Any], path: str) -> dict[str, datetime]:
    """The object's own timestamps from the file, so an import keeps when things happened."""
    try:
        stamps = _Stamps.model_validate({k: raw.get(k) for k in ("created_at", "updated_at")})
    except ValidationError as exc:
        raise _where(path, exc) from None
    return {k: v for k, v in stamps.model_dump().items() if v is not None}


@dataclass
class PlannedLink:
    kind_index: int  # into LINK_KINDS
    left_old: int
    right_old: int
    importance: int | None


@dataclass
class ImportPlan:
    """A whole export file, checked: what `write_import` will create, in order."""

    name: str
    slug: str | None
    objects: list[PlannedObject] = field(default_factory=list)
    links: list[PlannedLink] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.objects) + len(self.links)


def _check_unique(kind: str, path: str, body: BaseModel, seen: dict[tuple[Any, ...], str]
                  ) -> None:
    """Two objects of the file that the workspace's unique keys would refuse together."""
    res = RESOURCES[kind]
    for key in res.unique:
        names = (key,) if isinstance(key, str) else tuple(key)
        if any(getattr(body, n) is None for n in names):
            continue  # an unknown value (no domain) clashes with nothing, as in the database
        value = tuple(str(getattr(body, n)).lower() for n in names)
        first = seen.setdefault((kind, names, value), path)
        if first != path:
            raise Conflict(f"{path}: same {', '.join(names)} as {first}.", f"{path}.{names[-1]}")


Plan = ImportPlan | RowPlan


def plan_import(data: Any) -> Plan:
    """Check a whole export file without writing anything; Invalid names the place."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Invalid(f"Not a Tandem workspace export (expected format '{FORMAT}').", "format")
    version = data.get("version")
    if isinstance(version, bool) or version not in VERSIONS:
        raise Invalid(f"Unsupported export version {str(version)[:20]!r} (this Tandem reads "
                      f"{', '.join(map(str, VERSIONS))}).", "version")
    if version == transfer_rows.VERSION:
        return transfer_rows.plan_rows(data)
    return _plan_v1(data)


def _plan_v1(data: dict[str, Any]) -> ImportPlan:
    try:
        parsed = _ExportFile.model_validate(data)
    except ValidationError as exc:
        raise _where("", exc) from None
    order = kind_order()
    unknown = set(parsed.objects) - set(order)
    if unknown:
        raise Invalid(f"Unknown object kinds in file: {', '.join(sorted(unknown))[:200]}.",
                      "objects")
    plan = ImportPlan(parsed.workspace.name, parsed.workspace.slug)
    known: dict[str, set[int]] = {kind: set() for kind in order}
    seen: dict[tuple[Any, ...], str] = {}
    for kind in order:
        res = RESOURCES[kind]
        for index, raw in enumerate(parsed.objects.get(kind, [])):
            path = f"objects.{kind}[{index}]"
            old = _old_id(raw.get("id"), f"{path}.id")
            if old in known[kind]:
                raise Invalid(f"{path}.id: {old} appears twice.", f"{path}.id")
            fields = {k: v for k, v in raw.items() if k in res.create_schema.model_fields}
            for ref_field, target in res.ref_kinds.items():
                if fields.get(ref_field) is not None:
                    ref_old = _old_id(fields[ref_field], f"{path}.{ref_field}")
                    if ref_old not in known[target]:
                        raise Invalid(f"{path}.{ref_field}: refers to {ref_old}, which is not "
                                      "in the file.", f"{path}.{ref_field}")
            try:
                body = res.create_schema.model_validate(fields)
            except ValidationError as exc:
                raise _where(path, exc) from None
            _check_unique(kind, path, body, seen)
            known[kind].add(old)
            plan.objects.append(PlannedObject(kind, old, body, path, _stamps(raw, path)))
    _plan_links(plan, parsed.links, known)
    return plan


def _plan_links(plan: ImportPlan, links: dict[str, list[_LinkRow]],
                known: dict[str, set[int]]) -> None:
    unknown = set(links) - {_link_key(k.left, k.right) for k in LINK_KINDS}
    if unknown:
        raise Invalid(f"Unknown link kinds in file: {', '.join(sorted(unknown))[:200]}.",
                      "links")
    for kind_index, kind in enumerate(LINK_KINDS):
        key = _link_key(kind.left, kind.right)
        pairs: set[tuple[int, int]] = set()
        for index, row in enumerate(links.get(key, [])):
            path = f"links.{key}[{index}]"
            left = getattr(row, kind.left_col) or 0
            right = getattr(row, kind.right_col) or 0
            if left not in known[kind.left] or right not in known[kind.right]:
                raise Invalid(f"{path}: links objects that are not in the file.", path)
            if row.importance is not None and not kind.has_importance:
                raise Invalid(f"{path}.importance: only evidence-opportunity links have one.",
                              f"{path}.importance")
            if (left, right) in pairs:
                continue  # the same link listed twice is still one link
            pairs.add((left, right))
            plan.links.append(PlannedLink(kind_index, left, right, row.importance))


def start_import(session: Session, plan: Plan, actor: Actor, slug: str | None = None,
                 name: str | None = None, owner_email: str | None = None) -> Scope:
    """Create the new workspace the plan goes into (the actor must be allowed to import)."""
    workspace = new_workspace(session, actor, name or plan.name, slug or plan.slug,
                              owner_email)
    scope = open_scope(session, actor, workspace.slug)
    scope.require(Action.import_data)
    return scope


Progress = Callable[[int, int], None]


def write_import(scopes: Callable[[], AbstractContextManager[Scope]], plan: Plan,
                 progress: Progress | None = None, pause: float = PAUSE_SECONDS) -> int:
    """Create the plan's objects and links, `BATCH` at a time, each batch in a transaction
    of its own from `scopes()`, `pause` seconds apart; returns how many were written.
    A version-2 plan's search documents are rebuilt at the end (`finish_import`)."""
    if isinstance(plan, RowPlan):
        return transfer_rows.write_rows(scopes, plan, progress, pause)
    new_ids: dict[str, dict[int, int]] = {kind: {} for kind in RESOURCES}
    done = 0
    objects = plan.objects
    start = 0
    while start < len(objects):
        kind = objects[start].kind
        end = start
        while end < len(objects) and end - start < BATCH and objects[end].kind == kind:
            end += 1
        batch = objects[start:end]
        res = RESOURCES[kind]
        bodies = []
        for item in batch:
            update = {f: new_ids[target][getattr(item.body, f)]
                      for f, target in res.ref_kinds.items()
                      if getattr(item.body, f, None) is not None}
            bodies.append(item.body.model_copy(update=update))
        with scopes() as scope:
            # The plan checked uniqueness across the file, and the workspace was empty.
            made = res.create_many(scope, bodies, columns=[item.stamps for item in batch],
                                   unique_checked=True)
            for item, obj in zip(batch, made, strict=True):
                new_ids[kind][item.old_id] = obj.id
        done += len(batch)
        start = end
        time.sleep(pause)
        if progress is not None:
            progress(done, plan.size)
    for first in range(0, len(plan.links), BATCH):
        with scopes() as scope:
            for link in plan.links[first:first + BATCH]:
                link_kind = LINK_KINDS[link.kind_index]
                model: Any = link_kind.model
                row = model(workspace_id=scope.workspace_id, **{
                    link_kind.left_col: new_ids[link_kind.left][link.left_old],
                    link_kind.right_col: new_ids[link_kind.right][link.right_old]})
                if link_kind.has_importance:
                    row.importance = link.importance
                scope.session.add(row)
            scope.session.flush()
        time.sleep(pause)
        done += len(plan.links[first:first + BATCH])
        if progress is not None:
            progress(done, plan.size)
    return done


def discard_import(session: Session, workspace_id: int) -> None:
    """Remove everything an unfinished import wrote into its workspace (links, objects and
    their search documents), leaving the workspace itself, its members and its jobs."""
    transfer_rows.discard_rows(session, workspace_id, {"memberships", "jobs", "events"})


def finish_import(scopes: Callable[[], AbstractContextManager[Scope]], plan: Plan
                  ) -> dict[str, Any]:
    """After the writing: rebuild a version-2 import's search documents, one batch per
    transaction from `scopes()` (version 1 wrote them with the objects), queue the evidence
    vectors (recomputed, never copied), and say which accounts the file's references were
    matched to."""
    if not isinstance(plan, RowPlan):
        return {}  # version 1 went through the record kinds: indexed, events recorded
    from tandem.platform.jobs import service as jobs  # it reads the manifest, which lists us

    reindex_in_steps(scopes)
    with scopes() as scope:
        if scope.session.scalar(select(Evidence.id).where(
                Evidence.workspace_id == scope.workspace_id).limit(1)) is not None:
            jobs.enqueue(scope, EMBED_JOB)
        return {"accounts": transfer_rows.account_report(
            plan, transfer_rows.match_accounts(scope.session, plan))}


def import_workspace(session: Session, data: Any, actor: Actor,
                     slug: str | None = None, name: str | None = None,
                     owner_email: str | None = None) -> Scope:
    """Plan and write a whole import in `session`'s one transaction (not committed); the
    faces use the background job instead, which writes in batches."""
    plan = plan_import(data)
    scope = start_import(session, plan, actor, slug, name, owner_email)

    @contextmanager
    def same_scope() -> Iterator[Scope]:
        yield scope

    discard_import(session, scope.workspace_id)  # defaults the new workspace was made with
    write_import(same_scope, plan, pause=0.0)  # one transaction: nothing to pause for
    finish_import(same_scope, plan)
    return scope

