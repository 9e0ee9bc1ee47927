"""Requirements per opportunity: write the document, move it through review and approval,
hand it to development. The only place with the rules (see engine.py for the pure ones).

One document per opportunity, addressed by the opportunity's id. Its content changes only
while it is a draft or in review; approving records who and when; reopening an approved
document clears the approval; the hand-off records what, to whom, when and the tracker link,
and ends the flow. Citations are checked when saved (the evidence exists in this workspace
and holds the quote) and resolved again on every read, where a deleted item shows as
missing rather than failing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from tandem.accounts.models import Membership, User
from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.opportunity import Opportunity, opportunities
from tandem.inbound.requirements import engine
from tandem.inbound.requirements.engine import EDITABLE, CitationState, FlowError, Status
from tandem.inbound.requirements.models import Requirement, RequirementPersona
from tandem.inbound.requirements.schemas import (
    Citation,
    CitationPublic,
    HandoffBody,
    Metric,
    PersonaRef,
    RequirementBody,
    RequirementPublic,
    StoryPublic,
)
from tandem.market.persona import Persona
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.roles.models import Person
from tandem.scope import Scope
from tandem.storage.base import utcnow

KIND = "requirements"


def find(scope: Scope, opportunity_id: int) -> Requirement | None:
    """The opportunity's requirements, or None when none are written yet."""
    opportunities.get(scope, opportunity_id)
    return scope.session.scalar(select(Requirement).where(
        Requirement.workspace_id == scope.workspace_id,
        Requirement.opportunity_id == opportunity_id))


def _get(scope: Scope, opportunity_id: int) -> Requirement:
    found = find(scope, opportunity_id)
    if found is None:
        raise NotFound(f"Opportunity {opportunity_id} has no requirements yet.")
    return found


def _texts(scope: Scope, ids: set[int]) -> dict[int, Evidence]:
    if not ids:
        return {}
    return {e.id: e for e in scope.session.scalars(select(Evidence).where(
        Evidence.workspace_id == scope.workspace_id, Evidence.id.in_(sorted(ids))))}


def _check_citations(scope: Scope, body: RequirementBody) -> None:
    """Invalid naming the place (stories.2.citations.0.quote) unless every cited item is
    evidence of this workspace and holds the quoted words."""
    places: list[tuple[str, Citation]] = [
        (f"problem_citations.{i}", c) for i, c in enumerate(body.problem_citations)]
    for s, story in enumerate(body.stories):
        places += [(f"stories.{s}.citations.{i}", c) for i, c in enumerate(story.citations)]
    found = _texts(scope, {c.evidence_id for _, c in places})
    for place, cite in places:
        item = found.get(cite.evidence_id)
        if item is None:
            raise Invalid(f"No evidence {cite.evidence_id} in this workspace.",
                          f"{place}.evidence_id")
        if engine.quote_span(item.text, cite.quote) is None:
            raise Invalid(f"Evidence {cite.evidence_id} does not say “{cite.quote[:80]}”: "
                          "quote its words exactly (case and spacing aside).",
                          f"{place}.quote")


def _check_personas(scope: Scope, ids: list[int]) -> list[int]:
    wanted = list(dict.fromkeys(ids))
    known = set(scope.session.scalars(select(Persona.id).where(
        Persona.workspace_id == scope.workspace_id, Persona.id.in_(wanted or [0]))))
    for pid in wanted:
        if pid not in known:
            raise Invalid(f"No persona {pid} in this workspace.", "persona_ids")
    return wanted


def _document(body: RequirementBody) -> dict[str, Any]:
    return {
        "title": body.title,
        "problem": body.problem,
        "problem_citations": [c.model_dump() for c in body.problem_citations],
        "stories": [s.model_dump() for s in body.stories],
        "non_goals": list(body.non_goals),
        "metrics": [m.model_dump() for m in body.metrics],
    }


def _owner(scope: Scope, body: RequirementBody, existing: Requirement | None) -> int | None:
    """The owner named (a person of this workspace), else the one it has; a document with
    none goes to the development-phase driver."""
    from tandem.roles.phases.service import default_owner  # roles reads requirements

    owner = existing.owner_id if existing is not None else None
    if "owner_id" in body.model_fields_set:
        if body.owner_id is not None and scope.owned(Person, body.owner_id) is None:
            raise Invalid(f"There is no person {body.owner_id} here; add them on the People "
                          "page.", "owner_id")
        owner = body.owner_id
    if owner is None and (existing is None or existing.owner_id is None):
        owner = default_owner(scope, "requirements")
    return owner


def save(scope: Scope, opportunity_id: int, body: RequirementBody) -> Requirement:
    """Write the whole document (create it on first save). Only drafts and documents in
    review change; an approved one is reopened first."""
    opp = opportunities.get(scope, opportunity_id)
    existing = find(scope, opportunity_id)
    scope.require(Action.update if existing else Action.create)
    if existing is not None and Status(existing.status) not in EDITABLE:
        raise Conflict("Approved requirements cannot be edited: send them back to draft "
                       "first (that clears the approval).", "status")
    _check_citations(scope, body)
    persona_ids = _check_personas(scope, body.persona_ids)
    values = _document(body)
    owner = _owner(scope, body, existing)
    if existing is None:
        req = Requirement(workspace_id=scope.workspace_id, opportunity_id=opp.id,
                          status=Status.draft.value, owner_id=owner, **values)
        scope.session.add(req)
        scope.session.flush()
        events.record(scope, "created", KIND, req.id, req.title,
                      {"opportunity_id": [None, opp.id], "owner_id": [None, owner]})
    else:
        req = existing
        changes: dict[str, list[Any]] = {}
        for key, value in values.items():
            old = getattr(req, key)
            if old != value:
                changes[key] = [old, value] if key in ("title", "problem") else \
                    [f"{len(old or [])} items", f"{len(value)} items"]
            setattr(req, key, value)
        if owner != req.owner_id:
            changes["owner_id"] = [req.owner_id, owner]
            req.owner_id = owner
        if changes:
            events.record(scope, "updated", KIND, req.id, req.title, changes)
    scope.session.execute(delete(RequirementPersona).where(
        RequirementPersona.requirement_id == req.id))
    scope.session.add_all(RequirementPersona(requirement_id=req.id, persona_id=p)
                          for p in persona_ids)
    scope.session.flush()
    return req


def set_status(scope: Scope, opportunity_id: int, target: Status) -> Requirement:
    """Move along the flow: submit for review, approve (recording who and when), or send
    back to draft (which clears an approval). Handing off is `hand_off`."""
    scope.require(Action.update)
    req = _get(scope, opportunity_id)
    if target is Status.handed_off:
        raise Invalid("Hand requirements to development with the hand-off (what, to whom "
                      "and the tracker link), not a status change.", "status")
    current = Status(req.status)
    try:
        engine.check_transition(current, target)
    except FlowError as exc:
        raise Conflict(str(exc), "status") from None
    if target is Status.approved:
        req.approved_by = scope.actor.label[:254]
        req.approved_at = utcnow()
    elif target is Status.draft:
        req.approved_by, req.approved_at = "", None
    req.status = target.value
    scope.session.flush()
    events.record(scope, "updated", KIND, req.id, req.title,
                  {"status": [current.value, target.value]})
    return req


def members(scope: Scope) -> list[User]:
    """The workspace's members, whom requirements may be handed to."""
    scope.require(Action.read)
    return list(scope.session.scalars(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == scope.workspace_id).order_by(User.name, User.email)))


def hand_off(scope: Scope, opportunity_id: int, body: HandoffBody) -> Requirement:
    """Approved requirements go to development: what, to whom, when, and the ticket."""
    scope.require(Action.update)
    req = _get(scope, opportunity_id)
    try:
        engine.check_transition(Status(req.status), Status.handed_off)
    except FlowError as exc:
        raise Conflict(str(exc) + " Approve them before handing them off.", "status") \
            from None
    try:
        url = engine.check_url(body.tracker_url)
    except ValueError as exc:
        raise Invalid(str(exc), "tracker_url") from None
    to_name = body.to_name
    if body.to_user_id is not None:
        user = next((u for u in members(scope) if u.id == body.to_user_id), None)
        if user is None:
            raise Invalid(f"User {body.to_user_id} is not a member of this workspace.",
                          "to_user_id")
        to_name = to_name or user.name or user.email
    if not to_name:
        raise Invalid("Say whom the requirements go to: a member or a named person.",
                      "to_name")
    req.handoff_what, req.handoff_user_id, req.handoff_to = body.what, body.to_user_id, to_name
    req.handoff_by, req.handoff_at, req.tracker_url = scope.actor.label[:254], utcnow(), url
    req.status = Status.handed_off.value
    scope.session.flush()
    events.record(scope, "updated", KIND, req.id, req.title,
                  {"status": [Status.approved.value, Status.handed_off.value],
                   "handoff_to": [None, to_name], "tracker_url": [None, url or None]})
    return req


def _customer(item: Evidence | None) -> str:
    if item is None:
        return ""
    return item.customer_company or item.customer_contact


def public(scope: Scope, req: Requirement) -> RequirementPublic:
    """The document with its citations checked against the evidence as it is now."""
    raw = list(req.problem_citations or [])
    for story in req.stories or []:
        raw += list(story.get("citations") or [])
    found = _texts(scope, {int(c["evidence_id"]) for c in raw})
    texts = {i: e.text for i, e in found.items()}

    def cited(items: list[dict[str, Any]]) -> list[CitationPublic]:
        out = []
        for c in items:
            checked = engine.check_citation(int(c["evidence_id"]), str(c["quote"]), texts)
            out.append(CitationPublic(evidence_id=checked.evidence_id, quote=checked.quote,
                                      state=checked.state,
                                      customer=_customer(found.get(checked.evidence_id))))
        return out

    stories = [StoryPublic(as_a=s.get("as_a", ""), i_want=s.get("i_want", ""),
                           so_that=s.get("so_that", ""), acceptance=list(s.get("acceptance", [])),
                           citations=cited(list(s.get("citations") or [])))
               for s in req.stories or []]
    problem = cited(list(req.problem_citations or []))
    personas = [PersonaRef(id=p.id, name=p.name) for p in scope.session.scalars(
        select(Persona).join(RequirementPersona, RequirementPersona.persona_id == Persona.id)
        .where(RequirementPersona.requirement_id == req.id).order_by(Persona.name))]
    opp = scope.session.get(Opportunity, req.opportunity_id)
    missing = sum(1 for c in [*problem, *(c for s in stories for c in s.citations)]
                  if c.state is not CitationState.ok)
    return RequirementPublic(
        id=req.id, opportunity_id=req.opportunity_id,
        opportunity_title=opp.title if opp else "", title=req.title, problem=req.problem,
        problem_citations=problem, personas=personas, stories=stories,
        non_goals=list(req.non_goals or []),
        metrics=[Metric.model_construct(**m) for m in req.metrics or []],
        status=Status(req.status), approved_by=req.approved_by, approved_at=req.approved_at,
        handoff_what=req.handoff_what, handoff_to=req.handoff_to,
        handoff_user_id=req.handoff_user_id, handoff_by=req.handoff_by,
        handoff_at=req.handoff_at, tracker_url=req.tracker_url, owner_id=req.owner_id,
        owner=(_person_name(scope, req.owner_id) if req.owner_id else ""),
        created_at=req.created_at,
        updated_at=req.updated_at, missing_citations=missing)


def _person_name(scope: Scope, person_id: int) -> str:
    person = scope.owned(Person, person_id)
    return person.name if person else ""


def document(scope: Scope, opportunity_id: int) -> RequirementPublic:
    return public(scope, _get(scope, opportunity_id))


def all_requirements(scope: Scope) -> list[tuple[Requirement, str]]:
    """Every requirements document of the workspace with its opportunity's title."""
    scope.require(Action.read)
    return [(r, t) for r, t in scope.session.execute(
        select(Requirement, Opportunity.title)
        .join(Opportunity, Opportunity.id == Requirement.opportunity_id)
        .where(Requirement.workspace_id == scope.workspace_id)
        .order_by(Requirement.updated_at.desc())).tuples()]
