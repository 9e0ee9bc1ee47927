"""Shapes of the lifecycle API: a product's phase, its drivers and navigators, its routes."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from tandem.roles.assignment import Phase
from tandem.schema import MAX_ID, Strict


class PhaseRowPublic(BaseModel):
    phase: str
    driver_id: int | None
    driver: str
    navigator_id: int | None
    navigator: str
    current: bool


class RoutePublic(BaseModel):
    kind: str
    label: str
    phase: str
    owner_id: int | None
    owner: str
    fallback: bool


class LifecyclePublic(BaseModel):
    product_id: int
    product: str
    phase: str | None
    since: date | None
    phases: list[PhaseRowPublic]
    routes: list[RoutePublic]
    handed_over: int = 0


class PhaseBody(Strict):
    phase: Phase = Field(title="Phase")


class OwnersBody(Strict):
    phase: Phase = Field(title="Phase")
    driver_id: int | None = Field(default=None, ge=1, le=MAX_ID, title="Driver")
    navigator_id: int | None = Field(default=None, ge=1, le=MAX_ID, title="Navigator")
