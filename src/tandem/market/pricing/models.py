"""Pricing surveys: the uploaded answers as they came, and which column holds which answer.

The CSV text is kept whole so a survey can be mapped again or re-read when the formulas
improve; the respondents and dropped counts are kept beside it for lists.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class PricingSurvey(WorkspaceOwned, Base):
    __tablename__ = "pricing_surveys"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(32))
    source_name: Mapped[str] = mapped_column(String(200), default="")
    csv_text: Mapped[str] = mapped_column(Text)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    currency: Mapped[str] = mapped_column(String(8), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), nullable=True)
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), nullable=True)
    respondents: Mapped[int] = mapped_column(Integer, default=0)
    dropped: Mapped[int] = mapped_column(Integer, default=0)
