"""The workshop's tables: the session, its participants, their answers (hidden from each
other until the facilitator reveals), the facilitator's decisions and the action plan."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class Stage(StrEnum):
    answering = "answering"  # participants answer alone
    revealed = "revealed"  # everyone sees every answer; the facilitator settles
    closed = "closed"  # decisions applied to the RACI


class Workshop(WorkspaceOwned, Base):
    __tablename__ = "workshops"
    __table_args__ = (UniqueConstraint("workspace_id", "title"),)
    title: Mapped[str] = mapped_column(String(200))
    stage: Mapped[str] = mapped_column(String(16), default=Stage.answering.value)
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    facilitator_label: Mapped[str] = mapped_column(String(254), default="")
    revealed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                         nullable=True)
    reassess_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class Participant(WorkspaceOwned, Base):
    __tablename__ = "workshop_participants"
    __table_args__ = (UniqueConstraint("workshop_id", "person_id"),)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                         nullable=True)


class WorkshopAnswer(WorkspaceOwned, Base):
    __tablename__ = "workshop_answers"
    __table_args__ = (UniqueConstraint("workshop_id", "person_id", "activity"),)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    activity: Mapped[str] = mapped_column(String(200))
    raci: Mapped[str] = mapped_column(String(1), default="")  # "" = no part in it
    importance: Mapped[int | None] = mapped_column(Integer, nullable=True)
    assessment: Mapped[int | None] = mapped_column(Integer, nullable=True)
    hours: Mapped[float | None] = mapped_column(Float, nullable=True)


class Decision(WorkspaceOwned, Base):
    """How the facilitator settled one activity: its A, its Rs, and who decided when."""

    __tablename__ = "workshop_decisions"
    __table_args__ = (UniqueConstraint("workshop_id", "activity"),)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    activity: Mapped[str] = mapped_column(String(200))
    accountable_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    responsible_ids: Mapped[str] = mapped_column(String(400), default="")  # comma-separated
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(254), default="")


class ActionItem(WorkspaceOwned, Base):
    """A step of the action plan for a gap: the barrier, the fix, its owner and date."""

    __tablename__ = "workshop_actions"
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    activity: Mapped[str] = mapped_column(String(200))
    barrier: Mapped[str] = mapped_column(Text, default="")
    fix: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"),
                                                 nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
