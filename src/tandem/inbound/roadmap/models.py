"""Read-only links to a workspace's roadmap, for people outside it (customers, investors).

Only a hash of each link's secret is stored: the full link is shown once, when it is made,
like an API token. A revoked link stops working at once and stays listed as revoked.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, UtcDateTime, WorkspaceOwned


class RoadmapShare(WorkspaceOwned, Base):
    __tablename__ = "roadmap_shares"
    label: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
