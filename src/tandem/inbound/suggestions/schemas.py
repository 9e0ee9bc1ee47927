"""The API's shapes for suggested evidence and ranked customer quotes."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from tandem.schema import Id, Strict


class SuggestedItem(BaseModel):
    id: int
    text: str
    customer_company: str
    customer_contact: str
    source: str
    received_on: date
    similarity: float


class SuggestionsPublic(BaseModel):
    opportunity_id: int
    available: bool = Field(description="False until the evidence has vectors.")
    rejected: int = Field(description="How many items were rejected for this opportunity.")
    note: str
    items: list[SuggestedItem]


class AcceptBody(Strict):
    evidence_id: Id
    importance: int | None = Field(default=None, ge=0, le=3,
                                   description="How much it matters to the customer, 0-3.")


class RejectBody(Strict):
    evidence_id: Id


class QuotePublic(BaseModel):
    evidence_id: int
    text: str
    company: str
    importance: int | None
    arr: float | None
    similarity: float | None
    score: float
