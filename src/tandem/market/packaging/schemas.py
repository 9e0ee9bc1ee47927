"""A product's packaging as the API takes and gives it: plans (in order, each with its
price points) and the features listed across them (in order, each with what every plan
gets). Edited as one piece."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from tandem.market.packaging.models import (
    FEATURE_NAME,
    LIMIT_TEXT,
    PLAN_DESCRIPTION,
    PLAN_NAME,
    BillingPeriod,
    FeatureState,
    PriceUnit,
)
from tandem.schema import VERSION_FIELD, Strict

MAX_PLANS = 8
MAX_PRICES = 4
MAX_FEATURES = 60
MAX_AMOUNT = 1e9

PlanName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                            max_length=PLAN_NAME)]
Currency = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True,
                                            pattern=r"^[A-Za-z]{3}$", min_length=3,
                                            max_length=3)]
Amount = Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]


class PriceIn(Strict):
    amount: Amount = Field(title="Amount")
    currency: Currency = Field(title="Currency", description="ISO 4217 code: EUR, USD, GBP")
    period: BillingPeriod = Field(default=BillingPeriod.monthly, title="Billing period")
    unit: PriceUnit = Field(default=PriceUnit.flat, title="Per seat or flat")


class PlanIn(Strict):
    name: PlanName = Field(title="Plan")
    description: Annotated[str, StringConstraints(strip_whitespace=True,
                                                  max_length=PLAN_DESCRIPTION)] = Field(
        default="", title="Who it is for")
    prices: Annotated[list[PriceIn], Field(max_length=MAX_PRICES)] = Field(
        default_factory=list, title="Price points")


class CellIn(Strict):
    state: FeatureState = FeatureState.included
    limit: Annotated[str, StringConstraints(strip_whitespace=True,
                                            max_length=LIMIT_TEXT)] = ""


class FeatureIn(Strict):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                           max_length=FEATURE_NAME)] = Field(title="Feature")
    cells: Annotated[dict[PlanName, CellIn], Field(max_length=MAX_PLANS)] = Field(
        default_factory=dict, title="What each plan gets",
        description="By plan name; a plan left out does not include the feature.")


class PackagingIn(Strict):
    plans: Annotated[list[PlanIn], Field(max_length=MAX_PLANS)] = Field(default_factory=list)
    features: Annotated[list[FeatureIn], Field(max_length=MAX_FEATURES)] = Field(
        default_factory=list)


class PricePublic(BaseModel):
    amount: float
    currency: str
    period: BillingPeriod
    unit: PriceUnit
    label: str
    monthly: float | None


class PlanPublic(BaseModel):
    id: int
    name: str
    description: str
    position: int
    prices: list[PricePublic]


class CellPublic(BaseModel):
    state: FeatureState
    limit: str


class FeaturePublic(BaseModel):
    id: int
    name: str
    position: int
    cells: dict[str, CellPublic]


class PackagingPublic(BaseModel):
    product_id: int
    product: str
    plans: list[PlanPublic]
    features: list[FeaturePublic]
    row_version: int = VERSION_FIELD
