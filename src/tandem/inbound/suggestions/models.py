"""Suggested evidence: the suggestions a person turned down, so they are never offered again."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class SuggestionRejection(WorkspaceOwned, Base):
    """"This evidence is not about that opportunity": one row per (opportunity, evidence)."""

    __tablename__ = "suggestion_rejections"
    __table_args__ = (UniqueConstraint("opportunity_id", "evidence_id"),)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True)
    rejected_by: Mapped[str] = mapped_column(String(254), default="")
