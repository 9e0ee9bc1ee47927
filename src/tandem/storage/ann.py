"""Approximate nearest neighbours past a size: an HNSW index (usearch) beside the stored vectors.

The vectors in `embeddings` stay the only source of truth; an index is a cache built from
them, one per (database, workspace, kind, model), held in this process's memory. Below
`ANN_THRESHOLD` vectors the exact scan in `tandem.storage.vectors` is fast enough and no
index is built (the figure comes from bench/bench_search.py, see docs/benchmarks.md).

Staying current with several processes: every change to the vectors bumps a counter in
`vector_generations` and logs the object in `vector_changes`, in the writer's transaction.
Before a search the process reads the counter (one indexed row). Same generation: search.
A few changes since: re-read just those objects' vectors and patch the index. Many changes,
or a gap in the log (pruned): rebuild from the stored vectors. `plan()` makes that choice
and is pure, so it is tested alone.

The index stores vectors as float16 (half the memory of float32, no measurable recall loss
at 384 dimensions); the best candidates are re-scored with the exact stored float32 vectors,
so the scores returned are exact cosines and only which objects are found is approximate.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt
import onnxruntime  # noqa: F401  (loaded before usearch: the other order segfaults on import)
from usearch.index import Index

ANN_THRESHOLD = 5_000  # vectors; below it exact search is cheap enough (docs/benchmarks.md)
CATCH_UP_SHARE = 0.05  # patch the index for up to this share of changed objects, else rebuild
CATCH_UP_MIN = 2_000  # ... and always for at least this many
CONNECTIVITY = 16  # HNSW edges per node (usearch default)
EXPANSION_ADD = 64  # build-time beam: lower builds faster, slightly weaker graph
BUILD_CHUNK = 32_768  # vectors per usearch call when building (about 50 MB as float32)
EXPANSION_SEARCH = 128  # query-time beam: the recall/latency knob (docs/benchmarks.md)
RESCORE_FACTOR = 3  # candidates fetched from the index per result wanted, re-scored exactly


class Plan(StrEnum):
    exact = "exact"  # too few vectors for an index to pay off
    fresh = "fresh"  # the index is current
    catch_up = "catch_up"  # patch the index with the objects changed since
    rebuild = "rebuild"  # build it again from the stored vectors


def plan(size: int, current: int, built_at: int | None, changed: int | None,
         threshold: int | None = None) -> Plan:
    """What to do before a search, given the number of stored vectors, the generation now,
    the generation the cached index was built at (None: no index) and how many objects
    changed since (None: the log has a gap, so nobody knows)."""
    if size < (ANN_THRESHOLD if threshold is None else threshold):
        return Plan.exact
    if built_at is None or built_at > current:  # none yet, or the counter went back
        return Plan.rebuild
    if built_at == current:
        return Plan.fresh
    if changed is None or changed > most_patched(size):
        return Plan.rebuild
    return Plan.catch_up


def most_patched(size: int) -> int:
    """How many changed objects are patched into an index of `size` before a rebuild wins."""
    return max(CATCH_UP_MIN, int(size * CATCH_UP_SHARE))


def candidates_wanted(k: int, excluded: int, size: int) -> int:
    """How many neighbours to ask the index for: enough to re-score and to drop the
    excluded ones, never more than it holds."""
    return max(0, min(size, k * RESCORE_FACTOR + excluded))


class AnnIndex:
    """An HNSW index over unit vectors keyed by object id (cosine)."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._index = Index(ndim=dim, metric="cos", dtype="f16", connectivity=CONNECTIVITY,
                            expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH)

    def __len__(self) -> int:
        return len(self._index)

    def add(self, ids: npt.NDArray[np.int64], vectors: npt.NDArray[np.float32],
            threads: int = 0) -> None:
        """Add (or replace) vectors; `threads=0` lets usearch use every core."""
        if not len(ids):
            return
        present = [int(i) for i in ids if int(i) in self._index]
        if present:
            self._index.remove(present)
        self._index.add(ids.astype(np.uint64), vectors.astype(np.float32), threads=threads)

    def remove(self, ids: Iterable[int]) -> None:
        present = [int(i) for i in ids if int(i) in self._index]
        if present:
            self._index.remove(present)

    def search(self, query: npt.NDArray[np.float32], count: int) -> list[int]:
        """Ids of about the `count` nearest vectors, nearest first."""
        if count < 1 or len(self._index) == 0:
            return []
        found = self._index.search(query.astype(np.float32), count)
        return [int(key) for key in np.asarray(found.keys).ravel()[:len(found)]]


@dataclass
class Cached:
    generation: int
    index: AnnIndex
    lock: threading.Lock = field(default_factory=threading.Lock)


class AnnCache:
    """This process's indexes, by (database url, workspace, kind, model)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, int, str, str], Cached] = {}
        self._lock = threading.Lock()
        self._building: dict[tuple[str, int, str, str], threading.Lock] = {}

    def get(self, key: tuple[str, int, str, str]) -> Cached | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: tuple[str, int, str, str], entry: Cached) -> None:
        with self._lock:
            self._entries[key] = entry

    def builder_lock(self, key: tuple[str, int, str, str]) -> threading.Lock:
        """One build per key at a time in this process (others wait, then reuse it)."""
        with self._lock:
            return self._building.setdefault(key, threading.Lock())

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


CACHE = AnnCache()


def build(dim: int, batches: Iterable[tuple[Sequence[int], npt.NDArray[np.float32]]]
          ) -> AnnIndex:
    """An index over every (ids, vectors) batch. Batches are gathered into chunks of
    `BUILD_CHUNK` vectors first: usearch spreads one call over every core, and many small
    calls leave the cores idle between them (20,000 vectors: 15 s in calls of 2,048 against
    7 s in one, measured here)."""
    index = AnnIndex(dim)
    pending_ids: list[npt.NDArray[np.int64]] = []
    pending: list[npt.NDArray[np.float32]] = []
    held = 0

    def flush() -> None:
        if pending:
            index.add(np.concatenate(pending_ids), np.vstack(pending))
            pending_ids.clear()
            pending.clear()

    for ids, vectors in batches:
        pending_ids.append(np.asarray(ids, dtype=np.int64))
        pending.append(vectors)
        held += len(vectors)
        if held >= BUILD_CHUNK:
            flush()
            held = 0
    flush()
    return index
