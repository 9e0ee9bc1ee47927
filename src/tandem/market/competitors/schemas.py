"""Shapes of competitor intelligence on the API: aliases, mentions, changes, a profile."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from tandem.market.competitors.models import ChangeKind, MentionStatus
from tandem.market.packaging.models import BillingPeriod, PriceUnit
from tandem.schema import Strict

Alias = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100)]


class AliasCreate(Strict):
    alias: Alias


class ChangeCreate(Strict):
    happened_on: date
    kind: ChangeKind = ChangeKind.other
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=500)]
    source: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = Field(
        default="", description="Where it was seen: a link or a note")


class ChangePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    competitor_id: int
    happened_on: date
    kind: ChangeKind
    summary: str
    source: str


class MentionPublic(BaseModel):
    id: int
    competitor_id: int
    evidence_id: int
    matched: str
    status: MentionStatus
    text: str
    customer_company: str
    received_on: date
    created_at: datetime


class ScanReport(BaseModel):
    scanned: int
    linked: int


class ProfilePublic(BaseModel):
    competitor_id: int
    name: str
    aliases: list[str]
    linked: int
    rejected: int
    timeline: list[ChangePublic]


class PriceObserved(Strict):
    """A competitor's plan at one price point, as seen on their pricing page."""

    plan: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                           max_length=100)] = Field(title="Plan")
    amount: Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)] | None = Field(
        default=None, title="Price", description="Empty when they do not publish it.")
    currency: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True,
                                               pattern=r"^([A-Za-z]{3})?$",
                                               max_length=3)] = Field(default="",
                                                                      title="Currency")
    period: BillingPeriod = Field(default=BillingPeriod.monthly, title="Billing period")
    unit: PriceUnit = Field(default=PriceUnit.flat, title="Per seat or flat")
    included: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] = \
        Field(default="", title="What is included")
    source_url: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = \
        Field(default="", title="Source URL")
    observed_on: date = Field(title="Seen on")


class PricePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    competitor_id: int
    plan: str
    amount: float | None
    currency: str
    period: BillingPeriod
    unit: PriceUnit
    included: str
    source_url: str
    observed_on: date
    label: str = ""
