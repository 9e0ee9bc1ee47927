"""Evidence: one piece of customer feedback, the raw material of the whole loop."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator
from sqlalchemy import Date, ForeignKey, Integer, String, Text, exists, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import ColumnElement

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.loop.models import EvidenceOpportunity
from tandem.market.segment import Segment
from tandem.schema import RequiredText, ShortText, Strict, long_text, ref
from tandem.storage.base import Base, WorkspaceOwned

Tag = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1,
                                       max_length=64)]


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
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(32), default=Source.other.value, index=True)
    customer_company: Mapped[str] = mapped_column(String(200), default="")
    customer_contact: Mapped[str] = mapped_column(String(200), default="")
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), nullable=True
    )
    received_on: Mapped[date] = mapped_column(Date, default=date.today)
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


class EvidenceCreate(Strict):
    text: RequiredText = long_text("Feedback", default=...)
    source: Source = Field(default=Source.other, title="Source")
    customer_company: ShortText = Field(default="", title="Company")
    customer_contact: ShortText = Field(default="", title="Contact")
    segment_id: int | None = ref("segments", "Segment")
    received_on: date = Field(default_factory=date.today, title="Received on")
    tags: list[Tag] = Field(default_factory=list, title="Tags", max_length=20)

    @field_validator("tags", mode="before")
    @classmethod
    def _split_tags(cls, value: Any) -> Any:
        """Accept "a, b" as well as ["a", "b"]; keep the first of each repeated tag."""
        if isinstance(value, str):
            value = [part for part in value.split(",") if part.strip()]
        if isinstance(value, list):
            seen: dict[str, None] = {}
            for item in value:
                if item is None:
                    raise ValueError("a tag cannot be null")
                seen.setdefault(str(item).strip().lower(), None)
            return [t for t in seen if t]
        return value


def _has_tag(raw: str) -> ColumnElement[bool]:
    tag = raw.strip().lower()
    if not tag or '"' in tag:
        raise Invalid(f"'{raw}' is not a tag.", "tag")
    return Evidence.id.in_(select(EvidenceTag.evidence_id).where(EvidenceTag.tag == tag))


def _linked(raw: str) -> ColumnElement[bool]:
    if raw not in {"yes", "no"}:
        raise Invalid("Filter 'linked' takes yes or no.", "linked")
    linked = exists().where(EvidenceOpportunity.evidence_id == Evidence.id)
    return linked if raw == "yes" else ~linked


def _for_opportunity(raw: str) -> ColumnElement[bool]:
    if not raw.isdigit():
        raise Invalid(f"Filter 'opportunity_id' needs a whole number, not '{raw}'.",
                      "opportunity_id")
    return Evidence.id.in_(
        select(EvidenceOpportunity.evidence_id).where(
            EvidenceOpportunity.opportunity_id == int(raw)
        )
    )


FUTURE_SLACK = timedelta(days=1)  # time zones: "today" somewhere may be tomorrow here


def _not_from_the_future(item: Mapping[str, Any]) -> None:
    received = item.get("received_on")
    if isinstance(received, date) and received > date.today() + FUTURE_SLACK:
        raise Invalid(f"Received on {received.isoformat()} is in the future.", "received_on")


evidence: Resource[Evidence] = Resource(
    name="evidence",
    label="Evidence",
    plural="Evidence",
    model=Evidence,
    create_schema=EvidenceCreate,
    title_field="text",
    search=("text", "customer_company", "customer_contact"),
    filters={
        "source": Evidence.source,
        "segment_id": Evidence.segment_id,
        "customer_company": Evidence.customer_company,
        "tag": _has_tag,
        "linked": _linked,
        "opportunity_id": _for_opportunity,
    },
    references={"segment_id": Segment},
    order_by=(Evidence.received_on.desc(), Evidence.id.desc()),
    rules=(_not_from_the_future,),
)
