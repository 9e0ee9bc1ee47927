"""The API's shapes for the duplicates queue, merges and dismissals."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from tandem.schema import Strict

Ids = list[Any]


class DuplicateItemPublic(BaseModel):
    id: int
    text: str
    source: str
    customer_company: str
    customer_contact: str
    received_on: date
    tags: list[str]


class DuplicatePairPublic(BaseModel):
    first_id: int
    second_id: int
    score: float


class DuplicateGroupPublic(BaseModel):
    items: list[DuplicateItemPublic]
    pairs: list[DuplicatePairPublic]
    best: float


class DuplicateQueuePublic(BaseModel):
    total: int
    groups: list[DuplicateGroupPublic]


class MergeRequest(Strict):
    keep: int = Field(ge=1, le=2**31 - 1, description="The evidence that stays.")
    merge: list[int] = Field(min_length=1, max_length=50,
                             description="Evidence merged into it (then removed).")


class DismissRequest(Strict):
    ids: list[int] = Field(min_length=2, max_length=51,
                           description="Items that are not duplicates of each other.")


class ScanRequest(Strict):
    threshold: float = Field(default=0.9, ge=0.5, le=1.0,
                             description="Cosine similarity at or above which two items pair.")


class MergeRecordPublic(BaseModel):
    merged_id: int
    merged_by: str
    snapshot: dict[str, Any]
