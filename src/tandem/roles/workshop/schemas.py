"""What people send to run a workshop, and what the API answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from tandem.schema import Id, Name, Strict
from tandem.schema import Text as TextField

Score = Annotated[int, Field(ge=0, le=5)]
Letter = Literal["R", "A", "C", "I", ""]


class WorkshopCreate(Strict):
    title: Name
    participant_ids: list[Id] = Field(min_length=1, max_length=50,
                                      description="People (members or named roles) taking part")


class AnswerIn(Strict):
    activity: Name
    raci: Letter = Field(default="", description="Your letter: R, A, C, I, or empty for none")
    importance: Score | None = None
    assessment: Score | None = Field(default=None, description="How well it is done today")
    hours: float | None = Field(default=None, ge=0, le=80, description="Hours a week")


class AnswersIn(Strict):
    answers: list[AnswerIn] = Field(max_length=500)


class DecisionIn(Strict):
    activity: Name
    accountable_id: Id
    responsible_ids: list[Id] = Field(default_factory=list, max_length=20)
    note: TextField = ""


class ActionIn(Strict):
    activity: Name
    barrier: TextField = ""
    fix: Annotated[str, Field(min_length=1, max_length=2000)]
    owner_id: Id | None = None
    due_on: date | None = None


class ReassessIn(Strict):
    reassess_on: date | None


class Attributes(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ParticipantPublic(Attributes):
    person_id: int
    name: str
    side: str
    answered: bool


class ProposalPublic(Attributes):
    activity: str
    person: str
    raci: str | None
    importance: int | None
    assessment: int | None
    hours: float | None


class ConflictPublic(Attributes):
    code: str
    label: str
    activity: str
    people: list[str]
    message: str


class GapPublic(Attributes):
    activity: str
    importance: float
    assessment: float
    size: float
    answers: int


class DecisionPublic(Attributes):
    activity: str
    accountable_id: int
    responsible_ids: list[int]
    note: str
    decided_by: str
    created_at: datetime


class ActionPublic(Attributes):
    id: int
    activity: str
    barrier: str
    fix: str
    owner_id: int | None
    due_on: date | None


class WorkshopPublic(Attributes):
    id: int
    title: str
    stage: str
    facilitator: str
    reassess_on: date | None
    participants: list[ParticipantPublic]
    proposals: list[ProposalPublic] = Field(description="Empty until the reveal")
    conflicts: list[ConflictPublic]
    agreed: list[str]
    gaps: list[GapPublic]
    headcount: dict[str, float]
    decisions: list[DecisionPublic]
    actions: list[ActionPublic]
