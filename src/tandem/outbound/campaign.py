"""Campaign: a piece of go-to-market work on one channel, for a while, with a budget and a
goal; optionally part of a launch, and linked to the segments and personas it targets (so it
shows on their pages)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field
from sqlalchemy import Date, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.schema import Name, Strict, long_text, ref
from tandem.schema import Text as TextField
from tandem.storage.base import Base, WorkspaceOwned

MAX_BUDGET = 1e12


class Channel(StrEnum):
    email = "email"
    paid_search = "paid_search"
    paid_social = "paid_social"
    organic_social = "organic_social"
    content = "content"
    events = "events"
    webinar = "webinar"
    partners = "partners"
    outbound_sales = "outbound_sales"
    in_product = "in_product"
    other = "other"


class CampaignStatus(StrEnum):
    planned = "planned"
    running = "running"
    done = "done"


class Campaign(WorkspaceOwned, Base):
    __tablename__ = "campaigns"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    launch_id: Mapped[int | None] = mapped_column(
        ForeignKey("launches.id", ondelete="SET NULL"), nullable=True, index=True)
    channel: Mapped[str] = mapped_column(String(32), default=Channel.email.value)
    status: Mapped[str] = mapped_column(String(16), default=CampaignStatus.planned.value)
    start_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    budget: Mapped[float | None] = mapped_column(Float, nullable=True)
    goal: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True)


class CampaignCreate(Strict):
    name: Name
    launch_id: int | None = ref("Launch")
    channel: Channel = Field(default=Channel.email, title="Channel")
    status: CampaignStatus = Field(default=CampaignStatus.planned, title="Status")
    start_on: date | None = Field(default=None, title="Starts on")
    end_on: date | None = Field(default=None, title="Ends on")
    budget: Annotated[float, Field(ge=0, le=MAX_BUDGET, allow_inf_nan=False)] | None = Field(
        default=None, title="Budget", description="What it may spend, in the workspace's "
        "currency.")
    goal: TextField = long_text("Goal", description="What it should achieve, measurably: "
                                "'200 trial sign-ups from clinics'.")
    owner_id: int | None = ref("Owner")


def _ends_after_start(values: Mapping[str, Any]) -> None:
    start, end = values.get("start_on"), values.get("end_on")
    if start is not None and end is not None and end < start:
        raise Invalid("A campaign cannot end before it starts.", "end_on")


def _running_has_started(values: Mapping[str, Any]) -> None:
    if values.get("status") in (CampaignStatus.running, CampaignStatus.done) \
            and values.get("start_on") is None:
        raise Invalid("A running or done campaign needs its start date.", "start_on")


campaigns: Resource[Campaign] = Resource(
    name="campaigns",
    label="Campaign",
    plural="Campaigns",
    model=Campaign,
    create_schema=CampaignCreate,
    title_field="name",
    unique=("name",),
    search=("name", "goal"),
    filters={"launch_id": Campaign.launch_id, "channel": Campaign.channel,
             "status": Campaign.status, "owner_id": Campaign.owner_id},
    order_by=(Campaign.start_on, Campaign.name),
    rules=(_ends_after_start, _running_has_started),
)
