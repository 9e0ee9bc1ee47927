"""Per product: its current lifecycle phase, and who drives and who navigates in each phase."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class ProductLifecycle(WorkspaceOwned, Base):
    """The phase a product is in now (one row per product, made on the first change)."""

    __tablename__ = "product_lifecycles"
    __table_args__ = (UniqueConstraint("product_id"),)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    phase: Mapped[str] = mapped_column(String(16))
    since: Mapped[date | None] = mapped_column(Date, nullable=True)


class PhaseOwner(WorkspaceOwned, Base):
    """Who drives (does and decides) and who navigates (advises, keeps it on course) one
    product in one phase; either may be empty."""

    __tablename__ = "product_phase_owners"
    __table_args__ = (UniqueConstraint("product_id", "phase"),)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"),
                                            index=True)
    phase: Mapped[str] = mapped_column(String(16))
    driver_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    navigator_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
