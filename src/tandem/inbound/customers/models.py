"""Customer tables: the companies feedback comes from and the people who gave it.

A company keeps the revenue figure as it was entered (amount and period, annual or monthly)
and one normalised annual figure, `arr`, which is what every sum and sort uses.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class Stage(StrEnum):
    """Where a company is in its life with us."""

    prospect = "prospect"
    trial = "trial"
    customer = "customer"
    churned = "churned"


class Period(StrEnum):
    """What an entered revenue figure covers: a year (ARR) or a month (MRR)."""

    annual = "annual"
    monthly = "monthly"


class Company(WorkspaceOwned, Base):
    __tablename__ = "companies"
    __table_args__ = (UniqueConstraint("workspace_id", "name", name="uq_companies_name"),
                      UniqueConstraint("workspace_id", "domain", name="uq_companies_domain"))
    name: Mapped[str] = mapped_column(String(200))
    # NULL rather than "" when unknown, so the unique constraint allows many companies
    # without one on both engines.
    domain: Mapped[str | None] = mapped_column(String(253), nullable=True)
    revenue: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    revenue_period: Mapped[str] = mapped_column(String(16), default=Period.annual.value)
    arr: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    plan: Mapped[str] = mapped_column(String(100), default="")
    # Firmographics that segment criteria test (tandem.market.criteria).
    industry: Mapped[str] = mapped_column(String(100), default="")
    employees: Mapped[int | None] = mapped_column(Integer, nullable=True)
    region: Mapped[str] = mapped_column(String(100), default="")
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), nullable=True, index=True)
    stage: Mapped[str] = mapped_column(String(16), default=Stage.customer.value, index=True)


class Contact(WorkspaceOwned, Base):
    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("workspace_id", "email", name="uq_contacts_email"),
                      Index("ix_contacts_company", "company_id"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    persona_id: Mapped[int | None] = mapped_column(
        ForeignKey("personas.id", ondelete="SET NULL"), nullable=True)
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), nullable=True)
