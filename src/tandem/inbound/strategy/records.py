"""Objectives, key results and initiatives as record kinds (generic list, detail, edit and
CLI); grouping and the vision are commands in service.py."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, field_validator

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.inbound.strategy.models import Initiative, KeyResult, Objective
from tandem.schema import MAX_ID, Name, ShortText, Strict, long_text, ref
from tandem.schema import Text as TextField

Measure = Annotated[float, Field(ge=-1e12, le=1e12)]


class ObjectiveCreate(Strict):
    title: Name
    description: TextField = long_text("Description")
    period: Annotated[ShortText, Field(max_length=40, title="Period",
                                       description="e.g. 2027 H1 or Q3 2027")] = ""
    product_id: int | None = ref("Product")


class KeyResultCreate(Strict):
    objective_id: int = Field(title="Objective", ge=1, le=MAX_ID)
    title: Name
    unit: Annotated[ShortText, Field(max_length=20, title="Unit",
                                     description="%, accounts, EUR ...")] = ""
    start: Measure = Field(default=0.0, title="Start")
    target: Measure = Field(title="Target")
    current: Measure | None = Field(default=None, title="Current")

    @field_validator("start", "target", "current")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value


def _target_moves(kr: Mapping[str, Any]) -> None:
    if kr.get("target") is not None and kr.get("target") == kr.get("start"):
        raise Invalid("The target must differ from the start: progress is the way from one "
                      "to the other.", "target")


class InitiativeCreate(Strict):
    title: Name
    description: TextField = long_text("Description")
    objective_id: int | None = ref("Objective")


objectives: Resource[Objective] = Resource(
    name="objectives", label="Objective", plural="Objectives", model=Objective,
    create_schema=ObjectiveCreate, title_field="title", unique=("title",),
    search=("title", "description", "period"),
    filters={"product_id": Objective.product_id}, order_by=(Objective.title,))

key_results: Resource[KeyResult] = Resource(
    name="key-results", label="Key result", plural="Key results", model=KeyResult,
    create_schema=KeyResultCreate, title_field="title", search=("title",),
    filters={"objective_id": KeyResult.objective_id}, rules=(_target_moves,),
    order_by=(KeyResult.objective_id, KeyResult.id))

initiatives: Resource[Initiative] = Resource(
    name="initiatives", label="Initiative", plural="Initiatives", model=Initiative,
    create_schema=InitiativeCreate, title_field="title", unique=("title",),
    search=("title", "description"),
    filters={"objective_id": Initiative.objective_id}, order_by=(Initiative.title,))
