"""Scoring shapes: scoring models (Create written here; Update and Public derived), the
importance weights, and one ranked row of the prioritisation table."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from tandem.schema import Strict, long_text
from tandem.schema import Text as TextField


class Method(StrEnum):
    rice = "rice"
    wsjf = "wsjf"
    importance = "importance"
    demand = "demand"
    formula = "formula"


METHOD_LABELS: dict[str, str] = {
    "rice": "RICE (reach x impact x confidence / effort)",
    "wsjf": "WSJF (cost of delay / job size)",
    "importance": "Customer importance score",
    "demand": "ARR-weighted demand",
    "formula": "Custom formula",
}


class ScoringModelCreate(Strict):
    name: str = Field(min_length=1, max_length=100, title="Name")
    method: Method = Field(default=Method.rice, title="Method")
    formula: str = Field(
        default="", max_length=500, title="Formula",
        description="Custom formulas only, e.g. reach * impact * confidence / 100 / effort. "
        "Fields: see the prioritisation page. Functions: min, max, abs, sqrt, ln, log10, "
        "round, clamp, if.")
    description: TextField = long_text("Description")


class WeightsBody(Strict):
    critical: float = Field(default=3.0, ge=0, le=1000)
    important: float = Field(default=2.0, ge=0, le=1000)
    nice_to_have: float = Field(default=1.0, ge=0, le=1000)
    not_important: float = Field(default=0.0, ge=0, le=1000)


def weights_public(points: dict[int, float]) -> WeightsBody:
    """The weights as the API shows them (and checksums them for If-Match and the form)."""
    return WeightsBody(critical=points[3], important=points[2], nice_to_have=points[1],
                       not_important=points[0])


class FormulaCheck(Strict):
    formula: str = Field(max_length=2000)


class FormulaCheckResult(BaseModel):
    ok: bool
    message: str = ""
    position: int = 0
    fields: list[str] = Field(default_factory=list)


class FieldInfoPublic(BaseModel):
    name: str
    description: str


class ScoredRow(BaseModel):
    """One opportunity in the prioritisation table."""

    rank: int | None
    opportunity_id: int
    title: str
    status: str
    evidence: int
    customers: int
    arr: float
    importance: float
    demand: float
    segments: dict[str, int]
    inputs: dict[str, float | str | None]
    score: float | None
    missing: list[str]
    error: str = ""
    value: float | None
    effort: float | None
    owner_id: int | None = None
    owner: str = ""


class RankingPublic(BaseModel):
    model_id: int
    model_name: str
    method: str
    rows: list[ScoredRow]
