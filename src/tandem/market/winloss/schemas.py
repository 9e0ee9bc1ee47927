"""Shapes of win/loss on the API: a deal to record, a deal, and the report."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from tandem.market.winloss.calc import Outcome
from tandem.schema import Id, Name, ShortText, Strict

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class DealCreate(Strict):
    name: Name
    outcome: Outcome
    company: ShortText = ""
    competitor_id: Id | None = None
    segment_id: Id | None = None
    amount: Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)] | None = None
    closed_on: date | None = None
    reasons: Annotated[list[Line], Field(max_length=20)] = Field(default_factory=list)
    quote: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] = ""
    interviewee_role: ShortText = ""


class DealPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    outcome: Outcome
    company: str
    competitor_id: int | None
    segment_id: int | None
    amount: float | None
    closed_on: date | None
    reasons: list[str]
    quote: str
    interviewee_role: str
    evidence_ids: list[int]
    created_at: datetime


class RateOut(BaseModel):
    label: str
    won: int
    lost: int
    no_decision: int
    win_rate_excluding_no_decision: float | None
    win_rate_including_no_decision: float | None


class ReasonOut(BaseModel):
    reason: str
    count: int
    quotes: list[str]


class ReportOut(BaseModel):
    overall: RateOut
    by_competitor: list[RateOut]
    by_segment: list[RateOut]
    by_size: list[RateOut]
    by_quarter: list[RateOut]
    why_we_win: list[ReasonOut]
    why_we_lose: list[ReasonOut]


class ImportReport(BaseModel):
    created: int
