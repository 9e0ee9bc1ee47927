"""Competitor intelligence tables: aliases, mentions found in evidence, and changes over time.

A mention that someone rejected stays (status "rejected") so a later scan never links it
again; deleting the competitor or the evidence removes its mentions.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class MentionStatus(StrEnum):
    linked = "linked"
    rejected = "rejected"


class ChangeKind(StrEnum):
    pricing = "pricing"
    product = "product"
    positioning = "positioning"
    funding = "funding"
    people = "people"
    other = "other"


class CompetitorAlias(WorkspaceOwned, Base):
    __tablename__ = "competitor_aliases"
    __table_args__ = (UniqueConstraint("competitor_id", "alias"),)
    competitor_id: Mapped[int] = mapped_column(
        ForeignKey("competitors.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(100))


class CompetitorMention(WorkspaceOwned, Base):
    __tablename__ = "competitor_mentions"
    __table_args__ = (UniqueConstraint("competitor_id", "evidence_id"),)
    competitor_id: Mapped[int] = mapped_column(
        ForeignKey("competitors.id", ondelete="CASCADE"), index=True)
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True)
    matched: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=MentionStatus.linked.value)


class CompetitorChange(WorkspaceOwned, Base):
    __tablename__ = "competitor_changes"
    competitor_id: Mapped[int] = mapped_column(
        ForeignKey("competitors.id", ondelete="CASCADE"), index=True)
    happened_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(32), default=ChangeKind.other.value)
    summary: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(500), default="")
