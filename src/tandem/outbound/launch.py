"""Launch: taking a release to market, sized by tier (1 biggest .. 4 quiet ship)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import Field
from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from tandem.crud import Resource
from tandem.schema import MAX_ID, Name, Strict, long_text, ref
from tandem.schema import Text as TextField
from tandem.scope import Scope
from tandem.storage.base import Base, WorkspaceOwned


class LaunchStatus(StrEnum):
    planning = "planning"
    ready = "ready"
    launched = "launched"
    cancelled = "cancelled"


class Launch(WorkspaceOwned, Base):
    __tablename__ = "launches"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"),
                                            index=True)
    tier: Mapped[int] = mapped_column(Integer, default=3)
    status: Mapped[str] = mapped_column(String(32), default=LaunchStatus.planning.value)
    launch_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    goals: Mapped[str] = mapped_column(Text, default="")
    # Who runs it; a new one goes to the launch-phase driver (tandem.roles.phases).
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True)


class LaunchCreate(Strict):
    name: Name
    release_id: int = Field(title="Release", ge=1, le=MAX_ID)
    tier: int = Field(default=3, ge=1, le=4, title="Tier",
                      description="1 new product or repositioning, 2 significant feature, "
                      "3 incremental improvement, 4 quiet ship")
    status: LaunchStatus = Field(default=LaunchStatus.planning, title="Status")
    launch_date: date | None = Field(default=None, title="Launch date")
    goals: TextField = long_text("Goals")
    owner_id: int | None = ref("Owner")


def _prepare(scope: Scope, values: dict[str, Any], obj: Any) -> None:
    """A new launch with no owner goes to the launch-phase driver; a launch whose date moves
    takes its checklist's dates along (those nobody set by hand)."""
    from tandem.outbound.checklists import service as checklists  # checklists read launches
    from tandem.roles.phases.service import default_owner  # roles reads launches

    if obj is None and values.get("owner_id") is None:
        values["owner_id"] = default_owner(scope, "launches")
    if obj is not None and "launch_date" in values and values["launch_date"] != obj.launch_date:
        checklists.redate(scope, obj, values["launch_date"])


def _late(raw: str) -> ColumnElement[bool]:
    """late=yes: launches still to go out with a tier-critical checklist task late."""
    from tandem.outbound.checklists.service import late_filter

    return late_filter(raw)


launches: Resource[Launch] = Resource(
    name="launches",
    label="Launch",
    plural="Launches",
    model=Launch,
    create_schema=LaunchCreate,
    title_field="name",
    unique=("name",),
    search=("name", "goals"),
    filters={"release_id": Launch.release_id, "tier": Launch.tier, "status": Launch.status,
             "owner_id": Launch.owner_id, "late": _late},
    order_by=(Launch.launch_date, Launch.name),
    prepare=_prepare,
)
