"""Request and response shapes of the loop routes."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from tandem.loop.links import LinkedPublic
from tandem.schema import Id, Strict

Kind = Annotated[str, Field(max_length=40, description="A kind, e.g. evidence")]


class LinkRequest(Strict):
    from_type: Kind
    from_id: Id
    to_type: Kind
    to_id: Id
    importance: int | None = Field(default=None, ge=0, le=3)


class TracePublic(BaseModel):
    upstream: dict[str, list[LinkedPublic]]
    downstream: dict[str, list[LinkedPublic]]
    backing: list[LinkedPublic]


class HitPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    type: str
    label: str
    id: int
    title: str


class AttentionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    side: str
    message: str
    href: str


class OverviewPublic(BaseModel):
    counts: dict[str, int]
    roadmap: dict[str, list[str]]
    attention: list[AttentionPublic]
