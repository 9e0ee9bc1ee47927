"""Duplicate tables: candidate pairs with their review status, merges, and scan progress."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class PairStatus(StrEnum):
    open = "open"  # waiting for review
    dismissed = "dismissed"  # a person said: not duplicates (remembered, never proposed again)
    merged = "merged"


class DuplicatePair(WorkspaceOwned, Base):
    """Two evidence items whose vectors are near; first_id < second_id, one row per pair."""

    __tablename__ = "duplicate_pairs"
    __table_args__ = (
        UniqueConstraint("first_id", "second_id"),
        CheckConstraint("first_id < second_id", name="ordered"),
    )
    first_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"),
                                          index=True)
    second_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"),
                                           index=True)
    score: Mapped[float] = mapped_column(Float)  # cosine similarity of their vectors
    status: Mapped[str] = mapped_column(String(16), default=PairStatus.open.value, index=True)
    decided_by: Mapped[str] = mapped_column(String(254), default="")


class EvidenceMerge(WorkspaceOwned, Base):
    """An evidence item merged into another: what it was (every field, its tags and links),
    kept on the survivor so no customer, link or vote is lost."""

    __tablename__ = "evidence_merges"
    into_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"),
                                         index=True)
    merged_id: Mapped[int] = mapped_column(Integer)  # the id it had (the row is gone)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    merged_by: Mapped[str] = mapped_column(String(254), default="")


class DuplicateScan(Base):
    """How far the scan for new duplicates got: the vector generation last looked at."""

    __tablename__ = "duplicate_scans"
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"),
                                              primary_key=True)
    model: Mapped[str] = mapped_column(String(64), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, default=0)
