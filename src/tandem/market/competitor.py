"""A competitor or competitive alternative (including "do nothing" or spreadsheets)."""

from __future__ import annotations

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.schema import Name, ShortText, Strict, long_text
from tandem.schema import Text as TextField
from tandem.storage.base import Base, WorkspaceOwned


class Competitor(WorkspaceOwned, Base):
    __tablename__ = "competitors"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    website: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    weaknesses: Mapped[str] = mapped_column(Text, default="")


class CompetitorCreate(Strict):
    name: Name
    website: ShortText = ""
    description: TextField = long_text("Description")
    strengths: TextField = long_text("Strengths")
    weaknesses: TextField = long_text("Weaknesses")


competitors: Resource[Competitor] = Resource(
    name="competitors",
    label="Competitor",
    plural="Competitors",
    model=Competitor,
    create_schema=CompetitorCreate,
    title_field="name",
    unique=("name",),
    search=("name", "description", "strengths", "weaknesses"),
    order_by=(Competitor.name,),
)
