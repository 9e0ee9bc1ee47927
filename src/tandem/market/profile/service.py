"""What every side knows about a segment or a persona, gathered for its page, API and CLI.

Inbound: the evidence from it (a segment's: evidence tagged with it, from its companies, or
linked by hand; a persona's: from contacts with that persona, or linked by hand), its latest
words, and the opportunities that evidence supports (plus those linked by hand), ranked by
the workspace's default scoring model, else by ARR-weighted demand; sizing models.
Outbound: messaging-matrix rows, messages, launches and campaigns for it (its own, linked by
hand, or a campaign of one of those launches),
assets from those messaging houses and battlecards against the competitors it meets.
Market: its companies (assigned, or meeting its criteria, saying which) and their ARR, the
market size as entered, win/loss in the segment, its personas and pricing surveys.
Read-only; each list is short and links to where the full story is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select

from tandem.inbound.customers.models import Company, Contact
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.scoring import service as scoring
from tandem.inbound.scoring.models import ScoringModel
from tandem.inbound.scoring.schemas import Method
from tandem.loop import links
from tandem.loop.links import Linked
from tandem.loop.models import EvidenceOpportunity
from tandem.market import criteria as rules
from tandem.market.persona import Persona, personas
from tandem.market.pricing.models import PricingSurvey
from tandem.market.segment import Segment, segments
from tandem.market.sizing import service as sizing
from tandem.market.sizing.models import SizingModel
from tandem.market.winloss.calc import Outcome, WinRate
from tandem.market.winloss.models import Deal
from tandem.outbound.assets.models import Asset, AssetKind
from tandem.outbound.campaign import Campaign
from tandem.outbound.launch import Launch
from tandem.outbound.message import Message
from tandem.outbound.messaging.models import MatrixRow, MessagingHouse
from tandem.platform.policy import Action
from tandem.scope import Scope

LATEST = 3
SHOWN = 8  # opportunities and companies listed before "and N more"
LINKED_KINDS = ("evidence", "opportunities", "messages", "launches", "campaigns")


@dataclass
class Fit:
    """A company of a segment: assigned to it, meeting its criteria, or both."""

    company: Company
    assigned: bool
    matched: bool

    @property
    def why(self) -> str:
        if self.assigned and self.matched:
            return "assigned, meets criteria"
        return "assigned" if self.assigned else "meets criteria"


@dataclass
class Ranked:
    """An opportunity the segment or persona cares about, with its score and demand."""

    id: int
    title: str
    status: str
    score: float | None
    demand: float
    rank: int | None
    evidence_here: int  # pieces of this segment's or persona's evidence behind it
    by_hand: bool


@dataclass
class MatrixLine:
    row: MatrixRow
    house: str
    persona: str


@dataclass
class Known:
    kind: str = "segments"
    # inbound
    evidence_count: int = 0
    latest: list[Evidence] = field(default_factory=list)
    opportunities: list[Ranked] = field(default_factory=list)
    ranked_by: str = ""
    sizing: list[tuple[SizingModel, list[tuple[str, float]]]] = field(default_factory=list)
    # outbound
    matrix: list[MatrixLine] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    launches: list[Launch] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    # market
    segment: Segment | None = None
    criteria: str = ""
    companies: list[Fit] = field(default_factory=list)
    arr: int = 0
    market_size: int | None = None
    market_size_source: str = ""
    winloss: WinRate = field(default_factory=WinRate)
    personas: list[Persona] = field(default_factory=list)
    surveys: list[PricingSurvey] = field(default_factory=list)
    # links made by hand, by kind, for the page's unlink buttons and the API
    by_hand: dict[str, list[Linked]] = field(default_factory=dict)

    @property
    def assigned(self) -> int:
        return sum(1 for f in self.companies if f.assigned)

    @property
    def matched(self) -> int:
        return sum(1 for f in self.companies if f.matched)

    @property
    def coverage(self) -> float | None:
        """The share of the market's companies we know (in this segment)."""
        if not self.market_size:
            return None
        return len(self.companies) / self.market_size


def companies_of(scope: Scope, segment: Segment) -> list[Fit]:
    """The segment's companies, largest ARR first: assigned ones and those meeting its
    criteria (stored criteria were checked when saved)."""
    found = rules.check(segment.criteria or [])
    rows = scope.session.scalars(select(Company).where(
        Company.workspace_id == scope.workspace_id)).all()
    fits = []
    for company in rows:
        assigned = company.segment_id == segment.id
        matched = rules.matches(found, rules.facts_of(company))
        if assigned or matched:
            fits.append(Fit(company, assigned, matched))
    fits.sort(key=lambda f: (-(f.company.arr or 0), f.company.name.lower()))
    return fits


def _by_hand(scope: Scope, kind: str, obj_id: int) -> dict[str, list[Linked]]:
    return {target: links.linked(scope, kind, {obj_id}, target)[obj_id]
            for target in LINKED_KINDS}


def _evidence(scope: Scope, where: Any, hand: list[Linked], known: Known) -> set[int]:
    ids = set(scope.session.scalars(select(Evidence.id).where(
        Evidence.workspace_id == scope.workspace_id, where)).all())
    ids |= {item.id for item in hand}
    known.evidence_count = len(ids)
    if ids:
        known.latest = list(scope.session.scalars(select(Evidence).where(
            Evidence.id.in_(ids)).order_by(Evidence.received_on.desc(), Evidence.id.desc())
            .limit(LATEST)).all())
    return ids


def _opportunities(scope: Scope, evidence_ids: set[int], hand: list[Linked],
                   known: Known) -> None:
    behind: dict[int, int] = {}
    if evidence_ids:
        for opp_id, count in scope.session.execute(
                select(EvidenceOpportunity.opportunity_id, func.count())
                .where(EvidenceOpportunity.workspace_id == scope.workspace_id,
                       EvidenceOpportunity.evidence_id.in_(evidence_ids))
                .group_by(EvidenceOpportunity.opportunity_id)).all():
            behind[opp_id] = count
    wanted = set(behind) | {item.id for item in hand}
    if not wanted:
        return
    model = scoring.default_model(scope)
    if model is None:  # rank by demand, without saving a model the team did not choose
        model = ScoringModel(name="demand", method=Method.demand.value, formula="")
    known.ranked_by = model.name if model.id else "ARR-weighted demand"
    by_hand = {item.id for item in hand}
    for row in scoring.rank(scope, model):
        opp = row.opportunity
        if opp.id in wanted:
            known.opportunities.append(Ranked(
                opp.id, opp.title, opp.status, row.score, row.demand, row.rank,
                behind.get(opp.id, 0), opp.id in by_hand))


def _outbound(scope: Scope, persona_ids: list[int], segment_id: int | None,
              hand: dict[str, list[Linked]], known: Known) -> None:
    session, ws = scope.session, scope.workspace_id
    whose: list[ColumnElement[bool]] = \
        [MatrixRow.persona_id.in_(persona_ids)] if persona_ids else []
    if segment_id is not None and known.kind == "segments":
        whose.append(MatrixRow.segment_id == segment_id)
    if whose:
        for row, house, persona in session.execute(
                select(MatrixRow, MessagingHouse.name, Persona.name)
                .join(MessagingHouse, MessagingHouse.id == MatrixRow.house_id)
                .join(Persona, Persona.id == MatrixRow.persona_id)
                .where(MatrixRow.workspace_id == ws, or_(*whose))
                .order_by(MessagingHouse.name, Persona.name, MatrixRow.id)).all():
            known.matrix.append(MatrixLine(row, house, persona))
    message_ids = {item.id for item in hand["messages"]}
    if persona_ids:
        message_ids |= set(session.scalars(select(Message.id).where(
            Message.workspace_id == ws, Message.persona_id.in_(persona_ids))).all())
    if message_ids:
        known.messages = list(session.scalars(select(Message).where(
            Message.id.in_(message_ids)).order_by(Message.title)).all())
    launch_ids = {item.id for item in hand["launches"]}
    launch_ids |= {m.launch_id for m in known.messages if m.launch_id is not None}
    if launch_ids:
        known.launches = list(session.scalars(select(Launch).where(
            Launch.id.in_(launch_ids)).order_by(Launch.launch_date, Launch.name)).all())
    # Campaigns: linked by hand, or running for one of its launches.
    campaign_ids = {item.id for item in hand["campaigns"]}
    if launch_ids:
        campaign_ids |= set(session.scalars(select(Campaign.id).where(
            Campaign.workspace_id == ws, Campaign.launch_id.in_(launch_ids))).all())
    if campaign_ids:
        known.campaigns = list(session.scalars(select(Campaign).where(
            Campaign.id.in_(campaign_ids)).order_by(Campaign.start_on, Campaign.name)).all())
    houses = {line.row.house_id for line in known.matrix}
    competitors: set[int] = set()
    if segment_id is not None:
        competitors = {c for c in session.scalars(select(Deal.competitor_id).where(
            Deal.workspace_id == ws, Deal.segment_id == segment_id)).all() if c is not None}
    clauses: list[ColumnElement[bool]] = []
    if houses:
        clauses.append(Asset.house_id.in_(houses))
    if competitors:
        clauses.append((Asset.kind == AssetKind.battlecard.value)
                       & Asset.competitor_id.in_(competitors))
    if clauses:
        known.assets = list(session.scalars(select(Asset).where(
            Asset.workspace_id == ws, or_(*clauses)).order_by(Asset.kind, Asset.title)).all())


def _market(scope: Scope, segment: Segment, known: Known) -> None:
    session, ws = scope.session, scope.workspace_id
    known.segment = segment
    known.criteria = rules.describe(rules.check(segment.criteria or []))
    known.companies = companies_of(scope, segment)
    known.arr = sum(f.company.arr or 0 for f in known.companies)
    known.market_size = segment.market_size
    known.market_size_source = segment.market_size_source
    for outcome in session.scalars(select(Deal.outcome).where(
            Deal.workspace_id == ws, Deal.segment_id == segment.id)).all():
        known.winloss.add(Outcome(outcome))
    known.personas = list(session.scalars(select(Persona).where(
        Persona.workspace_id == ws, Persona.segment_id == segment.id)
        .order_by(Persona.name)).all())
    known.surveys = list(session.scalars(select(PricingSurvey).where(
        PricingSurvey.workspace_id == ws, PricingSurvey.segment_id == segment.id)
        .order_by(PricingSurvey.name)).all())
    for model in sizing.list_models(scope, segment.id):
        base = sizing.figures(model).scenarios["base"]
        known.sizing.append((model, [(f.name, f.value) for f in base]))


def for_segment(scope: Scope, segment_id: int) -> Known:
    scope.require(Action.read)
    segment = segments.get(scope, segment_id)
    known = Known(kind="segments")
    known.by_hand = _by_hand(scope, "segments", segment_id)
    _market(scope, segment, known)
    assigned = [f.company.id for f in known.companies if f.assigned]
    where = or_(Evidence.segment_id == segment_id, Evidence.company_id.in_(assigned)) \
        if assigned else Evidence.segment_id == segment_id
    evidence_ids = _evidence(scope, where, known.by_hand["evidence"], known)
    _opportunities(scope, evidence_ids, known.by_hand["opportunities"], known)
    _outbound(scope, [p.id for p in known.personas], segment_id, known.by_hand, known)
    return known


def for_persona(scope: Scope, persona_id: int) -> Known:
    """A persona's own evidence, opportunities and outbound work, and its segment's market."""
    scope.require(Action.read)
    persona = personas.get(scope, persona_id)
    known = Known(kind="personas")
    known.by_hand = _by_hand(scope, "personas", persona_id)
    if persona.segment_id is not None:
        _market(scope, segments.get(scope, persona.segment_id), known)
        known.personas = [p for p in known.personas if p.id != persona_id]
    contacts = select(Contact.id).where(Contact.workspace_id == scope.workspace_id,
                                        Contact.persona_id == persona_id)
    evidence_ids = _evidence(scope, Evidence.contact_id.in_(contacts),
                             known.by_hand["evidence"], known)
    _opportunities(scope, evidence_ids, known.by_hand["opportunities"], known)
    _outbound(scope, [persona_id], persona.segment_id, known.by_hand, known)
    return known
