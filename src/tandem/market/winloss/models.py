"""Win/loss deals, and the evidence each deal's reasons and quote became."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class Deal(WorkspaceOwned, Base):
    __tablename__ = "deals"
    name: Mapped[str] = mapped_column(String(200))
    company: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(String(16), index=True)
    competitor_id: Mapped[int | None] = mapped_column(
        ForeignKey("competitors.id", ondelete="SET NULL"), nullable=True, index=True)
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), nullable=True)
    amount: Mapped[float | None] = mapped_column(Float, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reasons: Mapped[str] = mapped_column(Text, default="")  # one reason per line
    quote: Mapped[str] = mapped_column(Text, default="")
    interviewee_role: Mapped[str] = mapped_column(String(200), default="")


class DealEvidence(WorkspaceOwned, Base):
    """A piece of evidence made from a deal's reason or quote."""

    __tablename__ = "deal_evidence"
    __table_args__ = (UniqueConstraint("deal_id", "evidence_id"),)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"),
                                         index=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"),
                                             index=True)
