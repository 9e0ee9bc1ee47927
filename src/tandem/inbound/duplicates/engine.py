"""The pure parts of near-duplicate detection: pairs above a similarity, groups of pairs.

Vectors are unit rows, so cosine is a dot product. `pairs_above` compares a block of new
items against everything (itself included) in blocks of BLOCK rows, so memory stays at
BLOCK x N scores; each item keeps at most `per_item` partners, the nearest, so one very
generic message cannot pull in hundreds of pairs. `groups` joins pairs that share an item
(union-find), so a queue shows "these four say the same thing" once, not six times.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

BLOCK = 1024
PER_ITEM = 5

Pair = tuple[int, int, float]  # (lower id, higher id, cosine)


def ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def pairs_above(new_ids: Sequence[int], new_vectors: npt.NDArray[np.float32],
                all_ids: Sequence[int], all_vectors: npt.NDArray[np.float32],
                threshold: float, per_item: int = PER_ITEM) -> list[Pair]:
    """Every pair of a new item with any item (not itself) at least `threshold` alike,
    each new item with at most `per_item` partners; one entry per pair, best first."""
    if not len(new_ids) or not len(all_ids):
        return []
    every = np.asarray(all_ids, dtype=np.int64)
    found: dict[tuple[int, int], float] = {}
    for start in range(0, len(new_ids), BLOCK):
        block_ids = np.asarray(new_ids[start:start + BLOCK], dtype=np.int64)
        scores = new_vectors[start:start + BLOCK].astype(np.float32) @ all_vectors.T
        scores[block_ids[:, None] == every[None, :]] = -np.inf  # never an item with itself
        for row, item in enumerate(block_ids):
            hits = np.flatnonzero(scores[row] >= threshold)
            if len(hits) > per_item:
                hits = hits[np.argsort(-scores[row, hits], kind="stable")[:per_item]]
            for col in hits:
                key = ordered(int(item), int(every[col]))
                found[key] = max(found.get(key, -1.0), float(scores[row, col]))
    return sorted(((a, b, s) for (a, b), s in found.items()),
                  key=lambda p: (-p[2], p[0], p[1]))


def groups(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Items joined by pairs, as groups (each sorted, groups by their lowest id)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for item in parent:
        members.setdefault(root(item), []).append(item)
    return sorted((sorted(m) for m in members.values()), key=lambda g: g[0])


def merged_tags(keep: Sequence[str], others: Iterable[Sequence[str]], limit: int) -> list[str]:
    """The survivor's tags, then each merged item's new ones, in order, up to `limit`."""
    out = list(dict.fromkeys(keep))
    for tags in others:
        for tag in tags:
            if tag not in out and len(out) < limit:
                out.append(tag)
    return out
