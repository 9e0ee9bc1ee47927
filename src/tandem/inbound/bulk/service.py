"""Bulk commands over the existing ones (`links.link`, `Resource.update`, `Resource.delete`),
so policy checks, events, search documents and row versions apply to each object.

All or nothing: every id is checked first (a missing one is a 422 naming it), and any
refusal part-way raises, which rolls the whole transaction back. "Move" means what it
naturally means for each kind: evidence moves into a segment, an opportunity to a status.
Objects already as asked (linked, tagged, in that segment or status) are counted, not
touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import select

from tandem.crud import Resource
from tandem.errors import Invalid, NotFound
from tandem.inbound.bulk.schemas import BulkAction, BulkResult, EvidenceBulk, OpportunityBulk
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import opportunities
from tandem.inbound.release import releases
from tandem.loop import links
from tandem.market.segment import segments
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.storage.base import WorkspaceOwned

M = TypeVar("M", bound=WorkspaceOwned)

NOUNS = {"evidence": ("piece of evidence", "pieces of evidence"),
         "opportunities": ("opportunity", "opportunities")}


def count(kind: str, n: int) -> str:
    """'1 piece of evidence', '12 opportunities'."""
    one, many = NOUNS[kind]
    return f"{n} {one if n == 1 else many}"


def _already(n: int, state: str) -> str:
    if not n:
        return "."
    return f"; {n} {'was' if n == 1 else 'were'} already {state}."


def require_for(action: BulkAction, scope: Scope, res: Resource[Any]) -> None:
    """Ask the policy before reading anything, so a viewer is refused whatever the ids."""
    if action is BulkAction.link:
        scope.require(Action.link)
    elif action is BulkAction.delete:
        scope.require(Action.delete, res)
    else:
        scope.require(Action.update, res)


def selected(scope: Scope, res: Resource[M], ids: Sequence[int]) -> list[M]:
    """The objects, in the order given (repeats dropped); Invalid naming the first id that
    is not in this workspace."""
    scope.require(Action.read, res)
    wanted = list(dict.fromkeys(ids))
    model: Any = res.model
    rows = scope.session.scalars(select(model).where(
        model.workspace_id == scope.workspace_id, model.id.in_(wanted))).all()
    found = {row.id: row for row in rows}
    missing = [i for i in wanted if i not in found]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise Invalid(f"No {res.label.lower()} {missing[0]} in this workspace{more}; "
                      "nothing was changed.", "ids")
    return [found[i] for i in wanted]


def _target(scope: Scope, res: Resource[Any], target_id: int | None, field: str,
            ask: str) -> Any:
    if target_id is None:
        raise Invalid(ask, field)
    try:
        return res.get(scope, target_id)
    except NotFound as exc:
        raise Invalid(exc.message, field) from None


def _link(scope: Scope, kind: str, ids: list[int], target_res: Resource[Any],
          target: Any) -> tuple[int, int]:
    have = links.linked(scope, kind, set(ids), target_res.name)
    done = 0
    for obj_id in ids:
        if any(t.id == target.id for t in have[obj_id]):
            continue
        links.link(scope, kind, obj_id, target_res.name, target.id)
        done += 1
    return done, len(ids) - done


def _update(scope: Scope, res: Resource[Any], obj_id: int, values: dict[str, Any]) -> None:
    try:
        data = res.update_schema.model_validate(values)
    except ValidationError as exc:
        why = exc.errors()[0]["msg"]
        raise Invalid(f"{res.label} {obj_id}: {why}; nothing was changed.",
                      next(iter(values))) from None
    res.update(scope, obj_id, data)


def _delete(scope: Scope, res: Resource[Any], ids: list[int]) -> tuple[int, int]:
    for obj_id in ids:
        res.delete(scope, obj_id)
    return len(ids), 0


def evidence_bulk(scope: Scope, body: EvidenceBulk) -> BulkResult:
    require_for(body.action, scope, evidence)
    items = selected(scope, evidence, body.ids)
    ids = [e.id for e in items]
    n = "evidence"
    if body.action is BulkAction.link:
        opp = _target(scope, opportunities, body.opportunity_id, "opportunity_id",
                      "Pick the opportunity to link them to.")
        done, same = _link(scope, n, ids, opportunities, opp)
        text = f"Linked {count(n, done)} to '{opp.title}'" + _already(same, "linked")
    elif body.action is BulkAction.tag:
        if body.tag is None:
            raise Invalid("Give the tag to add.", "tag")
        todo = [e for e in items if body.tag not in e.tags]
        for item in todo:
            _update(scope, evidence, item.id, {"tags": [*item.tags, body.tag]})
        done, same = len(todo), len(items) - len(todo)
        text = f"Tagged {count(n, done)} '{body.tag}'" + _already(same, "tagged so")
    elif body.action is BulkAction.move:
        segment = _target(scope, segments, body.segment_id, "segment_id",
                          "Pick the segment to move them into.")
        todo = [e for e in items if e.segment_id != segment.id]
        for item in todo:
            _update(scope, evidence, item.id, {"segment_id": segment.id})
        done, same = len(todo), len(items) - len(todo)
        text = (f"Moved {count(n, done)} to segment '{segment.name}'"
                + _already(same, "there"))
    else:
        done, same = _delete(scope, evidence, ids)
        text = f"Deleted {count(n, done)}."
    return BulkResult(action=body.action, changed=done, unchanged=same, message=text)


def opportunity_bulk(scope: Scope, body: OpportunityBulk) -> BulkResult:
    require_for(body.action, scope, opportunities)
    if body.action is BulkAction.tag:
        raise Invalid("Opportunities have no tags: tag their evidence, or move them to a "
                      "status.", "action")
    items = selected(scope, opportunities, body.ids)
    ids = [o.id for o in items]
    n = "opportunities"
    if body.action is BulkAction.link:
        release = _target(scope, releases, body.release_id, "release_id",
                          "Pick the release to add them to.")
        done, same = _link(scope, n, ids, releases, release)
        text = f"Added {count(n, done)} to release '{release.name}'" + _already(same, "in it")
    elif body.action is BulkAction.move:
        if body.status is None:
            raise Invalid("Pick the status to move them to.", "status")
        todo = [o for o in items if o.status != body.status.value]
        for item in todo:
            _update(scope, opportunities, item.id, {"status": body.status.value})
        done, same = len(todo), len(items) - len(todo)
        text = f"Moved {count(n, done)} to {body.status.value}" + _already(same, "there")
    else:
        done, same = _delete(scope, opportunities, ids)
        text = f"Deleted {count(n, done)}."
    return BulkResult(action=body.action, changed=done, unchanged=same, message=text)
