"""Shared set-up for the outbound suites: a product, a persona, competitors and evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.release import ReleaseCreate, releases
from tandem.market.competitor import CompetitorCreate, competitors
from tandem.market.persona import PersonaCreate, personas
from tandem.market.product import ProductCreate, products
from tandem.market.segment import SegmentCreate, segments
from tandem.scope import Scope


@dataclass
class Market:
    product: int
    segment: int
    persona: int
    release: int
    quote: int  # evidence from Harbor Clinic
    other_quote: int  # evidence from Elm Dental
    old_quote: int  # two years old
    win_loss: int  # a win/loss record


def market(scope: Scope) -> Market:
    product = products.create(scope, ProductCreate(name="Shiftwell")).id
    segment = segments.create(scope, SegmentCreate(name="Clinics")).id
    persona = personas.create(scope, PersonaCreate(name="Ops Olivia", segment_id=segment)).id
    competitors.create(scope, CompetitorCreate(name="Deputy"))
    release = releases.create(scope, ReleaseCreate(name="Swap Center")).id

    def quote(text: str, company: str, days: int = 10, source: str = "interview") -> int:
        body = EvidenceCreate(text=text, customer_company=company, source=source,
                              received_on=date.today() - timedelta(days=days))
        return evidence.create(scope, body).id

    return Market(product, segment, persona, release,
                  quote("Payroll takes me ten minutes now", "Harbor Clinic"),
                  quote("We stopped texting about swaps", "Elm Dental"),
                  quote("Rotas were a nightmare", "Harbor Clinic", days=800),
                  quote("Won: payroll export beat Deputy", "Oak Vets", source="win_loss"))
