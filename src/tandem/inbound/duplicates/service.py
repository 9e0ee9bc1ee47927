"""Near-duplicate evidence: scanning stored vectors for pairs, the review queue, merge, dismiss.

Pairs are found from the vectors the embedding job stores (`tandem.storage.vectors`), never
by embedding here, so a scan costs no model time:
- on demand: `scan(scope, model)` compares every evidence item with every other (the
  `duplicates.scan` job);
- at import: the `duplicates.scan_new` chore runs every minute or two and compares only the
  items whose vectors changed since its last look (the `vector_changes` log), so new
  evidence is checked soon after its vectors exist, whoever stored them.
A pair is stored once (lower id first) with its status; a dismissed pair is never proposed
again, whatever later scans find.

Merging keeps everything of the merged items: their links to opportunities (the higher
importance wins when both are linked) and messages move to the survivor, their tags are
added (up to the 20 an item holds), empty customer fields of the survivor are filled from
them, and each merged item's full record, with all its tags and links, is kept in
`evidence_merges` on the survivor, so every customer who said it still counts. Each merge
records a `merged` event on the survivor (and the usual `deleted` event on the merged item).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import func, or_, select, update

from tandem.crud import require_version
from tandem.errors import Invalid, NotFound
from tandem.inbound.duplicates import engine
from tandem.inbound.duplicates.models import (
    DuplicatePair,
    DuplicateScan,
    EvidenceMerge,
    PairStatus,
)
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.evidence.service import evidence
from tandem.loop.models import EvidenceOpportunity, MessageEvidence
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope
from tandem.storage import ann
from tandem.storage.search_index import VectorChange, VectorGeneration
from tandem.storage.vectors import vectors_for

DEFAULT_THRESHOLD = 0.9  # cosine; MiniLM puts reworded copies of one message above it
MIN_THRESHOLD = 0.5
MAX_MERGE = 50  # items merged at once
MAX_TAGS = 20  # what one evidence item holds (EvidenceCreate.tags)
BLOCKWISE_UP_TO = 100_000  # vectors compared in numpy blocks; past it, per item via ANN
PER_ITEM_UP_TO = 500  # new items looked up one by one in the index rather than read all
CUSTOMER_FIELDS = ("customer_company", "customer_contact", "segment_id")

Progress = Callable[[int, int], None]


def _quiet(done: int, total: int) -> None:
    pass


def check_threshold(threshold: float) -> float:
    if not MIN_THRESHOLD <= threshold <= 1.0:
        raise Invalid(f"The threshold is a similarity between {MIN_THRESHOLD} and 1.",
                      "threshold")
    return threshold


# --- finding pairs ---------------------------------------------------------------------

def scan(scope: Scope, model: str, only: Sequence[int] | None = None,
         threshold: float = DEFAULT_THRESHOLD, progress: Progress = _quiet) -> int:
    """Find pairs among the evidence with vectors of `model`: each of `only` (default:
    every item) against all. Returns how many new pairs were stored."""
    scope.require(Action.update, evidence)
    check_threshold(threshold)
    session, ws = scope.session, scope.workspace_id
    store = vectors_for(session)
    live = select(Evidence.id).where(Evidence.workspace_id == ws)
    total = store.count(session, ws, evidence.name, model)
    if total == 0:
        return 0
    few = only is not None and len(only) <= PER_ITEM_UP_TO and total >= ann.ANN_THRESHOLD
    if total <= BLOCKWISE_UP_TO and not few:
        all_ids: list[int] = []
        blocks = []
        dim = store.dim(session, ws, model) or 0
        for ids, rows in store.all_vectors(session, ws, evidence.name, model, dim):
            all_ids.extend(ids)
            blocks.append(rows)
        matrix = np.vstack(blocks)
        keep = set(session.scalars(live))
        mask = np.fromiter((i in keep for i in all_ids), dtype=bool, count=len(all_ids))
        all_arr = np.asarray(all_ids, dtype=np.int64)[mask]
        matrix = matrix[mask]
        if only is None:
            new_ids, new_rows = all_arr, matrix
        else:
            wanted = np.isin(all_arr, np.asarray(list(only), dtype=np.int64))
            new_ids, new_rows = all_arr[wanted], matrix[wanted]
        pairs: list[engine.Pair] = []
        step = engine.BLOCK
        for start in range(0, len(new_ids), step):
            pairs.extend(engine.pairs_above(new_ids[start:start + step].tolist(),
                                            new_rows[start:start + step], all_arr.tolist(),
                                            matrix, threshold))
            progress(min(start + step, len(new_ids)), len(new_ids))
    else:
        pairs = _scan_by_index(scope, model, only, threshold, progress)
    return _store_pairs(scope, pairs)


def _scan_by_index(scope: Scope, model: str, only: Sequence[int] | None, threshold: float,
                   progress: Progress) -> list[engine.Pair]:
    """Per item through the nearest-neighbour interface (an ANN index at this size)."""
    session, ws = scope.session, scope.workspace_id
    store = vectors_for(session)
    ids = list(only) if only is not None else list(session.scalars(
        select(Evidence.id).where(Evidence.workspace_id == ws).order_by(Evidence.id)))
    found: dict[tuple[int, int], float] = {}
    for done, item in enumerate(ids, start=1):
        got, rows = store.vectors_of(session, ws, evidence.name, model, [item])
        if len(got):
            for other, score in store.nearest(session, ws, evidence.name, model, rows[0],
                                              engine.PER_ITEM, exclude_ids=[item]):
                if score >= threshold:
                    found[engine.ordered(item, other)] = score
        if done % 500 == 0 or done == len(ids):
            progress(done, len(ids))
    return [(a, b, s) for (a, b), s in found.items()]


def _store_pairs(scope: Scope, pairs: Iterable[engine.Pair]) -> int:
    """Store the pairs not known yet (a dismissed or merged pair stays as it was)."""
    session, ws = scope.session, scope.workspace_id
    wanted = {(a, b): s for a, b, s in pairs}
    if not wanted:
        return 0
    known: set[tuple[int, int]] = set()
    firsts = sorted({a for a, _ in wanted})
    for start in range(0, len(firsts), 1000):
        known.update(session.execute(select(DuplicatePair.first_id, DuplicatePair.second_id)
                                     .where(DuplicatePair.workspace_id == ws,
                                            DuplicatePair.first_id.in_(
                                                firsts[start:start + 1000]))).tuples())
    live = set(session.scalars(select(Evidence.id).where(
        Evidence.workspace_id == ws, Evidence.id.in_(sorted({i for p in wanted for i in p})))))
    fresh = [DuplicatePair(workspace_id=ws, first_id=a, second_id=b, score=round(s, 4))
             for (a, b), s in wanted.items()
             if (a, b) not in known and a in live and b in live]
    session.add_all(fresh)
    session.flush()
    return len(fresh)


def scan_new(scope: Scope, model: str, threshold: float = DEFAULT_THRESHOLD) -> int:
    """Compare the items whose vectors changed since the last call (all items the first
    time, or when the change log no longer reaches back); returns the new pairs."""
    session, ws = scope.session, scope.workspace_id
    current = vectors_for(session).generation(session, ws, evidence.name, model)
    mark = session.get(DuplicateScan, (ws, model))
    seen = mark.generation if mark is not None else 0
    if current == seen:
        return 0
    changes = session.execute(select(VectorChange.generation, VectorChange.object_id).where(
        VectorChange.workspace_id == ws, VectorChange.kind == evidence.name,
        VectorChange.model == model, VectorChange.generation > seen,
        VectorChange.generation <= current).order_by(VectorChange.generation)).all()
    complete = seen > 0 and changes and changes[0].generation == seen + 1
    only = sorted({int(c.object_id) for c in changes}) if complete else None
    made = scan(scope, model, only, threshold)
    if mark is None:
        session.add(DuplicateScan(workspace_id=ws, model=model, generation=current))
    else:
        mark.generation = current
    session.flush()
    return made


def pending_scans(session: Any) -> list[tuple[int, str]]:
    """(workspace id, model) whose evidence vectors changed since the last scan."""
    rows = session.execute(
        select(VectorGeneration.workspace_id, VectorGeneration.model)
        .outerjoin(DuplicateScan, (DuplicateScan.workspace_id == VectorGeneration.workspace_id)
                   & (DuplicateScan.model == VectorGeneration.model))
        .where(VectorGeneration.kind == evidence.name,
               VectorGeneration.generation > func.coalesce(DuplicateScan.generation, 0)))
    return [(int(r.workspace_id), str(r.model)) for r in rows]


# --- the review queue ------------------------------------------------------------------

@dataclass
class Group:
    """Evidence items that pair up as duplicates, oldest first, with their open pairs."""

    items: list[Evidence]
    pairs: list[DuplicatePair]

    @property
    def best(self) -> float:
        return max(p.score for p in self.pairs)

    @property
    def key(self) -> str:
        return "-".join(str(e.id) for e in self.items)


def queue(scope: Scope, limit: int = 50) -> tuple[list[Group], int]:
    """Open duplicate groups, most alike first, and how many groups are open in all."""
    scope.require(Action.read, evidence)
    pairs = list(scope.session.scalars(select(DuplicatePair).where(
        DuplicatePair.workspace_id == scope.workspace_id,
        DuplicatePair.status == PairStatus.open.value)))
    members = engine.groups((p.first_id, p.second_id) for p in pairs)
    ids = sorted({i for g in members for i in g})
    items = {e.id: e for e in scope.session.scalars(select(Evidence).where(
        Evidence.workspace_id == scope.workspace_id, Evidence.id.in_(ids)))} if ids else {}
    by_item: dict[int, list[DuplicatePair]] = {}
    for p in pairs:
        by_item.setdefault(p.first_id, []).append(p)
    out = []
    for group in members:
        mine = [p for i in group for p in by_item.get(i, [])]
        out.append(Group([items[i] for i in group if i in items], mine))
    out.sort(key=lambda g: (-g.best, g.items[0].id if g.items else 0))
    return out[:limit], len(out)


def open_count(scope: Scope) -> int:
    return int(scope.session.scalar(select(func.count()).select_from(DuplicatePair).where(
        DuplicatePair.workspace_id == scope.workspace_id,
        DuplicatePair.status == PairStatus.open.value)) or 0)


def _items(scope: Scope, ids: Iterable[int]) -> list[Evidence]:
    wanted = sorted({int(i) for i in ids})
    if not wanted or len(wanted) > MAX_MERGE + 1:
        raise Invalid(f"Name 2 to {MAX_MERGE + 1} evidence items.", "ids")
    found = [evidence.get(scope, i) for i in wanted]  # NotFound names the missing one
    return found


def _unchanged(items: Iterable[Evidence], expected: Mapping[int, int] | None) -> None:
    """Refuse (Stale) when an item changed after the reviewer saw it (`expected`: the
    version of each item as shown; an item missing from it is not checked)."""
    for item in items:
        require_version(item, (expected or {}).get(item.id), f"evidence {item.id}")


def dismiss(scope: Scope, ids: Sequence[int],
            expected: Mapping[int, int] | None = None) -> int:
    """Say these items are not duplicates of each other: their pairs are never proposed
    again. Returns how many pairs were dismissed. `expected`: see `_unchanged`."""
    scope.require(Action.update, evidence)
    items = _items(scope, ids)
    _unchanged(items, expected)
    if len(items) < 2:
        raise Invalid("Name at least two evidence items.", "ids")
    wanted = [e.id for e in items]
    pairs = list(scope.session.scalars(select(DuplicatePair).where(
        DuplicatePair.workspace_id == scope.workspace_id,
        DuplicatePair.first_id.in_(wanted), DuplicatePair.second_id.in_(wanted),
        DuplicatePair.status == PairStatus.open.value)))
    if not pairs:
        raise NotFound("These items have no open duplicate pair.")
    for p in pairs:
        p.status = PairStatus.dismissed.value
        p.decided_by = scope.actor.label[:254]
        events.record(scope, "dismissed", evidence.name, p.first_id,
                      f"Not a duplicate of evidence {p.second_id}",
                      {"duplicate_of": [p.second_id, None]})
    scope.session.flush()
    return len(pairs)


def _links(scope: Scope, model: type[EvidenceOpportunity] | type[MessageEvidence],
           item_id: int) -> list[Any]:
    return list(scope.session.scalars(select(model).where(model.evidence_id == item_id)))


def merge(scope: Scope, keep_id: int, merge_ids: Sequence[int],
          expected: Mapping[int, int] | None = None) -> Evidence:
    """Merge `merge_ids` into `keep_id` (see the module docstring for what is kept);
    nothing changes when one of them changed after the reviewer saw it (`expected`, see
    `_unchanged`)."""
    scope.require(Action.update, evidence)
    scope.require(Action.delete, evidence)
    if not 1 <= keep_id <= MAX_ID:
        raise Invalid("The evidence to keep is not a valid id.", "keep")
    others = [i for i in dict.fromkeys(int(i) for i in merge_ids) if i != keep_id]
    if not others:
        raise Invalid("Name at least one other evidence item to merge into it.", "ids")
    keep = evidence.get(scope, keep_id)
    gone = _items(scope, others)
    _unchanged([keep, *gone], expected)
    session = scope.session
    fills: dict[str, Any] = {}
    tags = engine.merged_tags(keep.tags, (e.tags for e in gone), MAX_TAGS)
    for item in gone:
        for name in CUSTOMER_FIELDS:
            if getattr(keep, name, None) in ("", None) and name not in fills \
                    and getattr(item, name, None) not in ("", None):
                fills[name] = getattr(item, name)
        _move_links(scope, keep.id, item.id)
        _repoint_pairs(scope, keep.id, item.id, set(others))
        snapshot = events.snapshot(evidence.create_schema, item)
        snapshot["opportunities"] = [[ln.opportunity_id, ln.importance]
                                     for ln in _links(scope, EvidenceOpportunity, item.id)]
        snapshot["messages"] = [ln.message_id for ln in _links(scope, MessageEvidence, item.id)]
        session.add(EvidenceMerge(workspace_id=scope.workspace_id, into_id=keep.id,
                                  merged_id=item.id, snapshot=snapshot,
                                  merged_by=scope.actor.label[:254]))
        events.record(scope, "merged", evidence.name, keep.id, evidence.title_of(keep),
                      {"merged": [None, item.id]})
    session.flush()
    for item in gone:
        evidence.delete(scope, item.id)
    if fills or tags != keep.tags:
        evidence.update(scope, keep.id, evidence.update_schema.model_validate(
            {**fills, "tags": tags}))
    return keep


def _move_links(scope: Scope, keep_id: int, item_id: int) -> None:
    """The item's opportunity and message links, on the survivor too."""
    session = scope.session
    mine = {ln.opportunity_id: ln for ln in _links(scope, EvidenceOpportunity, keep_id)}
    for ln in _links(scope, EvidenceOpportunity, item_id):
        have = mine.get(ln.opportunity_id)
        if have is None:
            session.add(EvidenceOpportunity(workspace_id=scope.workspace_id,
                                            evidence_id=keep_id,
                                            opportunity_id=ln.opportunity_id,
                                            importance=ln.importance))
            events.record(scope, "linked", evidence.name, keep_id,
                          f"Linked to opportunity {ln.opportunity_id} (merged from "
                          f"evidence {item_id})", {"opportunity_id": [None, ln.opportunity_id]})
        elif ln.importance is not None and (have.importance or -1) < ln.importance:
            have.importance = ln.importance
    backed = {ln.message_id for ln in _links(scope, MessageEvidence, keep_id)}
    for ln in _links(scope, MessageEvidence, item_id):
        if ln.message_id not in backed:
            session.add(MessageEvidence(workspace_id=scope.workspace_id,
                                        message_id=ln.message_id, evidence_id=keep_id))
            events.record(scope, "linked", evidence.name, keep_id,
                          f"Backs message {ln.message_id} (merged from evidence {item_id})",
                          {"message_id": [None, ln.message_id]})
    session.flush()


def _repoint_pairs(scope: Scope, keep_id: int, item_id: int, merging: set[int]) -> None:
    """The item's pairs with items outside the merge become the survivor's (a dismissal
    stays a dismissal); pairs inside the merge are marked merged before they go."""
    session = scope.session
    pairs = list(session.scalars(select(DuplicatePair).where(
        or_(DuplicatePair.first_id == item_id, DuplicatePair.second_id == item_id))))
    for p in pairs:
        other = p.second_id if p.first_id == item_id else p.first_id
        if other == keep_id or other in merging:
            session.execute(update(DuplicatePair).where(DuplicatePair.id == p.id)
                            .values(status=PairStatus.merged.value))
            continue
        a, b = engine.ordered(keep_id, other)
        exists = session.scalar(select(DuplicatePair.id).where(
            DuplicatePair.first_id == a, DuplicatePair.second_id == b))
        if exists is None:
            session.add(DuplicatePair(workspace_id=scope.workspace_id, first_id=a,
                                      second_id=b, score=p.score, status=p.status,
                                      decided_by=p.decided_by))
    session.flush()


def merges_into(scope: Scope, item_id: int) -> list[EvidenceMerge]:
    """The items merged into this one, oldest first (their customers still count)."""
    scope.require(Action.read, evidence)
    return list(scope.session.scalars(select(EvidenceMerge).where(
        EvidenceMerge.workspace_id == scope.workspace_id, EvidenceMerge.into_id == item_id)
        .order_by(EvidenceMerge.id)))
