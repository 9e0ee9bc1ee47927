"""The sizing API's shapes: a model's inputs (low, base, high per named input), and the
figures of each scenario with the formula that produced them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from tandem.market.sizing.calc import Method
from tandem.schema import VERSION_FIELD, Id, Name, Strict, long_text
from tandem.schema import Text as TextField

Number = Annotated[float, Field(allow_inf_nan=False)]
TierName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Key = Annotated[str, StringConstraints(max_length=40)]


class EstimateIn(Strict):
    low: Number
    base: Number
    high: Number
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] = Field(
        default="", description="Where the figure comes from: a source or an assumption")


class TierNames(Strict):
    tam: TierName = "TAM"
    sam: TierName = "SAM"
    som: TierName = "SOM"


Inputs = Annotated[dict[Key, EstimateIn], Field(max_length=12, description=(
    "Input key -> low, base and high values (shares in percent, 0-100) and a note"))]


class SizingCreate(Strict):
    name: Name
    method: Method
    inputs: Inputs
    segment_id: Id | None = None
    product_id: Id | None = None
    currency: Annotated[str, StringConstraints(strip_whitespace=True, max_length=8)] = ""
    horizon: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = Field(
        default="", description="The planning horizon of the SOM, e.g. '3 years'")
    assumptions: TextField = long_text("Assumptions")
    tier_names: TierNames = Field(default_factory=TierNames)


class SizingUpdate(Strict):
    name: Name | None = None
    inputs: Inputs | None = None
    segment_id: Id | None = None
    product_id: Id | None = None
    currency: Annotated[str, StringConstraints(strip_whitespace=True, max_length=8)] | None = None
    horizon: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    assumptions: TextField | None = None
    tier_names: TierNames | None = None


class FigureOut(BaseModel):
    tier: str
    name: str
    value: float
    formula: str


class InputOut(BaseModel):
    key: str
    label: str
    unit: str
    help: str
    low: float
    base: float
    high: float
    note: str


class SizingPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    method: Method
    segment_id: int | None
    product_id: int | None
    currency: str
    horizon: str
    assumptions: str
    tier_names: dict[str, str]
    created_at: datetime
    updated_at: datetime
    row_version: int = VERSION_FIELD


class SizingWithFigures(SizingPublic):
    inputs: list[InputOut]
    scenarios: dict[str, list[FigureOut]]
