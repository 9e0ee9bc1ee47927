"""First-class links along the loop: evidence -> opportunity -> release -> launch -> message.

Evidence-opportunity, opportunity-release and message-evidence are many-to-many link rows;
release-launch and launch-message are the launch's and message's own foreign keys. `trace`
follows them both ways from any object, so every face can show where a thing came from and
where it went.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import null, select

from tandem.errors import Conflict, Invalid, NotFound
from tandem.loop.models import (
    EvidenceOpportunity,
    MessageEvidence,
    OpportunityRelease,
    PersonaCampaign,
    PersonaEvidence,
    PersonaLaunch,
    PersonaMessage,
    PersonaOpportunity,
    SegmentCampaign,
    SegmentEvidence,
    SegmentLaunch,
    SegmentMessage,
    SegmentOpportunity,
)
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.registry import resource
from tandem.schema import MAX_ID
from tandem.scope import Scope
from tandem.storage.base import WorkspaceOwned

CHAIN = ("evidence", "opportunities", "releases", "launches", "messages")


@dataclass(frozen=True)
class LinkKind:
    """A many-to-many link kind; `left` and `right` are resource names in loop order."""

    left: str
    right: str
    model: type[WorkspaceOwned]
    left_col: str
    right_col: str
    has_importance: bool = False


LINK_KINDS: tuple[LinkKind, ...] = (
    LinkKind("evidence", "opportunities", EvidenceOpportunity, "evidence_id", "opportunity_id",
             has_importance=True),
    LinkKind("opportunities", "releases", OpportunityRelease, "opportunity_id", "release_id"),
    LinkKind("messages", "evidence", MessageEvidence, "message_id", "evidence_id"),
    # Segments and personas, linked to what is about them (shown on their pages).
    LinkKind("segments", "evidence", SegmentEvidence, "segment_id", "evidence_id"),
    LinkKind("segments", "opportunities", SegmentOpportunity, "segment_id", "opportunity_id"),
    LinkKind("segments", "messages", SegmentMessage, "segment_id", "message_id"),
    LinkKind("segments", "launches", SegmentLaunch, "segment_id", "launch_id"),
    LinkKind("personas", "evidence", PersonaEvidence, "persona_id", "evidence_id"),
    LinkKind("personas", "opportunities", PersonaOpportunity, "persona_id", "opportunity_id"),
    LinkKind("personas", "messages", PersonaMessage, "persona_id", "message_id"),
    LinkKind("personas", "launches", PersonaLaunch, "persona_id", "launch_id"),
    LinkKind("segments", "campaigns", SegmentCampaign, "segment_id", "campaign_id"),
    LinkKind("personas", "campaigns", PersonaCampaign, "persona_id", "campaign_id"),
)
MARKET = ("segments", "personas")  # linked to loop objects, outside the chain itself


def _kind_for(a: str, b: str) -> tuple[LinkKind, bool]:
    """The link kind joining a and b, and whether a is its left side."""
    for kind in LINK_KINDS:
        if (kind.left, kind.right) == (a, b):
            return kind, True
        if (kind.right, kind.left) == (a, b):
            return kind, False
    known = [resource(k) for k in (a, b)]  # unknown kinds are NotFound, naming the kind
    raise Invalid(f"{known[0].plural} cannot be linked to {known[1].plural.lower()}.",
                  "to_type")


@dataclass
class Linked:
    """One linked object as a face shows it."""

    type: str
    id: int
    title: str
    importance: int | None = None


class LinkedPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    type: str
    id: int
    title: str
    importance: int | None = None


@dataclass
class Trace:
    """Everything upstream and downstream of one object, grouped by resource name."""

    upstream: dict[str, list[Linked]] = field(default_factory=dict)
    downstream: dict[str, list[Linked]] = field(default_factory=dict)
    backing: list[Linked] = field(default_factory=list)


def link(scope: Scope, a_type: str, a_id: int, b_type: str, b_id: int,
         importance: int | None = None) -> None:
    """Link two objects of this workspace; raises Conflict if they are linked already."""
    scope.require(Action.link)
    kind, a_is_left = _kind_for(a_type, b_type)
    ends = []
    for rtype, rid, field_name in ((a_type, a_id, "from_id"), (b_type, b_id, "to_id")):
        try:
            ends.append(resource(rtype).get(scope, rid))
        except NotFound as exc:
            raise Invalid(exc.message, field_name) from None
    if importance is not None and (not kind.has_importance or not 0 <= importance <= 3):
        raise Invalid("importance is 0-3 and only on evidence-opportunity links.", "importance")
    left_id, right_id = (a_id, b_id) if a_is_left else (b_id, a_id)
    existing = _find(scope, kind, left_id, right_id)
    if existing is not None:
        raise Conflict(f"{resource(a_type).label} {a_id} is already linked to "
                       f"{resource(b_type).label.lower()} {b_id}.", "to_id")
    model: Any = kind.model
    row = model(workspace_id=scope.workspace_id,
                **{kind.left_col: left_id, kind.right_col: right_id})
    if kind.has_importance:
        row.importance = importance
    scope.session.add(row)
    scope.session.flush()
    _record(scope, "linked", (a_type, ends[0]), (b_type, ends[1]), importance)


def unlink(scope: Scope, a_type: str, a_id: int, b_type: str, b_id: int) -> None:
    scope.require(Action.link)
    kind, a_is_left = _kind_for(a_type, b_type)
    left_id, right_id = (a_id, b_id) if a_is_left else (b_id, a_id)
    row = _find(scope, kind, left_id, right_id)
    if row is None:
        raise NotFound(f"{a_type} {a_id} is not linked to {b_type} {b_id}.")
    a_obj, b_obj = resource(a_type).get(scope, a_id), resource(b_type).get(scope, b_id)
    scope.session.delete(row)
    scope.session.flush()
    _record(scope, "unlinked", (a_type, a_obj), (b_type, b_obj), None)


def _record(scope: Scope, verb: str, a: tuple[str, Any], b: tuple[str, Any],
            importance: int | None) -> None:
    """One event on each end, so each object's history shows the link."""
    for (here_type, here), (there_type, there) in ((a, b), (b, a)):
        there_title = resource(there_type).title_of(there)
        shown = f"{resource(there_type).label} #{there.id}: {there_title}"[:200]
        change: list[Any] = [None, shown] if verb == "linked" else [shown, None]
        changes: dict[str, list[Any]] = {there_type: change}
        if importance is not None:
            changes["importance"] = [None, importance]
        events.record(scope, verb, here_type, here.id, resource(here_type).title_of(here),
                      changes)


def _find(scope: Scope, kind: LinkKind, left_id: int, right_id: int) -> Any:
    if not (1 <= left_id <= MAX_ID and 1 <= right_id <= MAX_ID):
        return None
    model: Any = kind.model
    return scope.session.scalars(
        select(model).where(
            model.workspace_id == scope.workspace_id,
            getattr(model, kind.left_col) == left_id,
            getattr(model, kind.right_col) == right_id,
        )
    ).first()


# --- following links ---------------------------------------------------------------------

# Foreign-key steps of the chain: (child kind, parent kind, the child's column).
FK_STEPS: tuple[tuple[str, str, str], ...] = (
    ("launches", "releases", "release_id"),
    ("messages", "launches", "launch_id"),
)


def linked(scope: Scope, here: str, ids: set[int], towards: str) -> dict[int, list[Linked]]:
    """For each of `ids` (of kind `here`), the objects of kind `towards` linked to it.

    One query for the whole batch, so a list page costs the same for 5 rows or 200.
    """
    target = resource(towards)
    model: Any = target.model
    importance: Any = null()  # only evidence-opportunity links carry one
    for kind in LINK_KINDS:
        if {kind.left, kind.right} == {here, towards}:
            link_model: Any = kind.model
            near, far = ((kind.left_col, kind.right_col) if kind.left == here
                         else (kind.right_col, kind.left_col))
            source = getattr(link_model, near)
            if kind.has_importance:
                importance = link_model.importance
            stmt = select(source, model, importance).join(
                link_model, getattr(link_model, far) == model.id).where(source.in_(ids))
            break
    else:
        child, _parent, column = next(step for step in FK_STEPS if {step[0], step[1]} ==
                                      {here, towards})
        if towards == child:
            source = getattr(model, column)
            stmt = select(source, model, importance).where(source.in_(ids))
        else:
            child_model: Any = resource(child).model
            stmt = select(child_model.id, model, importance).join(
                child_model, getattr(child_model, column) == model.id
            ).where(child_model.id.in_(ids))
    stmt = stmt.where(model.workspace_id == scope.workspace_id).order_by(model.id)
    found: dict[int, list[Linked]] = {i: [] for i in ids}
    for source_id, obj, imp in scope.session.execute(stmt).all():
        found[source_id].append(Linked(towards, obj.id, target.title_of(obj), imp))
    return found


def _neighbours(scope: Scope, here: str, ids: set[int], towards: str) -> list[Linked]:
    """Objects of kind `towards` linked to any of `ids`, each once."""
    seen: dict[int, Linked] = {}
    for items in linked(scope, here, ids, towards).values():
        for item in items:
            seen.setdefault(item.id, item)
    return list(seen.values())


def trace(scope: Scope, rtype: str, obj_id: int) -> Trace:
    """Follow the chain from one object to both ends of the loop."""
    resource(rtype).get(scope, obj_id)
    result = Trace()
    if rtype in CHAIN:
        pos = CHAIN.index(rtype)
        for step, bucket in ((1, result.downstream), (-1, result.upstream)):
            ids, here = {obj_id}, pos
            while 0 <= here + step < len(CHAIN) and ids:
                towards = CHAIN[here + step]
                found = _neighbours(scope, CHAIN[here], ids, towards)
                if found:
                    bucket[towards] = found
                ids, here = {f.id for f in found}, here + step
    if rtype in ("messages", "evidence"):
        other = "evidence" if rtype == "messages" else "messages"
        result.backing = _neighbours(scope, rtype, {obj_id}, other)
    return result


def linkable(scope: Scope, rtype: str, market: bool = True) -> list[str]:
    """The kinds an object of `rtype` can be linked to by hand (without segments and
    personas when `market` is False: the loop strip leaves those to their own pages)."""
    return [k.right if k.left == rtype else k.left for k in LINK_KINDS
            if rtype in (k.left, k.right)
            and (market or not {k.left, k.right} & set(MARKET))]
