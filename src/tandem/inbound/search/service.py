"""Hybrid search over evidence: keyword (full text) and meaning (vectors), one ranking.

`search_evidence(scope, embedder, q, mode, filters)`:
- keyword: the full-text interface ranks the matching evidence (bm25 / ts_rank);
- semantic: the query is embedded with the workspace's embedder and the nearest stored
  vectors of that model are taken (exact below the ANN threshold, an HNSW index above it:
  `tandem.storage.vectors`), keeping those at least MIN_SIMILARITY alike;
- hybrid fuses both with reciprocal rank fusion (`engine.fuse`, the reasons are there).
When the workspace has no vectors of the embedder's model yet, hybrid and semantic fall back
to keyword-only and the result says so (`semantic_available`, `note`).

Filters are named for people (source, company, segment, persona, theme, tag, linked,
received_from, received_to). Each name maps to the evidence resource's own filters: the
first key in FILTERS that the evidence kind declares is used, so a filter lights up as soon
as its feature adds the column and declares the filter (company_id for companies, persona_id,
theme_id); until then asking for it is a 422 that says it is not available yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from markupsafe import Markup
from sqlalchemy import ColumnElement, func, select

from tandem.errors import Invalid
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.evidence.service import evidence
from tandem.inbound.search import engine
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.storage.embedder import Embedder
from tandem.storage.fulltext import MAX_TERMS, fulltext_for, terms
from tandem.storage.vectors import MAX_K, MAX_WITHIN, vectors_for

MAX_QUERY = 500  # characters
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
CANDIDATES = 200  # taken from each ranking before fusing
# Cosine below which a "nearest" item is not shown as a match by meaning: with MiniLM,
# unrelated customer messages sit around 0.0-0.25 and paraphrases of one problem above 0.4.
MIN_SIMILARITY = 0.3

# Filter names people use -> the evidence filters that implement them, first declared wins.
FILTERS: dict[str, tuple[str, ...]] = {
    "source": ("source",),
    "company": ("company_id", "customer_company"),
    "segment": ("segment_id",),
    "persona": ("persona_id", "persona"),
    "theme": ("theme_id", "theme"),
    "tag": ("tag",),
    "linked": ("linked",),
}
DATE_FILTERS = ("received_from", "received_to")
MAX_FILTER_VALUE = 200


class Mode(StrEnum):
    hybrid = "hybrid"
    keyword = "keyword"
    semantic = "semantic"


@dataclass
class EvidenceHit:
    evidence: Evidence
    score: float  # the fused score (keyword- or semantic-only: the same formula, one list)
    keyword_rank: int | None
    semantic_rank: int | None
    similarity: float | None  # cosine with the query, when found by meaning
    snippet: Markup  # escaped text around the matches, matches in <mark>

    @property
    def matched_by(self) -> str:
        both = self.keyword_rank is not None and self.semantic_rank is not None
        return "both" if both else "keyword" if self.keyword_rank is not None else "meaning"


@dataclass
class SearchResult:
    q: str
    mode: Mode  # what was asked
    used: Mode  # what ran: keyword when meaning was asked but there are no vectors yet
    semantic_available: bool
    hits: list[EvidenceHit] = field(default_factory=list)
    note: str = ""
    filters: dict[str, str] = field(default_factory=dict)


def available_filters() -> dict[str, str | None]:
    """Each filter name -> the evidence filter behind it now (None: not available yet)."""
    found: dict[str, str | None] = {}
    for name, keys in FILTERS.items():
        found[name] = next((k for k in keys if k in evidence.filters), None)
    for name in DATE_FILTERS:
        found[name] = name
    return found


def _date(name: str, raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Invalid(f"Filter '{name}' takes a date as YYYY-MM-DD, not '{raw[:40]}'.",
                      name) from None


def filter_clauses(filters: Mapping[str, str]) -> tuple[list[ColumnElement[bool]],
                                                         dict[str, str]]:
    """The WHERE clauses for `filters` and the filters as applied (empty values dropped);
    Invalid for an unknown name, a bad value or a filter that is not available yet."""
    plugged = available_filters()
    clauses: list[ColumnElement[bool]] = []
    applied: dict[str, str] = {}
    for name, value in filters.items():
        raw = (value or "").strip()
        if not raw:
            continue
        if name not in plugged:
            known = ", ".join(plugged)
            raise Invalid(f"Unknown filter '{name[:40]}' (known: {known}).", name[:40])
        if len(raw) > MAX_FILTER_VALUE:
            raise Invalid(f"Filter '{name}' is longer than {MAX_FILTER_VALUE} characters.", name)
        key = plugged[name]
        if key is None:
            raise Invalid(f"Filter '{name}' is not available yet: evidence has no {name} "
                          "to filter on.", name)
        applied[name] = raw
        if name == "received_from":
            clauses.append(Evidence.received_on >= _date(name, raw))
        elif name == "received_to":
            clauses.append(Evidence.received_on <= _date(name, raw))
        else:
            clauses.append(evidence.filter_clause(key, raw))
    start, end = applied.get("received_from"), applied.get("received_to")
    if start and end and start > end:
        raise Invalid("The date range ends before it starts.", "received_to")
    return clauses, applied


def _check_query(q: str) -> str:
    text = q.strip()
    if len(text) > MAX_QUERY:
        raise Invalid(f"A search is at most {MAX_QUERY} characters.", "q")
    if not terms(text):
        raise Invalid("Type at least one word to search for.", "q")
    return text


def search_evidence(scope: Scope, embedder: Embedder, q: str, mode: Mode = Mode.hybrid,
                    filters: Mapping[str, str] | None = None,
                    limit: int = DEFAULT_LIMIT) -> SearchResult:
    """The best `limit` evidence items for `q`, by keyword, meaning or both (see module)."""
    scope.require(Action.read, evidence)
    text = _check_query(q)
    if not 1 <= limit <= MAX_LIMIT:
        raise Invalid(f"limit must be between 1 and {MAX_LIMIT}.", "limit")
    clauses, applied = filter_clauses(filters or {})
    session, ws = scope.session, scope.workspace_id
    mine = select(Evidence.id).where(Evidence.workspace_id == ws, *clauses)
    store = vectors_for(session)
    semantic_available = store.count(session, ws, evidence.name, embedder.name) > 0
    used = mode if semantic_available or mode is Mode.keyword else Mode.keyword
    result = SearchResult(text, mode, used, semantic_available, filters=applied)
    if used is not mode:
        result.note = ("Search by meaning starts once the evidence has been embedded; until "
                       "then these are keyword matches only.")

    keyword: list[int] = []
    if used in (Mode.hybrid, Mode.keyword):
        keyword = [i for i, _ in fulltext_for(session).ranked(
            session, ws, evidence.name, text, CANDIDATES, mine if clauses else None)]
    semantic: list[tuple[int, float]] = []
    if used in (Mode.hybrid, Mode.semantic):
        semantic = _nearest(scope, embedder, text, clauses)
    similarity = dict(semantic)
    fused = engine.fuse(keyword, [i for i, _ in semantic])[:limit]
    rows = {e.id: e for e in session.scalars(
        select(Evidence).where(Evidence.workspace_id == ws,
                               Evidence.id.in_([f.object_id for f in fused])))}
    words = terms(text)[:MAX_TERMS]
    for f in fused:
        item = rows.get(f.object_id)
        if item is None:  # a vector whose evidence is gone
            continue
        marks = words if f.keyword_rank is not None else []
        result.hits.append(EvidenceHit(item, f.score, f.keyword_rank, f.semantic_rank,
                                       similarity.get(f.object_id),
                                       engine.highlight(item.text, marks)))
    return result


def _nearest(scope: Scope, embedder: Embedder, text: str,
             clauses: list[ColumnElement[bool]]) -> list[tuple[int, float]]:
    """Evidence nearest in meaning to `text`, at least MIN_SIMILARITY alike, within the
    filters: exactly over the filtered items when they are few, else from the nearest
    overall (an approximate index past its threshold) with the filters applied after."""
    session, ws = scope.session, scope.workspace_id
    store = vectors_for(session)
    query = embedder.embed([text])[0]
    if clauses:
        allowed_ids = select(Evidence.id).where(Evidence.workspace_id == ws, *clauses)
        count = session.scalar(select(func.count()).select_from(allowed_ids.subquery())) or 0
        if count <= MAX_WITHIN:
            ids = list(session.scalars(allowed_ids))
            found = store.nearest(session, ws, evidence.name, embedder.name, query,
                                  CANDIDATES, within=ids)
        else:
            near = store.nearest(session, ws, evidence.name, embedder.name, query, MAX_K)
            keep = set(session.scalars(allowed_ids.where(
                Evidence.id.in_([i for i, _ in near]))))
            found = [(i, s) for i, s in near if i in keep][:CANDIDATES]
    else:
        found = store.nearest(session, ws, evidence.name, embedder.name, query, CANDIDATES)
    return [(i, s) for i, s in found if s >= MIN_SIMILARITY]
