"""Competitor intelligence tables: aliases, mentions found in evidence, changes over time,
and the plans and prices seen on their pricing pages.

A mention that someone rejected stays (status "rejected") so a later scan never links it
again; deleting the competitor or the evidence removes its mentions.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.market.packaging.models import BillingPeriod, PriceUnit
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


class CompetitorPrice(WorkspaceOwned, Base):
    """One of a competitor's plans at one price point, as seen on a day at a source.

    `amount` is None when they do not publish it ("contact sales"). Observing the same plan,
    period and unit again updates the row; the timeline keeps what it was.
    """

    __tablename__ = "competitor_prices"
    competitor_id: Mapped[int] = mapped_column(
        ForeignKey("competitors.id", ondelete="CASCADE"), index=True)
    plan: Mapped[str] = mapped_column(String(100))
    amount: Mapped[float | None] = mapped_column(Float, nullable=True)
    currency: Mapped[str] = mapped_column(String(3), default="")
    period: Mapped[str] = mapped_column(String(16), default=BillingPeriod.monthly.value)
    unit: Mapped[str] = mapped_column(String(16), default=PriceUnit.flat.value)
    included: Mapped[str] = mapped_column(String(1000), default="")
    source_url: Mapped[str] = mapped_column(String(500), default="")
    observed_on: Mapped[date] = mapped_column(Date)
