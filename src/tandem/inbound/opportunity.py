"""Opportunity: a market problem or idea worth solving, backed by evidence."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator
from sqlalchemy import (
    ColumnElement,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    exists,
)
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.inbound.scoring.calc import Impact
from tandem.schema import Name, Strict, long_text, ref
from tandem.schema import Text as TextField
from tandem.scope import Scope
from tandem.storage.base import Base, WorkspaceOwned


class OpportunityStatus(StrEnum):
    new = "new"
    exploring = "exploring"
    validated = "validated"
    planned = "planned"
    parked = "parked"


class Opportunity(WorkspaceOwned, Base):
    __tablename__ = "opportunities"
    __table_args__ = (UniqueConstraint("workspace_id", "title"),)
    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(32), default=OpportunityStatus.new.value)
    # Scoring inputs (see tandem.inbound.scoring): None means "not estimated yet".
    reach: Mapped[int | None] = mapped_column(Integer, nullable=True)
    impact: Mapped[str | None] = mapped_column(String(16), nullable=True)
    confidence: Mapped[int | None] = mapped_column(Integer, nullable=True)
    effort: Mapped[float | None] = mapped_column(Float, nullable=True)
    business_value: Mapped[int | None] = mapped_column(Integer, nullable=True)
    time_criticality: Mapped[int | None] = mapped_column(Integer, nullable=True)
    risk_reduction: Mapped[int | None] = mapped_column(Integer, nullable=True)
    job_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Who carries it; a new one goes to the development-phase driver (tandem.roles.phases).
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True)


_RELATIVE = "Relative size, 1 to 100; a Fibonacci scale (1, 2, 3, 5, 8, 13, 20) works well."


class OpportunityCreate(Strict):
    title: Name
    problem: TextField = long_text("Problem")
    status: OpportunityStatus = Field(default=OpportunityStatus.new, title="Status")
    reach: int | None = Field(
        default=None, ge=0, le=1_000_000_000, title="Reach",
        description="RICE: people or accounts affected per quarter.")
    impact: Impact | None = Field(
        default=None, title="Impact",
        description="RICE: massive 3, high 2, medium 1, low 0.5, minimal 0.25.")
    confidence: int | None = Field(
        default=None, ge=0, le=100, title="Confidence (%)",
        description="RICE: how sure the estimates are, 0 to 100 (100, 80 and 50 are usual).")
    effort: float | None = Field(
        default=None, gt=0, le=10_000, title="Effort (person-months)",
        description="RICE: person-months of work across every team; more than 0.")
    business_value: int | None = Field(default=None, ge=1, le=100, title="Business value",
                                       description="WSJF. " + _RELATIVE)
    time_criticality: int | None = Field(default=None, ge=1, le=100, title="Time criticality",
                                         description="WSJF. " + _RELATIVE)
    risk_reduction: int | None = Field(
        default=None, ge=1, le=100, title="Risk reduction / opportunity enablement",
        description="WSJF. " + _RELATIVE)
    job_size: int | None = Field(default=None, ge=1, le=100, title="Job size",
                                 description="WSJF. " + _RELATIVE)
    owner_id: int | None = ref("Owner")

    @field_validator("effort")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("effort must be a finite number")
        return value


def _backed(raw: str) -> ColumnElement[bool]:
    """backed=yes: opportunities with evidence linked; backed=no: those with none."""
    from tandem.loop.models import EvidenceOpportunity

    if raw not in {"yes", "no"}:
        raise Invalid("Filter 'backed' takes yes or no.", "backed")
    backed = exists().where(EvidenceOpportunity.opportunity_id == Opportunity.id)
    return backed if raw == "yes" else ~backed


def _default_owner(scope: Scope, values: dict[str, Any], obj: Any) -> None:
    """A new opportunity with no owner goes to the development-phase driver."""
    from tandem.roles.phases.service import default_owner  # roles reads opportunities

    if obj is None and values.get("owner_id") is None:
        values["owner_id"] = default_owner(scope, "opportunities")


opportunities: Resource[Opportunity] = Resource(
    name="opportunities",
    label="Opportunity",
    plural="Opportunities",
    model=Opportunity,
    create_schema=OpportunityCreate,
    title_field="title",
    unique=("title",),
    search=("title", "problem"),
    filters={"status": Opportunity.status, "impact": Opportunity.impact,
             "owner_id": Opportunity.owner_id, "backed": _backed},
    order_by=(Opportunity.title,),
    prepare=_default_owner,
)
