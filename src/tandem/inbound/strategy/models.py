"""Strategy's tables: a vision and lifecycle stage per product, objectives with key results,
and initiatives that group the opportunities and releases serving an objective."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class ProductVision(WorkspaceOwned, Base):
    __tablename__ = "product_visions"
    __table_args__ = (UniqueConstraint("product_id"),)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    vision: Mapped[str] = mapped_column(Text, default="")
    lifecycle_stage: Mapped[str] = mapped_column(String(16), default="introduction")


class Objective(WorkspaceOwned, Base):
    __tablename__ = "objectives"
    __table_args__ = (UniqueConstraint("workspace_id", "title"),)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    period: Mapped[str] = mapped_column(String(40), default="")
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), nullable=True)


class KeyResult(WorkspaceOwned, Base):
    __tablename__ = "key_results"
    objective_id: Mapped[int] = mapped_column(ForeignKey("objectives.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(20), default="")
    start: Mapped[float] = mapped_column(Float, default=0.0)
    target: Mapped[float] = mapped_column(Float)
    current: Mapped[float | None] = mapped_column(Float, nullable=True)


class Initiative(WorkspaceOwned, Base):
    __tablename__ = "initiatives"
    __table_args__ = (UniqueConstraint("workspace_id", "title"),)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objectives.id", ondelete="SET NULL"), nullable=True)


class InitiativeItem(WorkspaceOwned, Base):
    """An opportunity or a release grouped under an initiative (exactly one of the two)."""

    __tablename__ = "initiative_items"
    __table_args__ = (UniqueConstraint("initiative_id", "opportunity_id", "release_id"),)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"))
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), nullable=True)
    release_id: Mapped[int | None] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), nullable=True)
