"""Assignment: one person's RACI letter on one activity."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field
from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.schema import Name, ShortText, Strict
from tandem.storage.base import Base, WorkspaceOwned


class Raci(StrEnum):
    R = "R"
    A = "A"
    C = "C"
    I = "I"  # noqa: E741


class Assignment(WorkspaceOwned, Base):
    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("workspace_id", "activity", "person"),)
    activity: Mapped[str] = mapped_column(String(200), index=True)
    person: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100), default="")
    raci: Mapped[str] = mapped_column(String(1), default=Raci.R.value)
    phase: Mapped[str] = mapped_column(String(50), default="")


class AssignmentCreate(Strict):
    activity: Name = Field(title="Activity", json_schema_extra={"choices": "activities"})
    person: Name = Field(title="Person")
    role: Annotated[ShortText, Field(max_length=100)] = Field(
        default="", title="Role", description="e.g. Founder, PM, PMM, Marcom")
    raci: Raci = Field(default=Raci.R, title="RACI")
    phase: Annotated[ShortText, Field(max_length=50)] = Field(default="", title="Phase")


assignments: Resource[Assignment] = Resource(
    name="assignments",
    label="Assignment",
    plural="Assignments",
    model=Assignment,
    create_schema=AssignmentCreate,
    title_field="activity",
    unique=(("activity", "person"),),
    search=("activity", "person", "role"),
    filters={"activity": Assignment.activity, "person": Assignment.person,
             "raci": Assignment.raci},
    order_by=(Assignment.activity, Assignment.raci, Assignment.person),
)
