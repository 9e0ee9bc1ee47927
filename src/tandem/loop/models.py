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


# --- segments and personas, linked by hand to what they are about --------------------------
# Evidence also reaches them through its company's segment and its contact's persona; these
# rows are the explicit links a person adds (tandem.market.profile reads both).


class SegmentEvidence(WorkspaceOwned, Base):
    __tablename__ = "segment_evidence"
    __table_args__ = (UniqueConstraint("segment_id", "evidence_id"),)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True)
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True)


class SegmentOpportunity(WorkspaceOwned, Base):
    __tablename__ = "segment_opportunities"
    __table_args__ = (UniqueConstraint("segment_id", "opportunity_id"),)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)


class SegmentMessage(WorkspaceOwned, Base):
    __tablename__ = "segment_messages"
    __table_args__ = (UniqueConstraint("segment_id", "message_id"),)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True)


class SegmentLaunch(WorkspaceOwned, Base):
    __tablename__ = "segment_launches"
    __table_args__ = (UniqueConstraint("segment_id", "launch_id"),)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True)
    launch_id: Mapped[int] = mapped_column(
        ForeignKey("launches.id", ondelete="CASCADE"), index=True)


class PersonaEvidence(WorkspaceOwned, Base):
    __tablename__ = "persona_evidence"
    __table_args__ = (UniqueConstraint("persona_id", "evidence_id"),)
    persona_id: Mapped[int] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True)
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True)


class PersonaOpportunity(WorkspaceOwned, Base):
    __tablename__ = "persona_opportunities"
    __table_args__ = (UniqueConstraint("persona_id", "opportunity_id"),)
    persona_id: Mapped[int] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)


class PersonaMessage(WorkspaceOwned, Base):
    __tablename__ = "persona_messages"
    __table_args__ = (UniqueConstraint("persona_id", "message_id"),)
    persona_id: Mapped[int] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True)


class PersonaLaunch(WorkspaceOwned, Base):
    __tablename__ = "persona_launches"
    __table_args__ = (UniqueConstraint("persona_id", "launch_id"),)
    persona_id: Mapped[int] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True)
    launch_id: Mapped[int] = mapped_column(
        ForeignKey("launches.id", ondelete="CASCADE"), index=True)


class SegmentCampaign(WorkspaceOwned, Base):
    __tablename__ = "segment_campaigns"
    __table_args__ = (UniqueConstraint("segment_id", "campaign_id"),)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)


class PersonaCampaign(WorkspaceOwned, Base):
    __tablename__ = "persona_campaigns"
    __table_args__ = (UniqueConstraint("persona_id", "campaign_id"),)
    persona_id: Mapped[int] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
