"""The approximate index's pure logic, table-driven: when to search exactly, patch or rebuild;
and the usearch wrapper finds what exact search finds on small data."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.storage import ann
from tandem.storage.ann import Plan, plan

T = 1000


@pytest.mark.parametrize(("size", "current", "built_at", "changed", "expected"), [
    (999, 5, None, None, Plan.exact),  # below the threshold: exact, index or not
    (999, 5, 5, 0, Plan.exact),
    (1000, 5, None, None, Plan.rebuild),  # none yet
    (5000, 7, 7, 0, Plan.fresh),
    (5000, 9, 7, 2, Plan.catch_up),
    (5000, 9, 7, None, Plan.rebuild),  # the log has a gap
    (5000, 9, 12, 0, Plan.rebuild),  # the counter went back (database restored)
    (10_000, 9000, 1, ann.CATCH_UP_MIN + 1, Plan.rebuild),  # too many to patch
    (10_000, 9000, 1, ann.CATCH_UP_MIN, Plan.catch_up),
    (1_000_000, 90_000, 1, 40_000, Plan.catch_up),  # 4% of a big index: patch
    (1_000_000, 90_000, 1, 60_000, Plan.rebuild),
])
def test_plan(size: int, current: int, built_at: int | None, changed: int | None,
              expected: Plan) -> None:
    assert plan(size, current, built_at, changed, threshold=T) is expected


@pytest.mark.parametrize(("k", "excluded", "size", "wanted"), [
    (10, 0, 1000, 10 * ann.RESCORE_FACTOR),
    (10, 5, 1000, 10 * ann.RESCORE_FACTOR + 5),
    (10, 0, 12, 12),  # never more than the index holds
    (1, 0, 0, 0),
])
def test_candidates_wanted(k: int, excluded: int, size: int, wanted: int) -> None:
    assert ann.candidates_wanted(k, excluded, size) == wanted


def test_index_add_replace_remove_and_search() -> None:
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = np.arange(1, 301, dtype=np.int64)
    index = ann.build(16, [(ids[:150].tolist(), vectors[:150]), (ids[150:].tolist(),
                                                                 vectors[150:])])
    assert len(index) == 300
    exact = np.argsort(-(vectors @ vectors[42]))[:5] + 1
    assert index.search(vectors[42], 5) == exact.tolist()
    index.add(np.array([43], dtype=np.int64), vectors[[10]])  # replaced, not duplicated
    assert len(index) == 300
    assert index.search(vectors[10], 2) in ([11, 43], [43, 11])
    index.remove([11, 43, 999])
    assert len(index) == 298
    assert 11 not in index.search(vectors[10], 5)
    assert ann.AnnIndex(16).search(vectors[0], 3) == []
