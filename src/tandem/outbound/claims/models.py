"""The workspace's claims-audit settings (one row per workspace, created on first change)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, Timestamped

DEFAULT_MAX_AGE_DAYS = 365


class ClaimsSettings(Timestamped, Base):
    __tablename__ = "claims_settings"
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), unique=True)
    evidence_max_age_days: Mapped[int] = mapped_column(Integer, default=DEFAULT_MAX_AGE_DAYS)
