"""Strategy's API shapes: the tree, a product's vision, grouping, and the trace upwards."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from tandem.inbound.strategy.calc import LifecycleStage
from tandem.inbound.strategy.records import initiatives, key_results, objectives
from tandem.inbound.strategy.service import VISION_LENGTH
from tandem.loop.links import LinkedPublic
from tandem.schema import Id, Multiline, Strict

VisionText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=VISION_LENGTH),
                       Multiline()]

_objective: Any = objectives.public_schema
_key_result: Any = key_results.public_schema
_initiative: Any = initiatives.public_schema


class Attributes(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class KeyResultView(Attributes):
    key_result: _key_result
    progress: float | None = Field(description="0 to 1 from start to target; null unmeasured")


class InitiativeView(Attributes):
    initiative: _initiative
    opportunities: list[LinkedPublic]
    releases: list[LinkedPublic]


class ObjectiveView(Attributes):
    objective: _objective
    progress: float | None = Field(description="Mean progress of its measured key results")
    key_results: list[KeyResultView]
    initiatives: list[InitiativeView]


class ProductRef(Attributes):
    id: int
    name: str


class ProductView(Attributes):
    product: ProductRef
    vision: str
    lifecycle_stage: LifecycleStage | None


class StrategyPublic(Attributes):
    products: list[ProductView]
    objectives: list[ObjectiveView]
    loose: list[InitiativeView] = Field(description="Initiatives serving no objective yet")


class VisionSet(Strict):
    vision: VisionText = Field(default="", description="Where the product is going, in a "
                                                       "few sentences")
    lifecycle_stage: LifecycleStage = Field(description="introduction, growth, maturity or "
                                                        "decline")


class VisionPublic(Attributes):
    product_id: int
    vision: str
    lifecycle_stage: LifecycleStage


class ItemAdd(Strict):
    kind: Literal["opportunities", "releases"]
    id: Id


class ServesPublic(Attributes):
    initiative: _initiative
    objective: _objective | None
    objective_progress: float | None
    via: LinkedPublic | None = Field(default=None,
                                     description="The opportunity a release serves it through")
