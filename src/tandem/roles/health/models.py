"""The workspace's loop-health settings (one row per workspace, made on the first change)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base

DEFAULT_DUE_WEEKS = 6


class HealthSettings(Base):
    __tablename__ = "health_settings"
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    # A release due within this many weeks needs its launch, positioning and messaging.
    due_weeks: Mapped[int] = mapped_column(Integer, default=DEFAULT_DUE_WEEKS)
