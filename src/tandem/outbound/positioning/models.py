"""Positioning tables: a canvas per product (optionally per segment) and its versions.

The canvas row holds the working draft the guided flow edits step by step; saving a version
freezes the draft with its author, and exactly one version (`current_version`) is current.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class PositioningCanvas(WorkspaceOwned, Base):
    __tablename__ = "positioning_canvases"
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"),
                                            index=True)
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), nullable=True)
    draft: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    current_version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class PositioningVersion(WorkspaceOwned, Base):
    __tablename__ = "positioning_versions"
    __table_args__ = (UniqueConstraint("canvas_id", "number"),)
    canvas_id: Mapped[int] = mapped_column(
        ForeignKey("positioning_canvases.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(String(200), default="")
    author_label: Mapped[str] = mapped_column(String(254), default="")
    author_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
