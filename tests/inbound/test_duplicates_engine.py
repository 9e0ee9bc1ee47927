"""Near-duplicate pure logic, table-driven: pairs above a similarity, groups, merged tags."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.inbound.duplicates import engine


def unit(rows: list[list[float]]) -> np.ndarray:
    m = np.asarray(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


VECTORS = unit([[1, 0, 0], [0.99, 0.14, 0], [0, 1, 0], [0, 0.98, 0.2], [0, 0, 1]])
IDS = [1, 2, 3, 4, 5]


@pytest.mark.parametrize(("new", "threshold", "per_item", "pairs"), [
    ([1, 2, 3, 4, 5], 0.95, 5, [(1, 2), (3, 4)]),
    ([2], 0.95, 5, [(1, 2)]),  # a new item against all: its pair, no others
    ([5], 0.95, 5, []),  # nothing near
    ([1, 2, 3, 4, 5], 1.01, 5, []),
    ([1, 2, 3, 4, 5], -1.0, 1, [(1, 2), (3, 4), (4, 5)]),  # each keeps its nearest
])
def test_pairs_above(new: list[int], threshold: float, per_item: int,
                     pairs: list[tuple[int, int]]) -> None:
    rows = VECTORS[[IDS.index(i) for i in new]]
    found = engine.pairs_above(new, rows, IDS, VECTORS, threshold, per_item)
    assert sorted((a, b) for a, b, _ in found) == sorted(pairs)
    for a, b, score in found:
        assert a < b
        assert score == pytest.approx(float(VECTORS[IDS.index(a)] @ VECTORS[IDS.index(b)]),
                                      abs=1e-5)
    assert [s for *_, s in found] == sorted((s for *_, s in found), reverse=True)


def test_pairs_across_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "BLOCK", 2)
    found = engine.pairs_above(IDS, VECTORS, IDS, VECTORS, 0.95)
    assert sorted((a, b) for a, b, _ in found) == [(1, 2), (3, 4)]


@pytest.mark.parametrize(("pairs", "groups"), [
    ([], []),
    ([(1, 2)], [[1, 2]]),
    ([(1, 2), (2, 3), (5, 6)], [[1, 2, 3], [5, 6]]),
    ([(7, 9), (3, 9), (1, 2)], [[1, 2], [3, 7, 9]]),
    ([(4, 5), (1, 5), (2, 4)], [[1, 2, 4, 5]]),
])
def test_groups_join_pairs_that_share_an_item(pairs: list[tuple[int, int]],
                                               groups: list[list[int]]) -> None:
    assert engine.groups(pairs) == groups


@pytest.mark.parametrize(("keep", "others", "limit", "tags"), [
    (["a"], [["b"], ["a", "c"]], 20, ["a", "b", "c"]),
    ([], [["x", "y"]], 20, ["x", "y"]),
    (["a", "b"], [["c", "d"]], 3, ["a", "b", "c"]),
    (["a"], [], 20, ["a"]),
])
def test_merged_tags(keep: list[str], others: list[list[str]], limit: int,
                     tags: list[str]) -> None:
    assert engine.merged_tags(keep, others, limit) == tags
