"""What a person sends to build a messaging house, and what the API answers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AnyUrl, BaseModel, Field, StringConstraints, field_validator

from tandem.outbound.messaging.models import HouseStatus, ProofKind
from tandem.schema import VERSION_FIELD, Name, RequiredText, ShortText, Strict, ref
from tandem.schema import Text as TextField

MIN_PILLARS = 2
MAX_PILLARS = 6
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]


class PillarIn(Strict):
    title: Name = Field(title="Pillar (a benefit, not a feature)")
    body: TextField = ""


class HouseCreate(Strict):
    name: Name
    product_id: int = Field(title="Product", ge=1, le=2**63 - 1)
    release_id: int | None = ref("Release")
    core_message: RequiredText = Field(title="Core message")
    pillars: list[PillarIn] = Field(min_length=MIN_PILLARS, max_length=MAX_PILLARS,
                                    title="Pillars")


class HouseUpdate(Strict):
    name: Name | None = None
    release_id: int | None = ref("Release")
    core_message: RequiredText | None = None
    status: HouseStatus | None = None


class ProofPointIn(Strict):
    claim: RequiredText = Field(title="Claim")
    kind: ProofKind = Field(default=ProofKind.evidence, title="Proof")
    evidence_id: int | None = ref("Evidence")
    metric: ShortText = Field(default="", title="Metric")
    source: ShortText = Field(default="", title="Source")
    url: Url = Field(default="", title="URL")

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if value:
            if not value.lower().startswith(("http://", "https://")):
                raise ValueError("must start with http:// or https://")
            AnyUrl(value)
        return value


class MatrixRowIn(Strict):
    persona_id: int = Field(title="Persona", ge=1, le=2**63 - 1)
    segment_id: int | None = ref("Segment")
    pain: TextField = Field(default="", title="Pain")
    key_message: RequiredText = Field(title="Key message")
    proof_point_id: int | None = ref("Proof point")
    call_to_action: ShortText = Field(default="", title="Call to action")


class ProofPointPublic(BaseModel):
    id: int
    pillar_id: int
    claim: str
    kind: str
    evidence_id: int | None
    cited_evidence_id: int | None
    quote: str | None = Field(description="The cited evidence's text, while it exists")
    metric: str
    source: str
    url: str


class PillarPublic(BaseModel):
    id: int
    position: int
    title: str
    body: str
    proof_points: list[ProofPointPublic]


class MatrixRowPublic(BaseModel):
    id: int
    persona_id: int
    persona: str
    segment_id: int | None
    segment: str | None
    pain: str
    key_message: str
    proof_point_id: int | None
    call_to_action: str


class HousePublic(BaseModel):
    id: int
    name: str
    product_id: int
    release_id: int | None
    core_message: str
    status: str
    approved_by: str
    approved_at: datetime | None
    row_version: int = VERSION_FIELD
    pillars: list[PillarPublic]
    matrix: list[MatrixRowPublic]
