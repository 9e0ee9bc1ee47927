"""A buyer or user persona, optionally tied to a segment."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.schema import Name, ShortText, Strict, long_text, ref
from tandem.schema import Text as TextField
from tandem.storage.base import Base, WorkspaceOwned


class Persona(WorkspaceOwned, Base):
    __tablename__ = "personas"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), nullable=True
    )
    description: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    pains: Mapped[str] = mapped_column(Text, default="")


class PersonaCreate(Strict):
    name: Name
    title: ShortText = ""
    segment_id: int | None = ref("Segment")
    description: TextField = long_text("Description")
    goals: TextField = long_text("Goals")
    pains: TextField = long_text("Pains")


personas: Resource[Persona] = Resource(
    name="personas",
    label="Persona",
    plural="Personas",
    model=Persona,
    create_schema=PersonaCreate,
    title_field="name",
    unique=("name",),
    search=("name", "title", "description", "goals", "pains"),
    filters={"segment_id": Persona.segment_id},
    order_by=(Persona.name,),
)
