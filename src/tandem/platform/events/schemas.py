"""The API shape of an audit-log entry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class EventPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    occurred_at: datetime
    actor_kind: str = Field(description="member, local_admin, system_job or visitor")
    actor_user_id: int | None
    actor_label: str
    verb: str = Field(description="created, updated, deleted, linked, unlinked, ...")
    kind: str
    object_id: int | None
    title: str
    changes: dict[str, Any] | None = Field(
        description="{field: [before, after]} for the fields the change touched")


class EventPage(BaseModel):
    items: list[EventPublic]
    total: int
    offset: int
    limit: int
    next_offset: int | None = None
