"""The requirements document's request and response shapes (edited as one piece)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from tandem.inbound.requirements.engine import MAX_URL, CitationState, Status
from tandem.schema import MAX_ID, Id, Name, ShortText, Strict, long_text
from tandem.schema import Text as TextField

MAX_QUOTE = 1000
MAX_LINE = 1000
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_LINE)]
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                         max_length=MAX_QUOTE)]


class Citation(Strict):
    evidence_id: Id = Field(description="The evidence quoted.")
    quote: Quote = Field(description="Words taken from the evidence's text (case and spacing "
                                     "aside, they must appear in it).")


class Story(Strict):
    as_a: ShortText = Field(default="", description="Who: 'As a ...'")
    i_want: Line = Field(description="What they want: 'I want ...'")
    so_that: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_LINE)] = \
        Field(default="", description="Why: 'so that ...'")
    acceptance: list[Line] = Field(default_factory=list, max_length=20,
                                   description="Acceptance criteria, one per item.")
    citations: list[Citation] = Field(default_factory=list, max_length=10)


class Metric(Strict):
    name: Name = Field(description="What is measured.")
    target: ShortText = Field(default="", description="The target, e.g. 'under 5%'.")


class RequirementBody(Strict):
    """The whole document as written; PUT replaces it."""

    title: Name
    problem: TextField = long_text("Problem statement")
    problem_citations: list[Citation] = Field(default_factory=list, max_length=10)
    persona_ids: list[Id] = Field(default_factory=list, max_length=20,
                                  description="Personas affected (existing persona records).")
    stories: list[Story] = Field(default_factory=list, max_length=50)
    non_goals: list[Line] = Field(default_factory=list, max_length=30)
    metrics: list[Metric] = Field(default_factory=list, max_length=20)
    owner_id: int | None = Field(default=None, ge=1, le=MAX_ID, title="Owner",
                                 description="The person who writes it (a People id). Left "
                                 "out: unchanged; a document with no owner goes to the "
                                 "development-phase driver.")


class StatusBody(Strict):
    status: Status = Field(description="draft, in_review or approved (hand-off has its own "
                                       "route).")


class HandoffBody(Strict):
    what: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                           max_length=2000)] = Field(
        description="What was handed over, e.g. 'stories 1-3 for the Q3 release'.")
    to_user_id: Id | None = Field(default=None, description="A member of the workspace...")
    to_name: ShortText = Field(default="", description="...or a named person or team.")
    tracker_url: Annotated[str, StringConstraints(strip_whitespace=True,
                                                  max_length=MAX_URL)] = Field(
        default="", description="The ticket in the team's tracker (http or https).")


class CitationPublic(BaseModel):
    evidence_id: int
    quote: str
    state: CitationState
    customer: str = ""


class StoryPublic(BaseModel):
    as_a: str
    i_want: str
    so_that: str
    acceptance: list[str]
    citations: list[CitationPublic]


class PersonaRef(BaseModel):
    id: int
    name: str


class RequirementPublic(BaseModel):
    id: int
    opportunity_id: int
    opportunity_title: str
    title: str
    problem: str
    problem_citations: list[CitationPublic]
    personas: list[PersonaRef]
    stories: list[StoryPublic]
    non_goals: list[str]
    metrics: list[Metric]
    status: Status
    approved_by: str
    approved_at: datetime | None
    handoff_what: str
    handoff_to: str
    handoff_user_id: int | None
    handoff_by: str
    handoff_at: datetime | None
    tracker_url: str
    owner_id: int | None = None
    owner: str = ""
    created_at: datetime
    updated_at: datetime
    missing_citations: int = Field(description="Citations whose evidence was deleted or "
                                               "reworded.")
