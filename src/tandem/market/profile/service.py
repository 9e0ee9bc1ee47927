"""What every side knows about a segment or a persona, gathered for its page.

Inbound: the evidence from the segment (how much, the latest words). Outbound: the
messages written for its personas. Market: its personas, sizing models and pricing surveys.
Read-only; each list is short and links to where the full story is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from tandem.inbound.evidence.models import Evidence
from tandem.market.persona import Persona, personas
from tandem.market.pricing.models import PricingSurvey
from tandem.market.segment import segments
from tandem.market.sizing import service as sizing
from tandem.market.sizing.models import SizingModel
from tandem.outbound.message import Message
from tandem.platform.policy import Action
from tandem.scope import Scope

LATEST = 3


@dataclass
class Known:
    evidence_count: int = 0
    latest: list[Evidence] = field(default_factory=list)
    personas: list[Persona] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    sizing: list[tuple[SizingModel, list[tuple[str, float]]]] = field(default_factory=list)
    surveys: list[PricingSurvey] = field(default_factory=list)


def for_segment(scope: Scope, segment_id: int) -> Known:
    scope.require(Action.read)
    segments.get(scope, segment_id)
    session, ws = scope.session, scope.workspace_id
    known = Known()
    where = (Evidence.workspace_id == ws, Evidence.segment_id == segment_id)
    known.evidence_count = session.scalar(select(func.count(Evidence.id)).where(*where)) or 0
    known.latest = list(session.scalars(select(Evidence).where(*where).order_by(
        Evidence.received_on.desc(), Evidence.id.desc()).limit(LATEST)).all())
    known.personas = list(session.scalars(select(Persona).where(
        Persona.workspace_id == ws, Persona.segment_id == segment_id)
        .order_by(Persona.name)).all())
    if known.personas:
        known.messages = list(session.scalars(select(Message).where(
            Message.workspace_id == ws,
            Message.persona_id.in_([p.id for p in known.personas]))
            .order_by(Message.title)).all())
    for model in sizing.list_models(scope, segment_id):
        base = sizing.figures(model).scenarios["base"]
        known.sizing.append((model, [(f.name, f.value) for f in base]))
    known.surveys = list(session.scalars(select(PricingSurvey).where(
        PricingSurvey.workspace_id == ws, PricingSurvey.segment_id == segment_id)
        .order_by(PricingSurvey.name)).all())
    return known


def for_persona(scope: Scope, persona_id: int) -> Known:
    """A persona's segment story, plus the messages written for the persona itself."""
    persona = personas.get(scope, persona_id)
    known = for_segment(scope, persona.segment_id) if persona.segment_id else Known()
    known.messages = list(scope.session.scalars(select(Message).where(
        Message.workspace_id == scope.workspace_id, Message.persona_id == persona_id)
        .order_by(Message.title)).all())
    known.personas = [p for p in known.personas if p.id != persona_id]
    return known
