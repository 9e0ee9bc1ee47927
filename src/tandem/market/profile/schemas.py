"""The API's shape of what every side knows about a segment or persona."""

from __future__ import annotations

from pydantic import BaseModel

from tandem.loop.links import LinkedPublic


class QuotePublic(BaseModel):
    evidence_id: int
    text: str
    company: str


class RankedPublic(BaseModel):
    id: int
    title: str
    status: str
    score: float | None
    demand: float
    rank: int | None
    evidence_here: int
    by_hand: bool


class MatrixLinePublic(BaseModel):
    id: int
    house: str
    persona: str
    pain: str
    key_message: str
    call_to_action: str


class TitledPublic(BaseModel):
    id: int
    title: str


class CompanyFitPublic(BaseModel):
    id: int
    name: str
    arr: int | None
    assigned: bool
    meets_criteria: bool


class WinLossPublic(BaseModel):
    won: int
    lost: int
    no_decision: int
    win_rate_excluding_no_decision: float | None
    win_rate_including_no_decision: float | None


class SizingFigurePublic(BaseModel):
    id: int
    name: str
    base: dict[str, float]


class InboundPublic(BaseModel):
    evidence: int
    latest: list[QuotePublic]
    opportunities: list[RankedPublic]
    ranked_by: str
    sizing: list[SizingFigurePublic]


class OutboundPublic(BaseModel):
    matrix: list[MatrixLinePublic]
    messages: list[TitledPublic]
    launches: list[TitledPublic]
    campaigns: list[TitledPublic]
    assets: list[TitledPublic]


class MarketPublic(BaseModel):
    segment_id: int | None
    criteria: str
    companies: list[CompanyFitPublic]
    companies_assigned: int
    companies_meeting_criteria: int
    arr: int
    market_size: int | None
    market_size_source: str
    coverage: float | None
    win_loss: WinLossPublic
    personas: list[TitledPublic]
    pricing_surveys: list[TitledPublic]


class ProfilePublic(BaseModel):
    """A segment's or persona's page as data: each side's part, and the links made by hand."""

    kind: str
    id: int
    name: str
    inbound: InboundPublic
    outbound: OutboundPublic
    market: MarketPublic
    linked: dict[str, list[LinkedPublic]]
