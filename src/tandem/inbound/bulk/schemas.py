"""What a bulk action takes and answers: at most MAX_IDS ids, one action, its argument."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field

from tandem.inbound.evidence.schemas import Tag
from tandem.inbound.opportunity import OpportunityStatus
from tandem.schema import MAX_ID, Strict

MAX_IDS = 500  # one transaction; larger selections go in several calls

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Ids = Annotated[list[Id], Field(min_length=1, max_length=MAX_IDS, title="Ids",
                                description=f"The objects to act on, 1 to {MAX_IDS}.")]


class BulkAction(StrEnum):
    link = "link"
    tag = "tag"
    move = "move"
    delete = "delete"


class EvidenceBulk(Strict):
    """link: to `opportunity_id`; tag: add `tag`; move: to segment `segment_id`; delete."""

    action: BulkAction
    ids: Ids
    opportunity_id: int | None = Field(default=None, ge=1, le=MAX_ID, title="Opportunity",
                                       description="For link: the opportunity to link to.")
    tag: Tag | None = Field(default=None, title="Tag", description="For tag: the tag to add.")
    segment_id: int | None = Field(default=None, ge=1, le=MAX_ID, title="Segment",
                                   description="For move: the segment to move them into.")


class OpportunityBulk(Strict):
    """link: to `release_id`; move: to `status`; delete. Opportunities have no tags."""

    action: BulkAction
    ids: Ids
    release_id: int | None = Field(default=None, ge=1, le=MAX_ID, title="Release",
                                   description="For link: the release to add them to.")
    status: OpportunityStatus | None = Field(default=None, title="Status",
                                             description="For move: the new status.")


class BulkResult(BaseModel):
    """How many were changed and how many already were as asked (left alone)."""

    action: BulkAction
    changed: int
    unchanged: int
    message: str
