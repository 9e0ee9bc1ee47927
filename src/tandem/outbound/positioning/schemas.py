"""What a person sends to work a positioning canvas, and what the API answers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from tandem.outbound.positioning.engine import MAX_ALTERNATIVES, MAX_ATTRIBUTES, MAX_PROOFS
from tandem.schema import VERSION_FIELD, Id, ShortText, Strict, ref

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Clause = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]


class CanvasCreate(Strict):
    product_id: int = Field(title="Product", ge=1, le=2**63 - 1)
    segment_id: int | None = ref("Segment")


class AttributeIn(Strict):
    attribute: Line = Field(title="Attribute")
    value: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                            max_length=1000)] = Field(title="Value it enables")
    evidence_ids: list[Id] = Field(default_factory=list, max_length=MAX_PROOFS,
                                   title="Evidence that proves it")


class DraftUpdate(Strict):
    """Any subset of the canvas; each step of the guided flow sends its own fields."""

    alternatives: list[Line] | None = Field(default=None, max_length=MAX_ALTERNATIVES)
    attributes: list[AttributeIn] | None = Field(default=None, max_length=MAX_ATTRIBUTES)
    target: Clause | None = None
    need: Clause | None = None
    category: ShortText | None = None
    trends: Clause | None = None


class VersionCreate(Strict):
    note: ShortText = Field(default="", title="What changed, in a few words")


class StatementsPublic(BaseModel):
    long: str
    short: str


class VersionPublic(BaseModel):
    number: int
    note: str
    author: str
    created_at: datetime
    current: bool
    content: dict[str, Any]
    statements: StatementsPublic | None


class CanvasPublic(BaseModel):
    id: int
    product_id: int
    product: str
    segment_id: int | None
    segment: str | None
    draft: dict[str, Any]
    current_version: int | None
    row_version: int = VERSION_FIELD
    current: VersionPublic | None
    draft_statements: StatementsPublic | None
    draft_problem: str | None = Field(description="Why no statement can be made from the "
                                      "draft yet (the empty step), or null")
    versions: list[VersionPublic]


class DiffRowPublic(BaseModel):
    field: str
    label: str
    before: list[str]
    after: list[str]
    changed: bool
