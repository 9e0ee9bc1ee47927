"""The approximate index behind the vector interface, on both engines: built from the stored
vectors past the threshold, kept current through the generation counter (patched for a few
changes, rebuilt for many), and agreeing with exact search."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.scope import Scope
from tandem.storage import ann, vectors
from tandem.storage.vectors import vectors_for

MODEL = "m"
KIND = "evidence"


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ann, "ANN_THRESHOLD", 50)
    monkeypatch.setattr(ann, "CATCH_UP_MIN", 5)
    ann.CACHE.clear()


def clustered(n: int, dim: int, seed: int = 5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(8, dim))
    rows = centres[rng.integers(0, 8, n)] + 0.3 * rng.normal(size=(n, dim))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def exact(scope: Scope, query: np.ndarray, k: int) -> list[tuple[int, float]]:
    store = vectors_for(scope.session)
    ids, rows = store.vectors_of(scope.session, scope.workspace_id, KIND, MODEL,
                                 range(1, 10_000))
    scores = rows.astype(np.float64) @ (query / np.linalg.norm(query))
    order = np.lexsort((ids, -scores))[:k]
    return [(int(ids[i]), float(scores[i])) for i in order]


def same(got: list[tuple[int, float]], want: list[tuple[int, float]]) -> bool:
    return [i for i, _ in got] == [i for i, _ in want] and \
        [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-5)


def cached(scope: Scope) -> ann.Cached | None:
    url = scope.session.get_bind().engine.url.render_as_string(hide_password=True)
    return ann.CACHE.get((url, scope.workspace_id, KIND, MODEL))


def test_index_past_the_threshold_follows_every_change(scope: Scope) -> None:
    store = vectors_for(scope.session)
    data = clustered(120, 24)
    for i in range(40):  # below the threshold: exact search, no index
        store.put(scope.session, scope.workspace_id, KIND, i + 1, MODEL, data[i])
    found = store.nearest(scope.session, scope.workspace_id, KIND, MODEL, data[3], 5)
    assert same(found, exact(scope, data[3], 5)) and cached(scope) is None

    for i in range(40, 100):
        store.put(scope.session, scope.workspace_id, KIND, i + 1, MODEL, data[i])
    generation = store.generation(scope.session, scope.workspace_id, KIND, MODEL)
    assert generation == 100
    for probe in (0, 17, 63, 99):
        got = store.nearest(scope.session, scope.workspace_id, KIND, MODEL, data[probe], 10)
        assert same(got, exact(scope, data[probe], 10))
    entry = cached(scope)
    assert entry is not None and entry.generation == 100 and len(entry.index) == 100
    built = entry.index

    # a few changes: the same index is patched (new, replaced, deleted vectors)
    store.put(scope.session, scope.workspace_id, KIND, 101, MODEL, data[100])
    store.put(scope.session, scope.workspace_id, KIND, 5, MODEL, data[110])
    store.delete(scope.session, scope.workspace_id, KIND, 17)
    got = store.nearest(scope.session, scope.workspace_id, KIND, MODEL, data[110], 3)
    assert got[0] == (5, pytest.approx(1.0, abs=1e-5))
    assert 17 not in [i for i, _ in store.nearest(scope.session, scope.workspace_id, KIND,
                                                  MODEL, data[16], 20)]
    assert store.nearest(scope.session, scope.workspace_id, KIND, MODEL, data[100], 1)[0][0] \
        == 101
    entry = cached(scope)
    assert entry is not None and entry.index is built and entry.generation == 103
    assert len(built) == 100  # +101, -17

    # many changes: rebuilt from the stored vectors
    for i in range(20):
        store.put(scope.session, scope.workspace_id, KIND, 200 + i, MODEL, data[i])
    store.nearest(scope.session, scope.workspace_id, KIND, MODEL, data[0], 3)
    entry = cached(scope)
    assert entry is not None and entry.index is not built and len(entry.index) == 120


def test_exclude_and_within_on_the_index(scope: Scope) -> None:
    store = vectors_for(scope.session)
    data = clustered(80, 16, seed=8)
    for i, row in enumerate(data):
        store.put(scope.session, scope.workspace_id, KIND, i + 1, MODEL, row)
    got = store.nearest(scope.session, scope.workspace_id, KIND, MODEL, data[9], 5,
                        exclude_ids=[10])
    assert 10 not in [i for i, _ in got]
    assert [i for i, _ in got] == [i for i, _ in exact(scope, data[9], 6) if i != 10][:5]
    within = store.nearest(scope.session, scope.workspace_id, KIND, MODEL, data[9], 3,
                           within=[1, 2, 3, 10])
    assert within[0][0] == 10 and {i for i, _ in within} <= {1, 2, 3, 10}
    with pytest.raises(vectors.Invalid):
        store.nearest(scope.session, scope.workspace_id, KIND, MODEL, data[9], 3,
                      within=range(vectors.MAX_WITHIN + 1))


def test_another_process_sees_the_change(scope: Scope) -> None:
    """A stale cache entry (another process's view) is caught up by the generation check."""
    store = vectors_for(scope.session)
    data = clustered(70, 16, seed=2)
    for i, row in enumerate(data[:60]):
        store.put(scope.session, scope.workspace_id, KIND, i + 1, MODEL, row)
    store.nearest(scope.session, scope.workspace_id, KIND, MODEL, data[0], 1)
    # a write that never went through this process's index
    store.put(scope.session, scope.workspace_id, KIND, 61, MODEL, data[65])
    assert store.nearest(scope.session, scope.workspace_id, KIND, MODEL, data[65], 1)[0][0] == 61
