"""Roles tables: the people who hold roles, the workspace's own activity catalog, and the
preset the workspace follows."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned


class Person(WorkspaceOwned, Base):
    """Someone who holds roles: a workspace member (with `user_id`) or a named role
    without an account, such as "Marcom agency"."""

    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(200), default="")  # comma-separated titles
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    @property
    def role_titles(self) -> list[str]:
        return [r.strip() for r in self.roles.split(",") if r.strip()]


class WorkspaceActivity(WorkspaceOwned, Base):
    """A change to the built-in activity catalog (rename, hide, describe) or an activity
    the workspace added; `builtin` names the catalog entry it changes, if any."""

    __tablename__ = "workspace_activities"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    builtin: Mapped[str] = mapped_column(String(200), default="")
    name: Mapped[str] = mapped_column(String(200))
    column: Mapped[str] = mapped_column(String(32))
    direction: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text, default="")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)


class RolesSettings(Base):
    """Which preset the workspace follows (one row per workspace; none means custom)."""

    __tablename__ = "roles_settings"
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    preset: Mapped[str] = mapped_column(String(32), default="custom")
