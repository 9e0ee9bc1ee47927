"""Message: a positioning statement, value proposition, pillar or proof point."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field
from sqlalchemy import ColumnElement, ForeignKey, String, Text, UniqueConstraint, exists
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.loop.models import MessageEvidence
from tandem.schema import Name, RequiredText, Strict, long_text, ref
from tandem.storage.base import Base, WorkspaceOwned


class MessageKind(StrEnum):
    positioning_statement = "positioning_statement"
    value_proposition = "value_proposition"
    pillar = "pillar"
    proof_point = "proof_point"


class Message(WorkspaceOwned, Base):
    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("workspace_id", "title"),)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32), default=MessageKind.value_proposition.value)
    body: Mapped[str] = mapped_column(Text)
    launch_id: Mapped[int | None] = mapped_column(
        ForeignKey("launches.id", ondelete="SET NULL"), nullable=True, index=True
    )
    persona_id: Mapped[int | None] = mapped_column(
        ForeignKey("personas.id", ondelete="SET NULL"), nullable=True
    )


class MessageCreate(Strict):
    title: Name
    kind: MessageKind = Field(default=MessageKind.value_proposition, title="Kind")
    body: RequiredText = long_text("Message", default=...)
    launch_id: int | None = ref("Launch")
    persona_id: int | None = ref("Persona")


def _backed(raw: str) -> ColumnElement[bool]:
    """backed=yes: messages with evidence linked; backed=no: claims with no proof."""
    if raw not in {"yes", "no"}:
        raise Invalid("Filter 'backed' takes yes or no.", "backed")
    backed = exists().where(MessageEvidence.message_id == Message.id)
    return backed if raw == "yes" else ~backed


messages: Resource[Message] = Resource(
    name="messages",
    label="Message",
    plural="Messages",
    model=Message,
    create_schema=MessageCreate,
    title_field="title",
    unique=("title",),
    search=("title", "body"),
    filters={"kind": Message.kind, "launch_id": Message.launch_id,
             "persona_id": Message.persona_id, "backed": _backed},
    order_by=(Message.kind, Message.title),
)
