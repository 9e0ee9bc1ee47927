"""The API's shape of a hybrid evidence search."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class EvidenceHitPublic(BaseModel):
    id: int
    text: str
    source: str
    customer_company: str
    received_on: date
    tags: list[str]
    score: float = Field(description="Reciprocal-rank-fusion score; higher is better.")
    matched_by: str = Field(description="keyword, meaning or both")
    keyword_rank: int | None
    semantic_rank: int | None
    similarity: float | None = Field(description="Cosine with the query, when found by meaning.")
    snippet_html: str = Field(description="Escaped HTML around the matches, in <mark> tags.")


class EvidenceSearchPublic(BaseModel):
    q: str
    mode: str
    used: str = Field(description="The mode that ran (keyword when there are no vectors yet).")
    semantic_available: bool
    note: str
    filters: dict[str, str]
    hits: list[EvidenceHitPublic]
