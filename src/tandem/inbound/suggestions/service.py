"""Suggested evidence for an opportunity, and its customer quotes ranked for writing.

`suggest` ranks the evidence not linked to the opportunity (and not rejected for it) by
meaning: the opportunity's title and problem are embedded with the workspace's embedder and
joined with the centre of its linked evidence's stored vectors (`engine.query_vector`), then
the nearest stored evidence vectors are taken (`VectorStore.nearest`, exact or approximate
past its threshold). `accept` links an item (and forgets a rejection), `reject` remembers
that it is not about this opportunity, so it is never suggested again.

`quotes` ranks the evidence already linked, for use in requirements and messaging, by
similarity, the importance the customer gave it and the customer's ARR (`engine.quote_score`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select

from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.customers.models import Company
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.evidence.service import evidence as evidence_kind
from tandem.inbound.opportunity import Opportunity, opportunities
from tandem.inbound.scoring import calc
from tandem.inbound.scoring import service as scoring
from tandem.inbound.suggestions import engine
from tandem.inbound.suggestions.models import SuggestionRejection
from tandem.loop import links
from tandem.loop.models import EvidenceOpportunity
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.storage.embedder import Embedder
from tandem.storage.vectors import vectors_for

KIND = evidence_kind.name
MAX_LIMIT = 50
DEFAULT_LIMIT = 10
# Below this cosine an item is not offered: with MiniLM unrelated feedback sits near 0-0.2.
MIN_SIMILARITY = 0.2
MAX_QUOTES = 50


@dataclass
class Suggestion:
    evidence: Evidence
    similarity: float


@dataclass
class Suggestions:
    opportunity: Opportunity
    items: list[Suggestion] = field(default_factory=list)
    available: bool = True  # False until the workspace's evidence has vectors
    rejected: int = 0
    note: str = ""


def _opportunity_text(opp: Opportunity) -> str:
    return f"{opp.title}\n{opp.problem}".strip()


def _linked_ids(scope: Scope, opportunity_id: int) -> list[int]:
    return list(scope.session.scalars(select(EvidenceOpportunity.evidence_id).where(
        EvidenceOpportunity.workspace_id == scope.workspace_id,
        EvidenceOpportunity.opportunity_id == opportunity_id)))


def _rejected_ids(scope: Scope, opportunity_id: int) -> list[int]:
    return list(scope.session.scalars(select(SuggestionRejection.evidence_id).where(
        SuggestionRejection.workspace_id == scope.workspace_id,
        SuggestionRejection.opportunity_id == opportunity_id)))


def suggest(scope: Scope, embedder: Embedder, opportunity_id: int,
            limit: int = DEFAULT_LIMIT) -> Suggestions:
    """The unlinked, unrejected evidence nearest in meaning to the opportunity."""
    opp = opportunities.get(scope, opportunity_id)
    scope.require(Action.read, evidence_kind)
    if not 1 <= limit <= MAX_LIMIT:
        raise Invalid(f"limit must be between 1 and {MAX_LIMIT}.", "limit")
    session, ws = scope.session, scope.workspace_id
    store = vectors_for(session)
    linked, rejected = _linked_ids(scope, opp.id), _rejected_ids(scope, opp.id)
    result = Suggestions(opp, rejected=len(rejected))
    if store.count(session, ws, KIND, embedder.name) == 0:
        result.available = False
        result.note = ("Suggestions appear once the evidence has been embedded (a background "
                       "job does it a minute or so after evidence arrives).")
        return result
    _, linked_rows = store.vectors_of(session, ws, KIND, embedder.name, linked)
    query = engine.query_vector(embedder.embed([_opportunity_text(opp)])[0],
                                linked_rows if linked_rows.size else None)
    near = store.nearest(session, ws, KIND, embedder.name, query, limit,
                         exclude_ids={*linked, *rejected})
    near = [(i, s) for i, s in near if s >= MIN_SIMILARITY]
    rows = {e.id: e for e in session.scalars(select(Evidence).where(
        Evidence.workspace_id == ws, Evidence.id.in_([i for i, _ in near] or [0])))}
    result.items = [Suggestion(rows[i], s) for i, s in near if i in rows]
    if not result.items:
        result.note = "Nothing else in the evidence is close to this opportunity."
    return result


def _evidence(scope: Scope, evidence_id: int) -> Evidence:
    try:
        return evidence_kind.get(scope, evidence_id)
    except NotFound as exc:
        raise Invalid(exc.message, "evidence_id") from None


def accept(scope: Scope, opportunity_id: int, evidence_id: int,
           importance: int | None = None) -> None:
    """Link the suggested evidence to the opportunity (forgetting any rejection)."""
    links.link(scope, "evidence", evidence_id, "opportunities", opportunity_id, importance)
    scope.session.execute(delete(SuggestionRejection).where(
        SuggestionRejection.workspace_id == scope.workspace_id,
        SuggestionRejection.opportunity_id == opportunity_id,
        SuggestionRejection.evidence_id == evidence_id))


def reject(scope: Scope, opportunity_id: int, evidence_id: int) -> bool:
    """Remember that this evidence is not about the opportunity; False if it already was."""
    scope.require(Action.link)
    opp = opportunities.get(scope, opportunity_id)
    item = _evidence(scope, evidence_id)
    if evidence_id in _linked_ids(scope, opp.id):
        raise Conflict(f"Evidence {evidence_id} is linked to this opportunity; unlink it "
                       "instead.", "evidence_id")
    if evidence_id in _rejected_ids(scope, opp.id):
        return False
    scope.session.add(SuggestionRejection(workspace_id=scope.workspace_id,
                                          opportunity_id=opp.id, evidence_id=item.id,
                                          rejected_by=scope.actor.label[:254]))
    scope.session.flush()
    events.record(scope, "suggestion_rejected", opportunities.name, opp.id, opp.title,
                  {"evidence": [None, item.id]})
    return True


def restore(scope: Scope, opportunity_id: int, evidence_id: int) -> bool:
    """Offer a rejected item again; False if it was not rejected."""
    scope.require(Action.link)
    opportunities.get(scope, opportunity_id)
    done = scope.session.execute(delete(SuggestionRejection).where(
        SuggestionRejection.workspace_id == scope.workspace_id,
        SuggestionRejection.opportunity_id == opportunity_id,
        SuggestionRejection.evidence_id == evidence_id))
    return bool(getattr(done, "rowcount", 0))


def rejected(scope: Scope, opportunity_id: int) -> list[Evidence]:
    """The evidence turned down for this opportunity, newest rejection first."""
    opportunities.get(scope, opportunity_id)
    scope.require(Action.read, evidence_kind)
    return list(scope.session.scalars(
        select(Evidence).join(SuggestionRejection,
                              SuggestionRejection.evidence_id == Evidence.id)
        .where(SuggestionRejection.workspace_id == scope.workspace_id,
               SuggestionRejection.opportunity_id == opportunity_id)
        .order_by(SuggestionRejection.id.desc())))


@dataclass
class Quote:
    evidence: Evidence
    score: float
    similarity: float | None
    importance: int | None
    arr: float | None
    company: str


def quotes(scope: Scope, embedder: Embedder, opportunity_id: int,
           limit: int = 10) -> list[Quote]:
    """The opportunity's linked evidence as quotes, best for writing first (module doc)."""
    opp = opportunities.get(scope, opportunity_id)
    scope.require(Action.read, evidence_kind)
    if not 1 <= limit <= MAX_QUOTES:
        raise Invalid(f"limit must be between 1 and {MAX_QUOTES}.", "limit")
    session, ws = scope.session, scope.workspace_id
    rows = session.execute(
        select(Evidence, EvidenceOpportunity.importance, Company.arr, Company.name)
        .join(EvidenceOpportunity, EvidenceOpportunity.evidence_id == Evidence.id)
        .outerjoin(Company, Company.id == Evidence.company_id)
        .where(EvidenceOpportunity.workspace_id == ws,
               EvidenceOpportunity.opportunity_id == opp.id)).tuples().all()
    if not rows:
        return []
    store = vectors_for(session)
    similarity: dict[int, float] = {}
    ids, vectors = store.vectors_of(session, ws, KIND, embedder.name, [e.id for e, *_ in rows])
    if len(ids):
        query = engine.query_vector(embedder.embed([_opportunity_text(opp)])[0], None)
        scores = vectors @ query.astype(vectors.dtype)
        similarity = {int(i): float(s) for i, s in zip(ids, scores, strict=True)}
    weights = scoring.weights(scope)
    top_weight = max(weights.values()) if weights else 0.0
    top_arr = max((float(a) for _, _, a, _ in rows if a), default=0.0)
    found = []
    for item, importance, arr, company in rows:
        level = calc.UNSPECIFIED.value if importance is None else importance
        sim = similarity.get(item.id)
        score = engine.quote_score(sim, weights.get(int(level), 0.0), top_weight,
                                   float(arr) if arr else None, top_arr or None)
        found.append(Quote(item, score, sim, importance, float(arr) if arr else None,
                           company or item.customer_company or item.customer_contact))
    found.sort(key=lambda q: (-q.score, q.evidence.id))
    return found[:limit]
