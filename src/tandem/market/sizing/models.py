"""Market sizing models: one per segment and product (or either), its inputs kept whole.

The inputs are one JSON document ({key: {low, base, high, note}}) because they are edited
and checked as one piece; the figures are always computed from them, never stored.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class SizingModel(WorkspaceOwned, Base):
    __tablename__ = "sizing_models"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(32))
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), nullable=True, index=True)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), nullable=True)
    currency: Mapped[str] = mapped_column(String(8), default="")
    horizon: Mapped[str] = mapped_column(String(100), default="")
    assumptions: Mapped[str] = mapped_column(Text, default="")
    tier_names: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
