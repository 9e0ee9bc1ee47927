"""Link tables along the loop. Each row belongs to the workspace of both ends."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class EvidenceOpportunity(WorkspaceOwned, Base):
    """Evidence supports an opportunity; importance 0-3 (not important .. critical)."""

    __tablename__ = "evidence_opportunities"
    __table_args__ = (UniqueConstraint("evidence_id", "opportunity_id"),)
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True
    )
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    importance: Mapped[int | None] = mapped_column(Integer, nullable=True)


class OpportunityRelease(WorkspaceOwned, Base):
    """A release addresses an opportunity."""

    __tablename__ = "opportunity_releases"
    __table_args__ = (UniqueConstraint("opportunity_id", "release_id"),)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    release_id: Mapped[int] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), index=True
    )


class MessageEvidence(WorkspaceOwned, Base):
    """Evidence that backs the claim a message makes."""

    __tablename__ = "message_evidence"
    __table_args__ = (UniqueConstraint("message_id", "evidence_id"),)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True
    )
