"""GET /workspaces/{w}/evidence/search: hybrid search over evidence, with filters."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.inbound.search.schemas import EvidenceHitPublic, EvidenceSearchPublic
from tandem.inbound.search.service import (
    DEFAULT_LIMIT,
    MAX_FILTER_VALUE,
    MAX_LIMIT,
    MAX_QUERY,
    Mode,
    search_evidence,
)

router = APIRouter()

Filter = Annotated[str | None, Query(max_length=MAX_FILTER_VALUE)]


@router.get("/workspaces/{workspace}/evidence/search", response_model=EvidenceSearchPublic,
            tags=["Evidence"], summary="Search evidence by keyword and by meaning",
            description="Hybrid (default) fuses full-text and vector rankings with reciprocal "
            "rank fusion; without stored vectors it answers with keyword matches and says so "
            "in `used` and `note`. Filters that evidence cannot apply yet answer 422.")
def search(workspace: str, runtime: RuntimeDep, actor: ActorDep,
           q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY)],
           mode: Mode = Mode.hybrid,
           limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
           source: Filter = None, company: Filter = None, segment: Filter = None,
           persona: Filter = None, theme: Filter = None, tag: Filter = None,
           linked: Filter = None, received_from: date | None = None,
           received_to: date | None = None) -> Any:
    filters = {name: value for name, value in (
        ("source", source), ("company", company), ("segment", segment),
        ("persona", persona), ("theme", theme), ("tag", tag), ("linked", linked),
        ("received_from", received_from.isoformat() if received_from else None),
        ("received_to", received_to.isoformat() if received_to else None)) if value}
    with runtime.scope(actor, workspace) as scope:
        found = search_evidence(scope, runtime.embedder, q, mode, filters, limit)
        return EvidenceSearchPublic(
            q=found.q, mode=found.mode.value, used=found.used.value,
            semantic_available=found.semantic_available, note=found.note,
            filters=found.filters,
            hits=[EvidenceHitPublic(
                id=h.evidence.id, text=h.evidence.text, source=h.evidence.source,
                customer_company=h.evidence.customer_company,
                received_on=h.evidence.received_on, tags=h.evidence.tags, score=h.score,
                matched_by=h.matched_by, keyword_rank=h.keyword_rank,
                semantic_rank=h.semantic_rank, similarity=h.similarity,
                snippet_html=str(h.snippet)) for h in found.hits])
