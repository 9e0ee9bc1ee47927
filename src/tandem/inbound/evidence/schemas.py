"""What a person sends to create or change evidence (Update and Public are derived)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints, field_validator

from tandem.inbound.evidence.models import Source
from tandem.schema import RequiredText, ShortText, Strict, long_text, ref

Tag = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1,
                                       max_length=64)]


class EvidenceCreate(Strict):
    text: RequiredText = long_text("Feedback", default=...)
    source: Source = Field(default=Source.other, title="Source")
    customer_company: ShortText = Field(
        default="", title="Company (as entered)",
        description="Found or created as a company record when saved.")
    customer_contact: ShortText = Field(
        default="", title="Contact (as entered)",
        description="A name or an email; found or created as a contact record when saved.")
    company_id: int | None = ref("Company")
    contact_id: int | None = ref("Contact")
    segment_id: int | None = ref("Segment")
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


class ImportReport(BaseModel):
    created: int
    skipped: list[str]

