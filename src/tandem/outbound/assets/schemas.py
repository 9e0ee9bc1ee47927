"""What a person sends to generate, edit and approve an asset; what the API answers."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tandem.outbound.assets.models import AssetKind
from tandem.outbound.messaging.models import HouseStatus
from tandem.schema import VERSION_FIELD, RequiredText, ShortText, Strict, ref


class AssetGenerate(Strict):
    kind: AssetKind
    house_id: int | None = ref("Messaging house")
    competitor: ShortText = Field(default="", title="Competitor (name), for a battlecard")
    release_id: int | None = ref("Release")
    product_id: int | None = ref("Product, for a plan comparison")


class AssetEdit(Strict):
    markdown: RequiredText = Field(title="Markdown")


class AssetStatusChange(Strict):
    status: HouseStatus


class AssetPublic(BaseModel):
    id: int
    kind: str
    title: str
    house_id: int | None
    release_id: int | None
    competitor_id: int | None
    product_id: int | None = None
    body: str
    version: int
    status: str
    approved_by: str
    approved_at: datetime | None
    row_version: int = VERSION_FIELD
    proof_point_ids: list[int]


class AssetVersionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    number: int
    author_label: str
    created_at: datetime
    body: str


class DiffLinePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    change: Literal["same", "added", "removed"]
    text: str


class AssetComparison(BaseModel):
    left: int
    right: int
    lines: list[DiffLinePublic]
