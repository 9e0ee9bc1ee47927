"""Shapes of the roles API: the matrix, findings, departures and catalog changes."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tandem.roles.catalog import COLUMNS
from tandem.schema import Strict


class ActivityPublic(BaseModel):
    name: str
    column: str
    direction: str
    description: str
    proof: str
    hidden: bool
    builtin: str


class ActivityCreate(Strict):
    name: str = Field(min_length=1, max_length=200)
    column: str = Field(max_length=32, description=f"One of {', '.join(COLUMNS)}")
    direction: str = Field(max_length=16, description="inbound, outbound or shared")
    description: str = Field(default="", max_length=2000)


class ActivityChange(Strict):
    name: str | None = Field(default=None, min_length=1, max_length=200,
                             description="A new name")
    hidden: bool | None = None


class FindingPublic(BaseModel):
    severity: str
    code: str
    activity: str
    person: str
    message: str


class DeparturePublic(BaseModel):
    activity: str
    role: str
    expected: str
    actual: str
    message: str


class PersonLetter(BaseModel):
    person_id: int
    person: str
    raci: str
    letter: str = Field(description="The letter the chosen lens shows; empty where the lens "
                        "has no counterpart (RAPID has no Informed)")
    role: str = Field(description="The lens's name for it, e.g. Driver; empty likewise")


class LensRolePublic(BaseModel):
    letter: str
    name: str
    meaning: str
    raci: str = Field(description="The RACI letter shown as this role; empty when none")


class MatrixRow(BaseModel):
    activity: str
    column: str
    direction: str
    letters: list[PersonLetter]


class MatrixPublic(BaseModel):
    lens: str = Field(description="raci, daci or rapid: how the letters are shown")
    legend: list[LensRolePublic]
    lens_notes: list[str] = Field(description="What has no counterpart under the lens, and "
                                  "what the lens flags that RACI does not")
    preset: str
    people: list[dict[str, object]]
    rows: list[MatrixRow]
    findings: list[FindingPublic]
    gaps: list[str]
    departures: list[DeparturePublic]


class PresetBody(Strict):
    preset: str = Field(max_length=32)
