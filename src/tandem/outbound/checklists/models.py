"""The launch checklist table: one row per task of a launch."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, UtcDateTime, WorkspaceOwned

MAX_KEY = 40
MAX_TITLE = 200


class LaunchTask(WorkspaceOwned, Base):
    """A task on a launch's checklist, from its tier's template (`template_key`) or added by
    someone (an empty key). Its due date follows the launch date by `offset_days` unless
    `due_manual` says a person set it."""

    __tablename__ = "launch_tasks"
    launch_id: Mapped[int] = mapped_column(ForeignKey("launches.id", ondelete="CASCADE"),
                                           index=True)
    template_key: Mapped[str] = mapped_column(String(MAX_KEY), default="")
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True)
    offset_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_manual: Mapped[bool] = mapped_column(Boolean, default=False)
    critical: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    done_by: Mapped[str] = mapped_column(String(254), default="")
