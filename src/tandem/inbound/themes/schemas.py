"""The API's shapes for themes and their curation."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from tandem.inbound.customers.schemas import SegmentShare
from tandem.inbound.themes.models import DESCRIPTION_LENGTH, LABEL_LENGTH
from tandem.schema import Strict

Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                         max_length=LABEL_LENGTH)]
Description = Annotated[str, StringConstraints(strip_whitespace=True,
                                               max_length=DESCRIPTION_LENGTH)]
EvidenceIds = list[int]  # each checked against MAX_ID by the service (a 422)


class QuotePublic(BaseModel):
    id: int
    text: str
    customer_company: str
    received_on: date


class ThemePublic(BaseModel):
    id: int
    label: str
    description: str
    size: int
    label_curated: bool
    pinned: bool
    hidden: bool
    merged: bool
    opportunity_id: int | None
    quotes: list[QuotePublic]
    companies: int
    arr: int
    top_segments: list[SegmentShare]
    trend: list[int] = Field(description="Items received per week, oldest first; the last "
                             "is the current week (weeks start on Monday).")
    trend_from: date = Field(description="The Monday of the first week in `trend`.")


class ThemesPublic(BaseModel):
    themes: list[ThemePublic]
    hidden: int = Field(description="Hidden themes (listed with hidden=true).")
    unsorted: int = Field(description="Embedded evidence in no theme.")
    embedded: int = Field(description="Evidence with a vector of the workspace's model.")


class ThemeMemberPublic(BaseModel):
    id: int
    text: str
    customer_company: str
    received_on: date
    placed: bool = Field(description="A person put it in this theme; runs leave it there.")


class ThemeMembersPublic(BaseModel):
    total: int
    items: list[ThemeMemberPublic]


class ThemeUpdate(Strict):
    label: Label | None = Field(default=None, description="A new label; it survives runs.")
    description: Description | None = None
    pinned: bool | None = Field(default=None, description="Pinned themes keep their items.")
    hidden: bool | None = Field(default=None, description="Hidden themes leave the list.")


class MergeRequest(Strict):
    themes: list[int] = Field(min_length=1, max_length=50,
                             description="Themes merged into this one (then removed).")


class SplitRequest(Strict):
    evidence_ids: EvidenceIds | None = Field(
        default=None, max_length=5000,
        description="Items that become the new theme; without them the theme is "
        "re-clustered in two and the smaller half becomes the new theme.")
    label: Label | None = Field(default=None, description="The new theme's label.")


class MoveRequest(Strict):
    evidence_ids: EvidenceIds = Field(min_length=1, max_length=5000,
                                      description="Items put in this theme.")


class OpportunityRequest(Strict):
    title: Label | None = Field(default=None,
                                description="The opportunity's title (the theme's label "
                                "if not given).")


class OpportunityMade(BaseModel):
    id: int
    title: str
    linked: int
