"""Opportunity: a market problem or idea worth solving, backed by evidence."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field
from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.schema import Name, Strict, long_text
from tandem.schema import Text as TextField
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


class OpportunityCreate(Strict):
    title: Name
    problem: TextField = long_text("Problem")
    status: OpportunityStatus = Field(default=OpportunityStatus.new, title="Status")


opportunities: Resource[Opportunity] = Resource(
    name="opportunities",
    label="Opportunity",
    plural="Opportunities",
    model=Opportunity,
    create_schema=OpportunityCreate,
    title_field="title",
    unique=("title",),
    search=("title", "problem"),
    filters={"status": Opportunity.status},
    order_by=(Opportunity.title,),
)
