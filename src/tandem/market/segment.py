"""A market segment: a group of buyers with a shared problem, sized later as TAM/SAM/SOM."""

from __future__ import annotations

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.schema import Name, Strict, long_text
from tandem.schema import Text as TextField
from tandem.storage.base import Base, WorkspaceOwned


class Segment(WorkspaceOwned, Base):
    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")


class SegmentCreate(Strict):
    name: Name
    description: TextField = long_text("Description")


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
)
