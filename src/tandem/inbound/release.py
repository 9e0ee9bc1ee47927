"""Release: what ships, and where it sits on the roadmap (Now / Next / Later)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field
from sqlalchemy import Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.schema import Name, ShortText, Strict, long_text
from tandem.schema import Text as TextField
from tandem.storage.base import Base, WorkspaceOwned


class Horizon(StrEnum):
    now = "now"
    next = "next"
    later = "later"


class ReleaseStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    shipped = "shipped"


class Release(WorkspaceOwned, Base):
    __tablename__ = "releases"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(50), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    horizon: Mapped[str] = mapped_column(String(16), default=Horizon.later.value)
    status: Mapped[str] = mapped_column(String(32), default=ReleaseStatus.planned.value)
    target_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    shipped_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Place within its roadmap column, set by dragging on the board (1 = top); releases never
    # placed follow the placed ones, by target date.
    rank: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ReleaseCreate(Strict):
    name: Name
    version: Annotated[ShortText, Field(max_length=50)] = ""
    description: TextField = long_text("Description")
    horizon: Horizon = Field(default=Horizon.later, title="Roadmap")
    status: ReleaseStatus = Field(default=ReleaseStatus.planned, title="Status")
    target_date: date | None = Field(default=None, title="Target date")
    shipped_on: date | None = Field(default=None, title="Shipped on")


def _ship_date_means_shipped(release: Mapping[str, Any]) -> None:
    if release.get("shipped_on") and release.get("status") != ReleaseStatus.shipped:
        raise Invalid("Only a shipped release has a ship date: set the status to shipped, "
                      "or clear the date.", "shipped_on")


def _shipped_is_dated_and_not_later(release: Mapping[str, Any]) -> None:
    """A shipped release has a ship date and sits in Now or Next (the Done lane of the
    board), never in Later."""
    if release.get("status") != ReleaseStatus.shipped:
        return
    if not release.get("shipped_on"):
        raise Invalid("A shipped release needs its ship date.", "shipped_on")
    if release.get("horizon") == Horizon.later:
        raise Invalid("A shipped release cannot move to Later: it has already shipped.",
                      "horizon")


releases: Resource[Release] = Resource(
    name="releases",
    label="Release",
    plural="Releases",
    model=Release,
    create_schema=ReleaseCreate,
    title_field="name",
    unique=("name",),
    search=("name", "version", "description"),
    filters={"horizon": Release.horizon, "status": Release.status},
    order_by=(Release.target_date, Release.name),
    rules=(_ship_date_means_shipped, _shipped_is_dated_and_not_later),
)
