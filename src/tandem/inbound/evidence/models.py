"""Evidence tables: one piece of customer feedback per row, its tags in their own table."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tandem.storage.base import Base, WorkspaceOwned


class Source(StrEnum):
    interview = "interview"
    support = "support"
    sales_call = "sales_call"
    survey = "survey"
    review = "review"
    email = "email"
    win_loss = "win_loss"
    community = "community"
    other = "other"


class EvidenceTag(Base):
    """One tag on one evidence item; indexed by tag so tag filters do not scan."""

    __tablename__ = "evidence_tags"
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"),
                                             primary_key=True)
    tag: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Evidence(WorkspaceOwned, Base):
    __tablename__ = "evidence"
    # One import key per workspace: imports skip items they already brought (see rows.py).
    # The list's order, newest first (scanned backwards): no sort of the whole workspace.
    __table_args__ = (Index("ix_evidence_import_key", "workspace_id", "import_key",
                            unique=True),
                      Index("ix_evidence_received", "workspace_id", "received_on", "id"))
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(32), default=Source.other.value, index=True)
    customer_company: Mapped[str] = mapped_column(String(200), default="")
    customer_contact: Mapped[str] = mapped_column(String(200), default="")
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), nullable=True
    )
    # The customer as records (resolved from the free-text fields above, which keep what
    # was entered): see tandem.inbound.customers.resolve.
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), nullable=True, index=True)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True)
    received_on: Mapped[date] = mapped_column(Date, default=date.today)
    # Set by imports only: the item's id in the tool it came from, else a hash of its text
    # and customer (32 hex characters); None for evidence added by hand.
    import_key: Mapped[str | None] = mapped_column(String(32), nullable=True, default=None)
    tag_rows: Mapped[list[EvidenceTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by=EvidenceTag.position)

    @property
    def tags(self) -> list[str]:
        return [row.tag for row in self.tag_rows]

    @tags.setter
    def tags(self, values: list[str]) -> None:
        # Keep the rows of tags that stay: replacing them would insert a row with the same
        # key before the old one is deleted.
        existing = {row.tag: row for row in self.tag_rows}
        rows = []
        for position, tag in enumerate(values):
            row = existing.get(tag) or EvidenceTag(tag=tag)
            row.position = position
            rows.append(row)
        self.tag_rows = rows
