"""Scoring tables: the workspace's scoring models and its importance weights.

The inputs a model reads (reach, impact, effort, ...) are columns of the opportunity itself
(see `tandem.inbound.opportunity`), so they are edited, exported and imported with it.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class ScoringModel(WorkspaceOwned, Base):
    """One way to rank opportunities: a built-in method or a custom formula."""

    __tablename__ = "scoring_models"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(16))
    formula: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class ImportanceWeights(Base):
    """Points each importance level earns in the demand scores (one row per workspace)."""

    __tablename__ = "importance_weights"
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    critical: Mapped[float] = mapped_column(Float, default=3.0)
    important: Mapped[float] = mapped_column(Float, default=2.0)
    nice_to_have: Mapped[float] = mapped_column(Float, default=1.0)
    not_important: Mapped[float] = mapped_column(Float, default=0.0)
