"""Evidence with vectors for search and duplicate tests (the hashing embedder stores them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tandem.inbound.evidence.models import Evidence
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.scope import Scope
from tandem.storage.embedder import Embedder, HashingEmbedder
from tandem.storage.vectors import vectors_for

EMBEDDER = HashingEmbedder()


def add(scope: Scope, text: str, embed: bool = True, embedder: Embedder = EMBEDDER,
        **fields: Any) -> Evidence:
    """One evidence item, and (unless embed=False) its vector, as the embedding job would."""
    item = evidence.create(scope, EvidenceCreate.model_validate({"text": text, **fields}))
    if embed:
        vectors_for(scope.session).put(scope.session, scope.workspace_id, "evidence", item.id,
                                       embedder.name, embedder.embed([text])[0])
    return item


DAY = date(2026, 3, 4)
