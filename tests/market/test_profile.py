"""Segment and persona pages gather what inbound, outbound and market work know."""

from __future__ import annotations

from tandem.accounts.models import User
from tandem.demo.market import CLINICS_TOP_DOWN
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.market.persona import PersonaCreate, personas
from tandem.market.profile import service
from tandem.market.segment import SegmentCreate, segments
from tandem.market.sizing import service as sizing
from tandem.market.sizing.schemas import SizingCreate
from tandem.outbound.message import MessageCreate, messages
from tandem.runtime import Runtime
from tandem.scope import Scope
from tests.web.conftest import (  # noqa: F401  (fixtures)
    Browser,
    browser,
    client,
    owner_scope,
    rt,
    signed_in,
    user,
    ws,
)


def _seed(scope: Scope) -> tuple[int, int]:
    seg = segments.create(scope, SegmentCreate(name="Clinics")).id
    olivia = personas.create(scope, PersonaCreate(name="Operations Olivia", segment_id=seg)).id
    personas.create(scope, PersonaCreate(name="Payroll Priya", segment_id=seg))
    evidence.create(scope, EvidenceCreate(text="Cover for sick days takes hours",
                                          segment_id=seg))
    messages.create(scope, MessageCreate(title="Cover in minutes", body="...",
                                         persona_id=olivia))
    sizing.create(scope, SizingCreate.model_validate({
        "name": "Clinics EU", "method": "top_down", "inputs": CLINICS_TOP_DOWN,
        "segment_id": seg}))
    return seg, olivia


def test_segment_and_persona_knowledge(scope: Scope) -> None:
    seg, olivia = _seed(scope)
    known = service.for_segment(scope, seg)
    assert known.evidence_count == 1
    assert [p.name for p in known.personas] == ["Operations Olivia", "Payroll Priya"]
    assert [m.title for m in known.messages] == ["Cover in minutes"]
    assert known.sizing[0][1][0] == ("TAM", 3.6e9 * 0.30)
    persona = service.for_persona(scope, olivia)
    assert [p.name for p in persona.personas] == ["Payroll Priya"]
    assert persona.evidence_count == 1


def test_the_segment_page_shows_every_side(signed_in: Browser, rt: Runtime,  # noqa: F811
                                           user: User) -> None:  # noqa: F811
    with owner_scope(rt, user) as scope:
        seg, olivia = _seed(scope)
    page = signed_in.get(f"/w/acme/segments/{seg}").text
    assert "What every side knows" in page and "1 piece of evidence" in page
    assert "Cover in minutes" in page and "Clinics EU" in page and "TAM 1.08bn" in page
    assert "Payroll Priya" in signed_in.get(f"/w/acme/personas/{olivia}").text
