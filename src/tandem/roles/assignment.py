"""Assignment: one person's RACI letter on one activity, and the people who hold roles.

An assignment names a person record (a workspace member or a named role without an
account), never free text, and an activity of the workspace's catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.roles.models import Person
from tandem.schema import MAX_ID, Name, ShortText, Strict
from tandem.scope import Scope
from tandem.storage.base import Base, WorkspaceOwned


class Raci(StrEnum):
    R = "R"
    A = "A"
    C = "C"
    I = "I"  # noqa: E741


class Phase(StrEnum):
    """Product lifecycle phases, for who drives and who navigates (see the reference)."""

    discovery = "discovery"
    definition = "definition"
    development = "development"
    launch = "launch"
    growth = "growth"
    maturity = "maturity"
    retirement = "retirement"


class Assignment(WorkspaceOwned, Base):
    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("workspace_id", "activity", "person_id"),)
    activity: Mapped[str] = mapped_column(String(200), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    role: Mapped[str] = mapped_column(String(100), default="")
    raci: Mapped[str] = mapped_column(String(1), default=Raci.R.value)
    phase: Mapped[str | None] = mapped_column(String(16), nullable=True)


class AssignmentCreate(Strict):
    activity: Name = Field(title="Activity", json_schema_extra={"choices": "activities"})
    person_id: int = Field(title="Person", ge=1, le=MAX_ID)
    role: ShortText = Field(default="", max_length=100, title="As",
                            description="The role held here, e.g. Founder, PM, PMM, Marcom")
    raci: Raci = Field(default=Raci.R, title="RACI")
    phase: Phase | None = Field(default=None, title="Phase",
                                description="Only for work tied to one lifecycle phase")

    @field_validator("phase", mode="before")
    @classmethod
    def _blank_phase(cls, value: Any) -> Any:
        return None if value == "" else value


class PersonCreate(Strict):
    name: Name = Field(title="Name")
    roles: ShortText = Field(default="", title="Roles",
                             description="Comma-separated role titles, e.g. PM, PMM")


def _in_catalog(scope: Scope, values: Mapping[str, Any]) -> None:
    from tandem.roles.service import catalog  # the catalog reads assignments too

    name = str(values.get("activity") or "")
    known = {a.name.lower(): a.name for a in catalog(scope) if not a.hidden}
    if name.lower() not in known:
        raise Invalid(f"'{name}' is not an activity of this workspace's catalog; add it on "
                      "the roles page first.", "activity")


people: Resource[Person] = Resource(
    name="people",
    label="Person",
    plural="People",
    model=Person,
    create_schema=PersonCreate,
    title_field="name",
    unique=("name",),
    search=("name", "roles"),
    order_by=(Person.name,),
)

assignments: Resource[Assignment] = Resource(
    name="assignments",
    label="Assignment",
    plural="Assignments",
    model=Assignment,
    create_schema=AssignmentCreate,
    title_field="activity",
    unique=(("activity", "person_id"),),
    search=("activity", "role"),
    filters={"activity": Assignment.activity, "person_id": Assignment.person_id,
             "raci": Assignment.raci},
    order_by=(Assignment.activity, Assignment.raci, Assignment.person_id),
    checks=(_in_catalog,),
)
