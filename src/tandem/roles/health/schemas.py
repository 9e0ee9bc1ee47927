"""Shapes of the loop-health API."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tandem.roles.health.service import MAX_DUE_WEEKS
from tandem.schema import Strict


class ItemPublic(BaseModel):
    label: str
    url: str


class FixPublic(BaseModel):
    label: str
    url: str


class AlarmPublic(BaseModel):
    code: str
    group: str
    level: str
    title: str
    clear: str = Field(description="How to clear it")
    view: str = Field(description="The page listing its items")
    items: list[ItemPublic]
    fix: FixPublic | None = Field(description="The action that clears it, when the caller "
                                  "may take it")


class ReleasePacePublic(BaseModel):
    release_id: int
    name: str
    outbound_after_inbound_days: int | None
    lead_days: int | None = Field(description="Days from the start of outbound work to the "
                                  "end of development; positive means in parallel")
    before_done: bool | None
    quarter: str


class QuarterPublic(BaseModel):
    quarter: str
    early: int
    total: int
    percent: int


class ParallelismPublic(BaseModel):
    share: float | None
    early: int
    decided: int
    releases: list[ReleasePacePublic]
    trend: list[QuarterPublic]


class BalancePublic(BaseModel):
    name: str
    inbound: int
    outbound: int
    outbound_share: float | None
    expected_outbound: float | None


class HealthPublic(BaseModel):
    errors: int
    warnings: int
    due_weeks: int
    preset: str
    alarms: list[AlarmPublic]
    parallelism: ParallelismPublic
    balance: list[BalancePublic]
    team: BalancePublic


class HealthSettingsBody(Strict):
    due_weeks: int = Field(ge=1, le=MAX_DUE_WEEKS, title="Warning window (weeks)",
                           description="A release due within this many weeks needs its "
                           "launch, positioning and approved messaging")
