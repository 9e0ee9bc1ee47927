"""The tables behind full-text and vector search, shared by both engines.

`search_documents` holds one row of searchable text per object; each engine indexes it its
own way (SQLite: an FTS5 table kept in step by triggers; PostgreSQL: a generated tsvector
column with a GIN index), both created in the migrations. `embeddings` holds one vector per
object and model (SQLite: float32 bytes; PostgreSQL: a real[] array, so similarity can be
computed in the database). `tandem.storage.fulltext` and `tandem.storage.vectors` are the
interfaces over them.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY, REAL
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base

VectorColumn = LargeBinary().with_variant(ARRAY(REAL()), "postgresql")


class SearchDocument(Base):
    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_search_documents_scope", "workspace_id", "kind"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")


class Embedding(Base):
    __tablename__ = "embeddings"
    __table_args__ = (
        UniqueConstraint("kind", "object_id", "model"),
        Index("ix_embeddings_scope", "workspace_id", "kind", "model"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int] = mapped_column(Integer)
    model: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[object] = mapped_column(VectorColumn)


class VectorGeneration(Base):
    """How many times the vectors of one (workspace, kind, model) have changed.

    Bumped in the same transaction as every `put` and `delete` (tandem.storage.vectors), so
    a process holding an approximate index (tandem.storage.ann) sees with one indexed read
    whether its copy is current. The row is locked by the bump until commit, so numbers are
    handed out in commit order and no change is ever skipped.
    """

    __tablename__ = "vector_generations"
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"),
                                              primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    model: Mapped[str] = mapped_column(String(64), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, default=0)


class VectorChange(Base):
    """Which object's vector changed at which generation, so an index catches up by
    re-reading only those; old rows are pruned and an index older than the log rebuilds."""

    __tablename__ = "vector_changes"
    __table_args__ = (
        Index("ix_vector_changes_scope", "workspace_id", "kind", "model", "generation"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    model: Mapped[str] = mapped_column(String(64))
    generation: Mapped[int] = mapped_column(Integer)
    object_id: Mapped[int] = mapped_column(Integer)
