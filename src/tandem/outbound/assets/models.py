"""Asset tables: a generated, then edited, document with its versions and the proof points
it uses (whose claims the audit checks)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, UtcDateTime, WorkspaceOwned


class AssetKind(StrEnum):
    battlecard = "battlecard"
    release_notes = "release_notes"
    changelog = "changelog"  # the public changelog entry for a release
    launch_email = "launch_email"
    one_pager = "one_pager"
    faq = "faq"
    pitch_outline = "pitch_outline"
    plan_comparison = "plan_comparison"  # a product's plans side by side


class Asset(WorkspaceOwned, Base):
    __tablename__ = "assets"
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    house_id: Mapped[int | None] = mapped_column(
        ForeignKey("messaging_houses.id", ondelete="SET NULL"), nullable=True, index=True)
    release_id: Mapped[int | None] = mapped_column(
        ForeignKey("releases.id", ondelete="SET NULL"), nullable=True, index=True)
    competitor_id: Mapped[int | None] = mapped_column(
        ForeignKey("competitors.id", ondelete="CASCADE"), nullable=True)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), nullable=True, index=True)
    body: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    approved_by: Mapped[str] = mapped_column(String(254), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class AssetVersion(WorkspaceOwned, Base):
    __tablename__ = "asset_versions"
    __table_args__ = (UniqueConstraint("asset_id", "number"),)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id", ondelete="CASCADE"),
                                          index=True)
    number: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    author_label: Mapped[str] = mapped_column(String(254), default="")


class AssetClaim(WorkspaceOwned, Base):
    """A proof point whose claim the asset states (kept in step with the body)."""

    __tablename__ = "asset_claims"
    __table_args__ = (UniqueConstraint("asset_id", "proof_point_id"),)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id", ondelete="CASCADE"),
                                          index=True)
    proof_point_id: Mapped[int] = mapped_column(
        ForeignKey("messaging_proof_points.id", ondelete="CASCADE"), index=True)
