"""Theme tables: the themes of a workspace and which evidence sits in each.

A theme row keeps what people decided about it (a curated label, pinned, hidden, merged)
next to what the last run computed (its centre, its radius, its quotes), so a re-run can
tell the two apart. Membership is one row per evidence item (an item is in at most one
theme; no row means unsorted), with `placed` set when a person put it there: runs never
move such an item.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned

LABEL_LENGTH = 200
DESCRIPTION_LENGTH = 500


class Theme(WorkspaceOwned, Base):
    """One market problem found in the evidence (or shaped by a person)."""

    __tablename__ = "themes"
    label: Mapped[str] = mapped_column(String(LABEL_LENGTH))
    description: Mapped[str] = mapped_column(String(DESCRIPTION_LENGTH), default="")
    # People's decisions, which every run keeps:
    label_curated: Mapped[bool] = mapped_column(Boolean, default=False)  # renamed by a person
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)  # its members never move
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)  # out of the list
    merged: Mapped[bool] = mapped_column(Boolean, default=False)  # clusters fold into it
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), nullable=True)
    # What the last run or curation computed (from the members' vectors of `model`):
    model: Mapped[str] = mapped_column(String(64), default="")
    centroid: Mapped[list[float] | None] = mapped_column(JSON, nullable=True)
    radius: Mapped[float | None] = mapped_column(Float, nullable=True)  # see service.RADIUS
    quote_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    size: Mapped[int] = mapped_column(Integer, default=0)


class ThemeMember(WorkspaceOwned, Base):
    """Evidence in a theme; `placed` when a person put it there (runs leave it alone)."""

    __tablename__ = "theme_members"
    __table_args__ = (UniqueConstraint("evidence_id"),)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"),
                                          index=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"))
    placed: Mapped[bool] = mapped_column(Boolean, default=False)
    similarity: Mapped[float | None] = mapped_column(Float, nullable=True)  # to the centre
