"""First-class links along the loop: evidence -> opportunity -> release -> launch -> message.

Evidence-opportunity, opportunity-release and message-evidence are many-to-many link rows;
release-launch and launch-message are the launch's and message's own foreign keys. `trace`
follows them both ways from any object, so every face can show where a thing came from and
where it went.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from tandem.accounts.models import Role
from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.evidence import Evidence
from tandem.inbound.opportunity import Opportunity
from tandem.inbound.release import Release
from tandem.loop.models import EvidenceOpportunity, MessageEvidence, OpportunityRelease
from tandem.outbound.launch import Launch
from tandem.outbound.message import Message
from tandem.registry import resource
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
)


def _kind_for(a: str, b: str) -> tuple[LinkKind, bool]:
    """The link kind joining a and b, and whether a is its left side."""
    for kind in LINK_KINDS:
        if (kind.left, kind.right) == (a, b):
            return kind, True
        if (kind.right, kind.left) == (a, b):
            return kind, False
    raise Invalid(f"{a} cannot be linked to {b}.", "type")


@dataclass
class Linked:
    """One linked object as a face shows it."""

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
    scope.require(Role.editor)
    kind, a_is_left = _kind_for(a_type, b_type)
    resource(a_type).get(scope, a_id)
    try:
        resource(b_type).get(scope, b_id)
    except NotFound as exc:
        raise Invalid(exc.message, "id") from None
    if importance is not None and (not kind.has_importance or not 0 <= importance <= 3):
        raise Invalid("importance is 0-3 and only on evidence-opportunity links.", "importance")
    left_id, right_id = (a_id, b_id) if a_is_left else (b_id, a_id)
    existing = _find(scope, kind, left_id, right_id)
    if existing is not None:
        raise Conflict(f"{a_type} {a_id} is already linked to {b_type} {b_id}.", "id")
    model: Any = kind.model
    row = model(workspace_id=scope.workspace_id,
                **{kind.left_col: left_id, kind.right_col: right_id})
    if kind.has_importance:
        row.importance = importance
    scope.session.add(row)
    scope.session.flush()


def unlink(scope: Scope, a_type: str, a_id: int, b_type: str, b_id: int) -> None:
    scope.require(Role.editor)
    kind, a_is_left = _kind_for(a_type, b_type)
    left_id, right_id = (a_id, b_id) if a_is_left else (b_id, a_id)
    row = _find(scope, kind, left_id, right_id)
    if row is None:
        raise NotFound(f"{a_type} {a_id} is not linked to {b_type} {b_id}.")
    scope.session.delete(row)
    scope.session.flush()


def _find(scope: Scope, kind: LinkKind, left_id: int, right_id: int) -> Any:
    model: Any = kind.model
    return scope.session.scalars(
        select(model).where(
            model.workspace_id == scope.workspace_id,
            getattr(model, kind.left_col) == left_id,
            getattr(model, kind.right_col) == right_id,
        )
    ).first()


# --- following links ---------------------------------------------------------------------


def _neighbours(scope: Scope, rtype: str, ids: set[int], towards: str) -> list[Linked]:
    """Objects of type `towards` directly linked to any of `ids` (of type `rtype`)."""
    if not ids:
        return []
    ws = scope.workspace_id
    s = scope.session
    pair = (rtype, towards)
    if pair == ("evidence", "opportunities"):
        rows = s.execute(select(Opportunity, EvidenceOpportunity.importance)
                         .join(EvidenceOpportunity,
                               EvidenceOpportunity.opportunity_id == Opportunity.id)
                         .where(EvidenceOpportunity.evidence_id.in_(ids),
                                Opportunity.workspace_id == ws)).all()
        return _dedupe([Linked("opportunities", o.id, o.title, imp) for o, imp in rows])
    if pair == ("opportunities", "evidence"):
        backers = s.execute(select(Evidence, EvidenceOpportunity.importance)
                            .join(EvidenceOpportunity,
                                  EvidenceOpportunity.evidence_id == Evidence.id)
                            .where(EvidenceOpportunity.opportunity_id.in_(ids),
                                   Evidence.workspace_id == ws)).all()
        return _dedupe([Linked("evidence", e.id, e.text, imp) for e, imp in backers])
    if pair == ("opportunities", "releases"):
        rels = s.scalars(select(Release).join(OpportunityRelease,
                                              OpportunityRelease.release_id == Release.id)
                         .where(OpportunityRelease.opportunity_id.in_(ids),
                                Release.workspace_id == ws)).all()
        return _dedupe([Linked("releases", r.id, r.name) for r in rels])
    if pair == ("releases", "opportunities"):
        opps = s.scalars(select(Opportunity).join(
            OpportunityRelease, OpportunityRelease.opportunity_id == Opportunity.id)
            .where(OpportunityRelease.release_id.in_(ids), Opportunity.workspace_id == ws)).all()
        return _dedupe([Linked("opportunities", o.id, o.title) for o in opps])
    if pair == ("releases", "launches"):
        ls = s.scalars(select(Launch).where(Launch.release_id.in_(ids),
                                            Launch.workspace_id == ws)).all()
        return _dedupe([Linked("launches", x.id, x.name) for x in ls])
    if pair == ("launches", "releases"):
        rels = s.scalars(select(Release).join(Launch, Launch.release_id == Release.id)
                         .where(Launch.id.in_(ids), Release.workspace_id == ws)).all()
        return _dedupe([Linked("releases", r.id, r.name) for r in rels])
    if pair == ("launches", "messages"):
        ms = s.scalars(select(Message).where(Message.launch_id.in_(ids),
                                             Message.workspace_id == ws)).all()
        return _dedupe([Linked("messages", m.id, m.title) for m in ms])
    if pair == ("messages", "launches"):
        ls = s.scalars(select(Launch).join(Message, Message.launch_id == Launch.id)
                       .where(Message.id.in_(ids), Launch.workspace_id == ws)).all()
        return _dedupe([Linked("launches", x.id, x.name) for x in ls])
    raise ValueError(f"no chain step from {rtype} to {towards}")


def _dedupe(items: list[Linked]) -> list[Linked]:
    seen: dict[int, Linked] = {}
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
        result.backing = _backing(scope, rtype, obj_id, other)
    return result


def _backing(scope: Scope, rtype: str, obj_id: int, other: str) -> list[Linked]:
    if other == "evidence":
        ev = scope.session.scalars(select(Evidence).join(
            MessageEvidence, MessageEvidence.evidence_id == Evidence.id)
            .where(MessageEvidence.message_id == obj_id,
                   Evidence.workspace_id == scope.workspace_id)).all()
        return [Linked("evidence", e.id, e.text) for e in ev]
    ms = scope.session.scalars(select(Message).join(
        MessageEvidence, MessageEvidence.message_id == Message.id)
        .where(MessageEvidence.evidence_id == obj_id,
               Message.workspace_id == scope.workspace_id)).all()
    return [Linked("messages", m.id, m.title) for m in ms]


def linkable(scope: Scope, rtype: str) -> list[str]:
    """The kinds an object of `rtype` can be linked to by hand."""
    return [k.right if k.left == rtype else k.left for k in LINK_KINDS
            if rtype in (k.left, k.right)]


