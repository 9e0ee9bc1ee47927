"""Vector storage on both engines: exact cosine nearest neighbours, one dimension per model,
bad numbers refused, workspaces never mixed."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from sqlalchemy import func, select

from tandem.accounts import service as accounts
from tandem.accounts.models import User, Workspace
from tandem.errors import Invalid
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.runtime import Runtime
from tandem.scope import Scope
from tandem.storage import vectors as vectors_module
from tandem.storage.search_index import Embedding, VectorChange
from tandem.storage.vectors import vectors_for

MODEL = "test-model"
KIND = "opportunities"


def random_vectors(n: int, dim: int, seed: int = 3) -> npt.NDArray[np.float32]:
    return np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)


def expected(matrix: npt.NDArray[np.float32], ids: list[int], query: npt.NDArray[np.float32],
             k: int) -> list[tuple[int, float]]:
    """Brute-force cosine similarity in float64, best first."""
    m = matrix.astype(np.float64)
    q = query.astype(np.float64)
    scores = m @ q / (np.linalg.norm(m, axis=1) * np.linalg.norm(q))
    return sorted(zip(ids, scores.tolist(), strict=True), key=lambda p: (-p[1], p[0]))[:k]


def test_nearest_is_exact_cosine_best_first(scope: Scope,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors_module, "BATCH", 7)  # several batches on SQLite
    store = vectors_for(scope.session)
    matrix = random_vectors(40, 16) * 5  # not unit length: put normalises
    ids = list(range(101, 141))
    for object_id, vector in zip(ids, matrix, strict=True):
        store.put(scope.session, scope.workspace_id, KIND, object_id, MODEL, vector)
    query = random_vectors(1, 16, seed=9)[0]
    got = store.nearest(scope.session, scope.workspace_id, KIND, MODEL, query, k=5)
    want = expected(matrix, ids, query, 5)
    assert [i for i, _ in got] == [i for i, _ in want]
    assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-5)
    assert got[0][1] >= got[-1][1]
    huge = matrix[3].astype(np.float64) * 1e300  # scaled before its norm is taken
    assert store.nearest(scope.session, scope.workspace_id, KIND, MODEL, huge, k=1) == [
        (ids[3], pytest.approx(1.0, abs=1e-5))]
    assert len(store.nearest(scope.session, scope.workspace_id, KIND, MODEL, query,
                             k=100)) == 40


def test_exclude_ids_and_replacing_a_vector(scope: Scope) -> None:
    store = vectors_for(scope.session)
    matrix = random_vectors(10, 8)
    ids = list(range(1, 11))
    for object_id, vector in zip(ids, matrix, strict=True):
        store.put(scope.session, scope.workspace_id, KIND, object_id, MODEL, vector)
    query = matrix[0]
    first = store.nearest(scope.session, scope.workspace_id, KIND, MODEL, query, k=3)
    assert first[0][0] == 1
    skipped = store.nearest(scope.session, scope.workspace_id, KIND, MODEL, query, k=3,
                            exclude_ids=[1, first[1][0], 2**70])
    assert [i for i, _ in skipped] == [i for i, _ in expected(matrix, ids, query, 5)
                                       if i not in (1, first[1][0])][:3]
    store.put(scope.session, scope.workspace_id, KIND, 7, MODEL, -query)  # replace
    worst = store.nearest(scope.session, scope.workspace_id, KIND, MODEL, -query, k=1)
    assert worst == [(7, pytest.approx(1.0, abs=1e-5))]
    assert scope.session.scalar(select(func.count()).select_from(Embedding)) == 10
    store.delete(scope.session, scope.workspace_id, KIND, 7)
    assert 7 not in [i for i, _ in store.nearest(scope.session, scope.workspace_id, KIND,
                                                 MODEL, -query, k=10)]


def test_other_kinds_and_models_are_apart(scope: Scope) -> None:
    store = vectors_for(scope.session)
    store.put(scope.session, scope.workspace_id, KIND, 1, MODEL, np.ones(4, np.float32))
    store.put(scope.session, scope.workspace_id, "evidence", 1, MODEL, np.ones(4, np.float32))
    store.put(scope.session, scope.workspace_id, KIND, 2, "other", np.ones(3, np.float32))
    near = store.nearest(scope.session, scope.workspace_id, KIND, MODEL,
                         np.ones(4, np.float32), k=10)
    assert [i for i, _ in near] == [1]
    assert store.nearest(scope.session, scope.workspace_id, "messages", MODEL,
                         np.ones(4, np.float32), k=10) == []
    assert store.nearest(scope.session, scope.workspace_id, KIND, "unknown",
                         np.ones(4, np.float32), k=10) == []


def test_one_dimension_per_model_and_workspace(runtime: Runtime, owner: User,
                                               workspace: Workspace) -> None:
    with runtime.session() as session:
        accounts.create_workspace(session, "Beta", owner)
    with runtime.scope(owner, "acme") as scope:
        store = vectors_for(scope.session)
        store.put(scope.session, scope.workspace_id, KIND, 1, MODEL, np.ones(8, np.float32))
        with pytest.raises(Invalid, match="have 8 numbers, not 4"):
            store.put(scope.session, scope.workspace_id, "evidence", 2, MODEL,
                      np.ones(4, np.float32))
        with pytest.raises(Invalid, match="have 8 numbers, not 4"):
            store.nearest(scope.session, scope.workspace_id, KIND, MODEL,
                          np.ones(4, np.float32), k=1)
        # The only vector of a model may change its dimension: nothing else disagrees.
        store.put(scope.session, scope.workspace_id, KIND, 1, MODEL, np.ones(4, np.float32))
    with runtime.scope(owner, "beta") as scope:  # another workspace has its own dimension
        vectors_for(scope.session).put(scope.session, scope.workspace_id, KIND, 3, MODEL,
                                       np.ones(6, np.float32))


@pytest.mark.parametrize("bad", [
    [np.nan, 1.0], [np.inf, 1.0], [0.0, 0.0], [[1.0, 2.0]], [], ["a", "b"],
    np.ones(vectors_module.MAX_DIM + 1)])
def test_bad_vectors_are_refused(scope: Scope, bad: object) -> None:
    store = vectors_for(scope.session)
    with pytest.raises(Invalid):
        store.put(scope.session, scope.workspace_id, KIND, 1, MODEL, bad)
    store.put(scope.session, scope.workspace_id, KIND, 1, MODEL, np.ones(2, np.float32))
    with pytest.raises(Invalid):
        store.nearest(scope.session, scope.workspace_id, KIND, MODEL, bad,
                      k=1)


def test_k_and_names_are_checked(scope: Scope) -> None:
    store = vectors_for(scope.session)
    with pytest.raises(Invalid):
        store.nearest(scope.session, scope.workspace_id, KIND, MODEL, np.ones(2), k=0)
    with pytest.raises(Invalid):
        store.put(scope.session, scope.workspace_id, KIND, 1, "m" * 65, np.ones(2))


def test_workspaces_never_see_each_other(runtime: Runtime, owner: User,
                                         workspace: Workspace) -> None:
    with runtime.session() as session:
        accounts.create_workspace(session, "Beta", owner)
    vector = np.array([1.0, 0.0, 0.0], np.float32)
    for slug, object_id in (("acme", 1), ("beta", 2)):
        with runtime.scope(owner, slug) as scope:
            vectors_for(scope.session).put(scope.session, scope.workspace_id, KIND, object_id,
                                           MODEL, vector)
    for slug, object_id in (("acme", 1), ("beta", 2)):
        with runtime.scope(owner, slug) as scope:
            store = vectors_for(scope.session)
            assert [i for i, _ in store.nearest(scope.session, scope.workspace_id, KIND, MODEL,
                                                vector, k=10)] == [object_id]
            store.delete(scope.session, scope.workspace_id, KIND, 3 - object_id)  # not mine
    with runtime.session() as session:
        assert session.scalar(select(func.count()).select_from(Embedding)) == 2


def test_deleting_an_object_drops_its_vectors(scope: Scope) -> None:
    opp = opportunities.create(scope, OpportunityCreate(title="Payroll"))
    store = vectors_for(scope.session)
    store.put(scope.session, scope.workspace_id, KIND, opp.id, MODEL, np.ones(3, np.float32))
    opportunities.delete(scope, opp.id)
    assert store.nearest(scope.session, scope.workspace_id, KIND, MODEL, np.ones(3),
                         k=1) == []


def test_load_returns_every_vector_of_a_model_by_object_id(scope: Scope) -> None:
    store = vectors_for(scope.session)
    matrix = random_vectors(6, 8, seed=5)
    for object_id, vector in zip([9, 3, 7, 1, 5, 2], matrix, strict=True):
        store.put(scope.session, scope.workspace_id, KIND, object_id, MODEL, vector)
    store.put(scope.session, scope.workspace_id, KIND, 4, "other-model", matrix[0])
    ids, loaded = store.load(scope.session, scope.workspace_id, KIND, MODEL)
    assert ids.tolist() == [1, 2, 3, 5, 7, 9]
    assert loaded.dtype == np.float32 and loaded.shape == (6, 8)
    unit = matrix[2] / np.linalg.norm(matrix[2])  # object 7
    assert np.allclose(loaded[4], unit, atol=1e-6)
    some_ids, some = store.load(scope.session, scope.workspace_id, KIND, MODEL, ids=[7, 2, 99])
    assert some_ids.tolist() == [2, 7] and some.shape == (2, 8)
    none_ids, none = store.load(scope.session, scope.workspace_id, KIND, "missing")
    assert none_ids.size == 0 and none.shape[0] == 0


def test_put_many_stores_what_put_stores_and_logs_each_object(scope: Scope) -> None:
    """The embedding job's batch write: the same rows, the same generation steps and one
    change-log entry per object as `put` one by one, so indexes catch up the same way."""
    store = vectors_for(scope.session)
    matrix = random_vectors(6, 8) * 3
    store.put(scope.session, scope.workspace_id, KIND, 1, MODEL, matrix[0])
    before = store.generation(scope.session, scope.workspace_id, KIND, MODEL)
    store.put_many(scope.session, scope.workspace_id, KIND, MODEL, [1, 2, 3, 4, 5],
                   matrix[1:])
    assert store.generation(scope.session, scope.workspace_id, KIND, MODEL) == before + 5
    logged = scope.session.execute(select(VectorChange.generation, VectorChange.object_id)
                                   .where(VectorChange.generation > before)
                                   .order_by(VectorChange.generation)).all()
    assert [tuple(r) for r in logged] == [(before + n, n) for n in range(1, 6)]
    ids, found = store.load(scope.session, scope.workspace_id, KIND, MODEL)
    assert ids.tolist() == [1, 2, 3, 4, 5]
    want = matrix[1:] / np.linalg.norm(matrix[1:], axis=1, keepdims=True)
    assert found == pytest.approx(want, abs=1e-6)  # object 1 replaced, all unit length
    with pytest.raises(Invalid, match="have 8 numbers"):  # other objects keep dimension 8
        store.put_many(scope.session, scope.workspace_id, KIND, MODEL, [9],
                       random_vectors(1, 4))
    with pytest.raises(Invalid):
        store.put_many(scope.session, scope.workspace_id, KIND, MODEL, [7, 8],
                       random_vectors(1, 8))
    store.put_many(scope.session, scope.workspace_id, KIND, MODEL, [1, 2, 3, 4, 5],
                   random_vectors(5, 4))  # every vector of the model replaced: allowed
    assert store.dim(scope.session, scope.workspace_id, MODEL) == 4
