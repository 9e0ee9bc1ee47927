"""Messaging tables: the house (roof), its pillars, their proof points, and the persona matrix.

A proof point is a claim with the one proof it cites: an evidence quote, a win/loss record (a
piece of evidence whose source is win_loss), a metric with its source, or a third-party
validation with a URL. `cited_evidence_id` keeps the id it cited even after the evidence is
deleted (the foreign key then reads NULL), so the audit can say "cited evidence was deleted".
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, UtcDateTime, WorkspaceOwned


class ProofKind(StrEnum):
    evidence = "evidence"
    win_loss = "win_loss"
    metric = "metric"
    third_party = "third_party"


class HouseStatus(StrEnum):
    draft = "draft"
    in_review = "in_review"
    approved = "approved"
    retired = "retired"


class MessagingHouse(WorkspaceOwned, Base):
    __tablename__ = "messaging_houses"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"),
                                            index=True)
    release_id: Mapped[int | None] = mapped_column(
        ForeignKey("releases.id", ondelete="SET NULL"), nullable=True, index=True)
    core_message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=HouseStatus.draft.value)
    approved_by: Mapped[str] = mapped_column(String(254), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class Pillar(WorkspaceOwned, Base):
    __tablename__ = "messaging_pillars"
    house_id: Mapped[int] = mapped_column(
        ForeignKey("messaging_houses.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")


class ProofPoint(WorkspaceOwned, Base):
    __tablename__ = "messaging_proof_points"
    pillar_id: Mapped[int] = mapped_column(
        ForeignKey("messaging_pillars.id", ondelete="CASCADE"), index=True)
    claim: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default=ProofKind.evidence.value)
    evidence_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence.id", ondelete="SET NULL"), nullable=True, index=True)
    cited_evidence_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    metric: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    url: Mapped[str] = mapped_column(String(500), default="")


class MatrixRow(WorkspaceOwned, Base):
    """One persona's row of the matrix, optionally for one segment where messages differ."""

    __tablename__ = "messaging_matrix_rows"
    house_id: Mapped[int] = mapped_column(
        ForeignKey("messaging_houses.id", ondelete="CASCADE"), index=True)
    persona_id: Mapped[int] = mapped_column(ForeignKey("personas.id", ondelete="CASCADE"))
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), nullable=True)
    pain: Mapped[str] = mapped_column(Text, default="")
    key_message: Mapped[str] = mapped_column(Text)
    proof_point_id: Mapped[int | None] = mapped_column(
        ForeignKey("messaging_proof_points.id", ondelete="SET NULL"), nullable=True)
    call_to_action: Mapped[str] = mapped_column(String(200), default="")
