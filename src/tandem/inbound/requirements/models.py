"""Requirements tables: one requirements document (the PRD) per opportunity, and the personas
it affects.

The document's lists (user stories with their acceptance criteria and citations, non-goals,
success metrics, the problem statement's citations) are JSON: they are always read and
written whole, by one form or one PUT. A citation keeps the evidence id as a plain number,
not a foreign key, so deleting the evidence leaves the citation to show as missing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, UtcDateTime, WorkspaceOwned


class Requirement(WorkspaceOwned, Base):
    __tablename__ = "requirements"
    __table_args__ = (UniqueConstraint("opportunity_id"),)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text, default="")
    problem_citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    stories: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    non_goals: Mapped[list[str]] = mapped_column(JSON, default=list)
    metrics: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    approved_by: Mapped[str] = mapped_column(String(254), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime,
                                                         nullable=True)
    # The hand-off to development: what, to whom (a member or a named person), when, where.
    handoff_what: Mapped[str] = mapped_column(Text, default="")
    handoff_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    handoff_to: Mapped[str] = mapped_column(String(200), default="")
    handoff_by: Mapped[str] = mapped_column(String(254), default="")
    handoff_at: Mapped[datetime | None] = mapped_column(UtcDateTime,
                                                        nullable=True)
    tracker_url: Mapped[str] = mapped_column(String(2000), default="")
    # Who writes it; a new one goes to the development-phase driver (tandem.roles.phases).
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True)


class RequirementPersona(Base):
    """A persona the requirement affects (an existing persona record)."""

    __tablename__ = "requirement_personas"
    requirement_id: Mapped[int] = mapped_column(
        ForeignKey("requirements.id", ondelete="CASCADE"), primary_key=True)
    persona_id: Mapped[int] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), primary_key=True, index=True)
