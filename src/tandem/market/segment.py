"""A market segment: a group of buyers with a shared problem, sized later as TAM/SAM/SOM.

Its criteria (field / operator / value rows, see `tandem.market.criteria`) say which
companies fit it; its size is the number of companies in the market, as entered, with where
that figure comes from. Companies belong to it when assigned (their `segment_id`) or when
they meet the criteria; `tandem.market.profile` says which.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.market.criteria import MAX_ROWS, MAX_VALUE, CriteriaError, CriterionField, Operator
from tandem.market.criteria import check as check_criteria
from tandem.schema import Name, Strict, long_text
from tandem.schema import Text as TextField
from tandem.storage.base import Base, WorkspaceOwned

SOURCE_LENGTH = 500
MAX_MARKET_SIZE = 1_000_000_000


class Segment(WorkspaceOwned, Base):
    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    criteria: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    market_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    market_size_source: Mapped[str] = mapped_column(String(SOURCE_LENGTH), default="")


class CriterionIn(Strict):
    """One row: e.g. employees between 50-500, or industry one of 'Retail, Hospitality'."""

    field: CriterionField = Field(title="Field")
    op: Operator = Field(title="Operator")
    value: str = Field(title="Value", min_length=1, max_length=MAX_VALUE)


class SegmentCreate(Strict):
    name: Name
    description: TextField = long_text("Description")
    criteria: list[CriterionIn] = Field(
        default_factory=list, max_length=MAX_ROWS, title="Criteria",
        description="Rows of field, operator and value; a company must meet all of them.",
        json_schema_extra={"widget": "own"})
    market_size: int | None = Field(
        default=None, ge=0, le=MAX_MARKET_SIZE, title="Companies in the market",
        description="How many companies in the whole market fit the segment.",
        json_schema_extra={"widget": "own"})
    market_size_source: str = Field(
        default="", max_length=SOURCE_LENGTH, title="Source of the market size",
        description="Where the figure comes from: a report, a registry count, an estimate.",
        json_schema_extra={"widget": "own"})


def _criteria_rule(values: dict[str, Any] | Any) -> None:
    rows = values.get("criteria") or []
    try:
        check_criteria([r if isinstance(r, dict) else r.model_dump() for r in rows])
    except CriteriaError as exc:
        raise Invalid(exc.message, exc.where) from None


segments: Resource[Segment] = Resource(
    name="segments",
    label="Segment",
    plural="Segments",
    model=Segment,
    create_schema=SegmentCreate,
    title_field="name",
    unique=("name",),
    search=("name", "description"),
    order_by=(Segment.name,),
    rules=(_criteria_rule,),
)
