"""Vector storage and nearest-neighbour search over `embeddings`, one implementation per engine.

One vector per (kind, object_id, model). Every vector is normalised on `put`, so cosine
similarity is a plain dot product on both engines; all vectors of one model in one workspace
share one dimension, and NaN, infinity, zero vectors or a wrong dimension are `Invalid`.

- SQLite: the vector is stored as little-endian float32 bytes. `nearest` is an exact search
  in numpy, streaming the candidates in batches of BATCH rows, so memory stays at one batch
  plus the best k however many vectors there are.
- PostgreSQL: the vector is a `real[]`; `nearest` computes the dot product in the database
  (a sum over `unnest` of both arrays) and returns only the best k, so the vectors never
  leave the server. This is still an exact scan; the drop-in upgrade is the pgvector
  extension (a `vector(dim)` column, the `<=>` operator and an HNSW index), not available
  on the machines we build on today, so it is not required.

Past `ann.ANN_THRESHOLD` vectors of one (workspace, kind, model), `nearest` asks an HNSW
index (tandem.storage.ann) for candidates and re-scores them with the stored vectors, on both
engines; `within=` (a filtered search) is always exact. Every `put` and `delete` bumps the
generation counter and logs the object (`vector_generations`, `vector_changes`), so each
process's index catches up with changes made by any other.

Scores are cosine similarities in [-1, 1], best first; ties go to the lower object id.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterator, Sequence
from typing import cast

import numpy as np
import numpy.typing as npt
from sqlalchemy import Table, bindparam, delete, func, select, text
from sqlalchemy.orm import Session

from tandem.errors import Invalid
from tandem.schema import MAX_ID
from tandem.storage import ann
from tandem.storage.dialects import for_engine
from tandem.storage.search_index import Embedding, VectorChange, VectorColumn, VectorGeneration

MAX_DIM = 16000  # pgvector's limit too, so the upgrade never meets a vector it cannot hold
MAX_K = 1000
BATCH = 2048
MAX_WITHIN = 20_000  # ids a restricted (filtered) search may name
CHANGE_LOG_KEEP = 100_000  # generations of change log kept per (workspace, kind, model)

Vector = npt.NDArray[np.float32]
Scored = list[tuple[int, float]]

_TABLE = cast(Table, Embedding.__table__)
_GEN = cast(Table, VectorGeneration.__table__)
_CHANGES = cast(Table, VectorChange.__table__)
# RETURNING works on both engines (SQLite since 3.35); the row stays locked until commit.
_BUMP = text(
    "INSERT INTO vector_generations (workspace_id, kind, model, generation) "
    "VALUES (:workspace_id, :kind, :model, :steps) "
    "ON CONFLICT (workspace_id, kind, model) DO UPDATE SET "
    "generation = vector_generations.generation + :steps RETURNING generation")
# One upsert for both engines (as in fulltext.py); the vector's type is the column's.
_UPSERT = text(
    "INSERT INTO embeddings (workspace_id, kind, object_id, model, dim, vector) "
    "VALUES (:workspace_id, :kind, :object_id, :model, :dim, :vector) "
    "ON CONFLICT (kind, object_id, model) DO UPDATE SET "
    "workspace_id = excluded.workspace_id, dim = excluded.dim, vector = excluded.vector",
).bindparams(bindparam("vector", type_=VectorColumn))


def _unit(vector: npt.ArrayLike, what: str = "vector") -> npt.NDArray[np.float64]:
    """`vector` checked (one row of finite numbers, not all zero) and scaled to length 1."""
    try:
        arr = np.asarray(vector, dtype=np.float64)
    except (TypeError, ValueError):
        raise Invalid(f"The {what} must be an array of numbers.", what) from None
    if arr.ndim != 1 or not 1 <= arr.size <= MAX_DIM:
        raise Invalid(f"The {what} must be one row of 1 to {MAX_DIM} numbers.", what)
    if not np.isfinite(arr).all():
        raise Invalid(f"The {what} holds NaN or infinity.", what)
    largest = float(np.abs(arr).max())
    if largest == 0.0:
        raise Invalid(f"The {what} is all zeros: it has no direction.", what)
    arr = arr / largest  # so the norm cannot overflow
    return arr / float(np.linalg.norm(arr))


def _names(kind: str, model: str) -> None:
    if not 1 <= len(kind) <= 32:
        raise Invalid("A kind has 1 to 32 characters.", "kind")
    if not 1 <= len(model) <= 64:
        raise Invalid("A model name has 1 to 64 characters.", "model")


class VectorStore(ABC):
    """Embeddings of workspace objects; `vectors_for(session)` picks the engine."""

    dialect: str

    def put(self, session: Session, workspace_id: int, kind: str, object_id: int, model: str,
            vector: npt.ArrayLike) -> None:
        """Store (or replace) the object's vector for `model`."""
        _names(kind, model)
        unit = _unit(vector).astype(np.float32)
        dim = self._dim(session, workspace_id, model, not_of=(kind, object_id))
        if dim is not None and dim != unit.size:
            raise Invalid(f"Vectors of model '{model}' here have {dim} numbers, "
                          f"not {unit.size}.", "vector")
        session.execute(_UPSERT, {"workspace_id": workspace_id, "kind": kind,
                                  "object_id": object_id, "model": model,
                                  "dim": int(unit.size), "vector": self._encode(unit)})
        self._changed(session, workspace_id, kind, model, object_id)

    def put_many(self, session: Session, workspace_id: int, kind: str, model: str,
                 object_ids: Sequence[int], vectors: npt.ArrayLike) -> None:
        """Store (or replace) the vectors of many objects of one kind and model at once: one
        dimension check, one upsert statement and one generation step for the lot (the
        embedding job's path; `put` per object cost more than the model on short texts)."""
        _names(kind, model)
        if not len(object_ids):
            return
        rows = [_unit(v) for v in np.asarray(vectors, dtype=np.float64)]
        if len(rows) != len(object_ids):
            raise Invalid(f"{len(object_ids)} objects but {len(rows)} vectors.", "vector")
        width = rows[0].size
        if any(r.size != width for r in rows):
            raise Invalid("The vectors have different lengths.", "vector")
        dim = self._dim(session, workspace_id, model)
        if dim is not None and dim != width and not self._only_these(
                session, workspace_id, kind, model, object_ids):
            raise Invalid(f"Vectors of model '{model}' here have {dim} numbers, "
                          f"not {width}.", "vector")
        session.execute(_UPSERT, [
            {"workspace_id": workspace_id, "kind": kind, "object_id": int(i), "model": model,
             "dim": int(width), "vector": self._encode(r.astype(np.float32))}
            for i, r in zip(object_ids, rows, strict=True)])
        self._changed_many(session, workspace_id, kind, model, [int(i) for i in object_ids])

    def _only_these(self, session: Session, workspace_id: int, kind: str, model: str,
                    object_ids: Sequence[int]) -> bool:
        """Whether the model's vectors in the workspace all belong to `object_ids` (so
        replacing them may change the dimension, as `put` allows for one object)."""
        stored = session.execute(select(_TABLE.c.kind, _TABLE.c.object_id).where(
            _TABLE.c.workspace_id == workspace_id, _TABLE.c.model == model)
            .limit(len(object_ids) + 1)).all()
        wanted = set(object_ids)
        return all(k == kind and int(o) in wanted for k, o in stored)

    def delete(self, session: Session, workspace_id: int, kind: str, object_id: int,
               model: str | None = None) -> None:
        """Forget the object's vectors (of one model, or all)."""
        stmt = delete(_TABLE).where(_TABLE.c.workspace_id == workspace_id,
                                    _TABLE.c.kind == kind, _TABLE.c.object_id == object_id)
        if model is not None:
            stmt = stmt.where(_TABLE.c.model == model)
        gone = session.scalars(stmt.returning(_TABLE.c.model)).all()
        for name in sorted(set(gone)):
            self._changed(session, workspace_id, kind, name, object_id)

    def _changed(self, session: Session, workspace_id: int, kind: str, model: str,
                 object_id: int) -> None:
        """Bump the generation and log the object, so indexes elsewhere catch up."""
        self._changed_many(session, workspace_id, kind, model, [object_id])

    def _changed_many(self, session: Session, workspace_id: int, kind: str, model: str,
                      object_ids: list[int]) -> None:
        """Bump the generation once per object and log each, so indexes elsewhere catch up;
        the objects take the generations before the new one, in order."""
        steps = len(object_ids)
        generation = int(session.execute(_BUMP, {"workspace_id": workspace_id, "kind": kind,
                                                 "model": model, "steps": steps}).scalar_one())
        first = generation - steps + 1
        session.execute(_CHANGES.insert(), [
            {"workspace_id": workspace_id, "kind": kind, "model": model,
             "generation": first + n, "object_id": object_id}
            for n, object_id in enumerate(object_ids)])
        if generation // 1000 != (first - 1) // 1000:  # prune now and then, not every time
            session.execute(delete(_CHANGES).where(
                _CHANGES.c.workspace_id == workspace_id, _CHANGES.c.kind == kind,
                _CHANGES.c.model == model,
                _CHANGES.c.generation <= generation - CHANGE_LOG_KEEP))

    def generation(self, session: Session, workspace_id: int, kind: str, model: str) -> int:
        """How many times the vectors of (workspace, kind, model) changed (0: never)."""
        found = session.scalar(select(_GEN.c.generation).where(
            _GEN.c.workspace_id == workspace_id, _GEN.c.kind == kind, _GEN.c.model == model))
        return int(found or 0)

    def count(self, session: Session, workspace_id: int, kind: str, model: str) -> int:
        """How many vectors of `kind` and `model` the workspace holds."""
        return int(session.scalar(select(func.count()).select_from(_TABLE).where(
            _TABLE.c.workspace_id == workspace_id, _TABLE.c.kind == kind,
            _TABLE.c.model == model)) or 0)

    def vectors_of(self, session: Session, workspace_id: int, kind: str, model: str,
                   ids: Collection[int]) -> tuple[npt.NDArray[np.int64], Vector]:
        """The stored vectors of these objects (those that have one), as (ids, rows)."""
        wanted = sorted({int(i) for i in ids})
        found_ids: list[int] = []
        rows: list[Vector] = []
        for start in range(0, len(wanted), BATCH):
            chunk = wanted[start:start + BATCH]
            # "+ 0" keeps SQLite's planner off the (workspace, kind, model) index, which
            # would scan every vector of the model, and on the (kind, object_id, model) one.
            for row in session.execute(select(_TABLE.c.object_id, _TABLE.c.vector).where(
                    _TABLE.c.workspace_id + 0 == workspace_id, _TABLE.c.kind == kind,
                    _TABLE.c.model == model, _TABLE.c.object_id.in_(chunk))):
                found_ids.append(int(row.object_id))
                rows.append(self._decode(row.vector))
        ids_out = np.asarray(found_ids, dtype=np.int64)
        if not rows:
            return ids_out, np.empty((0, 0), dtype=np.float32)
        return ids_out, np.vstack(rows).astype(np.float32)

    def all_vectors(self, session: Session, workspace_id: int, kind: str, model: str,
                    dim: int) -> Iterator[tuple[list[int], Vector]]:
        """Every stored vector of (workspace, kind, model), BATCH rows at a time."""
        stmt = select(_TABLE.c.object_id, _TABLE.c.vector).where(
            _TABLE.c.workspace_id == workspace_id, _TABLE.c.kind == kind,
            _TABLE.c.model == model, _TABLE.c.dim == dim)
        for rows in session.execute(stmt.execution_options(yield_per=BATCH)).partitions():
            yield ([int(r.object_id) for r in rows],
                   np.vstack([self._decode(r.vector) for r in rows]).astype(np.float32))

    def nearest(self, session: Session, workspace_id: int, kind: str, model: str,
                query: npt.ArrayLike, k: int, exclude_ids: Collection[int] = (),
                within: Collection[int] | None = None) -> Scored:
        """The k objects of `kind` whose vectors are most like `query`: (object_id, cosine).

        `within` restricts the search to those objects (a filtered search), exactly. Without
        it, past `ann.ANN_THRESHOLD` vectors an approximate index finds the candidates."""
        if not 1 <= k <= MAX_K:
            raise Invalid(f"k must be between 1 and {MAX_K}.", "k")
        unit = _unit(query, "query")
        dim = self._dim(session, workspace_id, model)
        if dim is None:
            return []
        if dim != unit.size:
            raise Invalid(f"Vectors of model '{model}' here have {dim} numbers, "
                          f"not {unit.size}.", "query")
        exclude = {int(i) for i in exclude_ids if 1 <= int(i) <= MAX_ID}  # others match none
        if within is not None:
            if len(within) > MAX_WITHIN:
                raise Invalid(f"A restricted search names at most {MAX_WITHIN} objects.",
                              "within")
            return self._rescored(session, workspace_id, kind, model, unit,
                                  set(within) - exclude, k)
        index = self._index(session, workspace_id, kind, model, dim)
        if index is None:
            return self._nearest(session, workspace_id, kind, model, unit, k, exclude)
        wanted = ann.candidates_wanted(k, len(exclude), len(index))
        found = [i for i in index.search(unit.astype(np.float32), wanted) if i not in exclude]
        return self._rescored(session, workspace_id, kind, model, unit, found, k)

    def _rescored(self, session: Session, workspace_id: int, kind: str, model: str,
                  unit: npt.NDArray[np.float64], ids: Collection[int], k: int) -> Scored:
        """The best k of `ids` by exact cosine with the stored vectors."""
        found, matrix = self.vectors_of(session, workspace_id, kind, model, ids)
        if not len(found):
            return []
        if matrix.shape[1] != unit.size:
            return []
        scores = matrix.astype(np.float64) @ unit
        order = np.lexsort((found, -scores))[:k]
        return [(int(found[i]), float(scores[i])) for i in order]

    def _index(self, session: Session, workspace_id: int, kind: str, model: str,
               dim: int) -> ann.AnnIndex | None:
        """This process's approximate index of the vectors, brought up to date; None while
        there are too few for one to pay off."""
        url = session.get_bind().engine.url.render_as_string(hide_password=True)
        key = (url, workspace_id, kind, model)
        current = self.generation(session, workspace_id, kind, model)
        cached = ann.CACHE.get(key)
        if cached is not None and cached.generation == current and cached.index.dim == dim:
            return cached.index
        size = self.count(session, workspace_id, kind, model)
        changed = None if cached is None else self._changed_since(
            session, workspace_id, kind, model, cached.generation, current,
            2 * ann.most_patched(size))
        step = ann.plan(size, current, None if cached is None or cached.index.dim != dim
                        else cached.generation, None if changed is None else len(changed))
        if step is ann.Plan.exact:
            return None
        if step is ann.Plan.catch_up and cached is not None and changed is not None:
            with cached.lock:
                ids, rows = self.vectors_of(session, workspace_id, kind, model, changed)
                cached.index.remove(set(changed) - set(ids.tolist()))
                cached.index.add(ids, rows)
                cached.generation = current
            return cached.index
        with ann.CACHE.builder_lock(key):
            again = ann.CACHE.get(key)  # another thread may have built it meanwhile
            if again is not None and again.generation == current and again.index.dim == dim:
                return again.index
            index = ann.build(dim, self.all_vectors(session, workspace_id, kind, model, dim))
            ann.CACHE.put(key, ann.Cached(current, index))
            return index

    def _changed_since(self, session: Session, workspace_id: int, kind: str, model: str,
                       since: int, until: int, limit: int) -> list[int] | None:
        """Objects whose vectors changed after generation `since` (None: the log is missing
        some of those generations, or over `limit` changes, too many to patch)."""
        rows = session.execute(select(_CHANGES.c.generation, _CHANGES.c.object_id).where(
            _CHANGES.c.workspace_id == workspace_id, _CHANGES.c.kind == kind,
            _CHANGES.c.model == model, _CHANGES.c.generation > since,
            _CHANGES.c.generation <= until).order_by(_CHANGES.c.generation).limit(limit)).all()
        if not rows or rows[0].generation != since + 1 or len(rows) == limit:
            return None
        return sorted({int(r.object_id) for r in rows})

    def dim(self, session: Session, workspace_id: int, model: str) -> int | None:
        """The dimension of the model's vectors in the workspace (None: there are none)."""
        return self._dim(session, workspace_id, model)

    def load(self, session: Session, workspace_id: int, kind: str, model: str,
             ids: Collection[int] | None = None) -> tuple[npt.NDArray[np.int64], Vector]:
        """Every stored vector of `kind` for `model` (or of the given ids), ordered by object
        id: (ids, matrix of unit rows). For whole-set work such as theme discovery."""
        stmt = select(_TABLE.c.object_id, _TABLE.c.vector).where(
            _TABLE.c.workspace_id == workspace_id, _TABLE.c.kind == kind,
            _TABLE.c.model == model).order_by(_TABLE.c.object_id)
        if ids is not None:
            stmt = stmt.where(_TABLE.c.object_id.in_(sorted({int(i) for i in ids})))
        found: list[int] = []
        rows: list[Vector] = []
        for row in session.execute(stmt.execution_options(yield_per=BATCH)):
            found.append(int(row.object_id))
            rows.append(self._decode(row.vector))
        dim = rows[0].size if rows else 0
        matrix = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dim), np.float32)
        return np.asarray(found, dtype=np.int64), matrix

    def _dim(self, session: Session, workspace_id: int, model: str,
             not_of: tuple[str, int] | None = None) -> int | None:
        """The dimension of the model's vectors in the workspace (None: there are none)."""
        stmt = select(_TABLE.c.dim).where(_TABLE.c.workspace_id == workspace_id,
                                          _TABLE.c.model == model)
        if not_of is not None:
            stmt = stmt.where(~((_TABLE.c.kind == not_of[0]) & (_TABLE.c.object_id == not_of[1])))
        dim: int | None = session.scalar(stmt.limit(1))
        return dim

    @abstractmethod
    def _encode(self, unit: Vector) -> object:
        """The column value for a unit vector."""

    @abstractmethod
    def _decode(self, value: object) -> Vector:
        """A unit vector from its column value."""

    @abstractmethod
    def _nearest(self, session: Session, workspace_id: int, kind: str, model: str,
                 unit: npt.NDArray[np.float64], k: int, exclude: set[int]) -> Scored: ...


class SqliteVectors(VectorStore):
    dialect = "sqlite"

    def _encode(self, unit: Vector) -> object:
        return unit.astype("<f4").tobytes()

    def _decode(self, value: object) -> Vector:
        return np.frombuffer(cast(bytes, value), dtype="<f4").astype(np.float32)

    def _nearest(self, session: Session, workspace_id: int, kind: str, model: str,
                 unit: npt.NDArray[np.float64], k: int, exclude: set[int]) -> Scored:
        stmt = select(_TABLE.c.object_id, _TABLE.c.vector).where(
            _TABLE.c.workspace_id == workspace_id, _TABLE.c.kind == kind,
            _TABLE.c.model == model, _TABLE.c.dim == unit.size)
        best_ids = np.empty(0, dtype=np.int64)
        best_scores = np.empty(0, dtype=np.float64)
        result = session.execute(stmt.execution_options(yield_per=BATCH))
        for rows in result.partitions():
            kept = [r for r in rows if r.object_id not in exclude]
            if not kept:
                continue
            ids = np.fromiter((r.object_id for r in kept), dtype=np.int64, count=len(kept))
            matrix = np.frombuffer(b"".join(r.vector for r in kept), dtype="<f4")
            scores = matrix.reshape(len(kept), unit.size).astype(np.float64) @ unit
            best_ids = np.concatenate((best_ids, ids))
            best_scores = np.concatenate((best_scores, scores))
            order = np.lexsort((best_ids, -best_scores))[:k]
            best_ids, best_scores = best_ids[order], best_scores[order]
        return [(int(i), float(s)) for i, s in zip(best_ids, best_scores, strict=True)]


_PG_NEAREST = text("""
    SELECT e.object_id,
           (SELECT sum(a::float8 * b) FROM unnest(e.vector, CAST(:query AS float8[])) AS t(a, b))
           AS score
    FROM embeddings e
    WHERE e.workspace_id = :workspace_id AND e.kind = :kind AND e.model = :model
      AND e.dim = :dim AND e.object_id <> ALL(CAST(:exclude AS bigint[]))
    ORDER BY score DESC, e.object_id
    LIMIT :k
""")


class PostgresVectors(VectorStore):
    dialect = "postgresql"

    def _encode(self, unit: Vector) -> object:
        return unit.tolist()

    def _decode(self, value: object) -> Vector:
        return np.asarray(value, dtype=np.float32)

    def _nearest(self, session: Session, workspace_id: int, kind: str, model: str,
                 unit: npt.NDArray[np.float64], k: int, exclude: set[int]) -> Scored:
        rows = session.execute(_PG_NEAREST, {
            "query": unit.tolist(), "workspace_id": workspace_id, "kind": kind,
            "model": model, "dim": int(unit.size), "exclude": sorted(exclude), "k": k})
        return [(int(r.object_id), float(r.score)) for r in rows]


_ENGINES: dict[str, VectorStore] = {e.dialect: e for e in (SqliteVectors(), PostgresVectors())}


def vectors_for(session: Session) -> VectorStore:
    """The implementation for the engine `session` is bound to."""
    return for_engine(session, _ENGINES, "vector store")
