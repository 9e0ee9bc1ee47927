"""A buyer or user persona, optionally tied to a segment.

Goals, pains, jobs to be done, objections, channels and buying roles are short bounded
lists, so every side reads the same items: the messaging matrix quotes its pains, sales
meets its objections, marketing picks its channels.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.schema import Name, ShortText, Strict, long_text, ref
from tandem.schema import Text as TextField
from tandem.storage.base import Base, WorkspaceOwned

ITEM_LENGTH = 300
MAX_ITEMS = 20
MAX_JOBS = 12


class PersonaType(StrEnum):
    buyer = "buyer"
    user = "user"


class BuyingRole(StrEnum):
    economic_buyer = "economic_buyer"
    decision_maker = "decision_maker"
    champion = "champion"
    user = "user"
    influencer = "influencer"
    technical_evaluator = "technical_evaluator"
    gatekeeper = "gatekeeper"
    blocker = "blocker"


class Persona(WorkspaceOwned, Base):
    __tablename__ = "personas"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    type: Mapped[str] = mapped_column(String(16), default=PersonaType.buyer.value)
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), nullable=True
    )
    description: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[list[str]] = mapped_column(JSON, default=list)
    pains: Mapped[list[str]] = mapped_column(JSON, default=list)
    jobs: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    objections: Mapped[list[str]] = mapped_column(JSON, default=list)
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    buying_roles: Mapped[list[str]] = mapped_column(JSON, default=list)


Item = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                        max_length=ITEM_LENGTH)]
Part = Annotated[str, StringConstraints(strip_whitespace=True, max_length=ITEM_LENGTH)]


class Job(Strict):
    """A job to be done: "When <situation>, I want to <motivation>, so I can <outcome>"."""

    when: Part = Field(default="", title="When")
    want: Part = Field(title="I want to", min_length=1)
    so_that: Part = Field(default="", title="So I can")


def _items(title: str, description: str, most: int = MAX_ITEMS) -> Any:
    return Field(default_factory=list, max_length=most, title=title, description=description,
                 json_schema_extra={"widget": "own"})


class PersonaCreate(Strict):
    name: Name
    title: ShortText = ""
    type: PersonaType = Field(default=PersonaType.buyer, title="Type",
                              description="A buyer decides or pays; a user works with it.")
    segment_id: int | None = ref("Segment")
    description: TextField = long_text("Description")
    goals: list[Item] = _items("Goals", "What they want to achieve.")
    pains: list[Item] = _items("Pains", "What gets in their way today.")
    jobs: list[Job] = _items("Jobs to be done", "When ..., I want to ..., so I can ...",
                             MAX_JOBS)
    objections: list[Item] = _items("Objections", "Why they might say no.")
    channels: list[Item] = _items("Channels", "Where they learn and can be reached.")
    buying_roles: list[BuyingRole] = _items("Buying roles", "Their part in a purchase.", 8)

    @field_validator("goals", "pains", "objections", "channels", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        """Accept one item per line as well as a list; blank lines are dropped. Only \n
        (and \r\n) ends a line: other breaks str.splitlines knows are control characters,
        refused like anywhere else."""
        if isinstance(value, str):
            return [line.removesuffix("\r") for line in value.split("\n") if line.strip()]
        return value

    @field_validator("buying_roles")
    @classmethod
    def _once(cls, value: list[BuyingRole]) -> list[BuyingRole]:
        return list(dict.fromkeys(value))


def job_sentence(job: dict[str, str]) -> str:
    """A job row as one sentence."""
    parts = [f"When {job['when']}," if job.get("when") else "",
             f"I want to {job.get('want', '')}", f", so I can {job['so_that']}"
             if job.get("so_that") else ""]
    text = " ".join(p for p in parts[:2] if p) + parts[2]
    return text[0].upper() + text[1:] + "." if text else ""


personas: Resource[Persona] = Resource(
    name="personas",
    label="Persona",
    plural="Personas",
    model=Persona,
    create_schema=PersonaCreate,
    title_field="name",
    unique=("name",),
    search=("name", "title", "description", "goals", "pains"),
    filters={"segment_id": Persona.segment_id, "type": Persona.type},
    order_by=(Persona.name,),
)
