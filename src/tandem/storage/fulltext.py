"""Full-text search over `search_documents`: one interface, one implementation per engine.

Each searchable object has one document (title + body) keyed by (kind, object_id); the
resource layer rewrites it in the same transaction as the object, so search never lags.
The engines index it differently (both set up in migration 0002):

- SQLite: the FTS5 table `search_fts`, external content on `search_documents`, kept in step
  by triggers; tokenizer `porter unicode61 remove_diacritics 2` (stems English, folds case
  and accents). Query: each word a quoted prefix phrase, `"word"*`, all of them required.
  Rank: `bm25()` with the title weighted 2.5x the body (bm25 is lower-is-better; we return
  its negation so a higher rank is better on both engines).
- PostgreSQL: the generated column `tsv` (config `english`, title weight A, body weight B)
  with the GIN index `ix_search_documents_tsv`. Query: `to_tsquery('english',
  'word:* & word:*')`. Rank: `ts_rank()`.

Differences a person may notice: PostgreSQL drops English stop words ("the", "of") from
text and query alike, so a query of stop words only finds nothing there, while SQLite
matches them as words. Both stem a typed prefix like a word, so a prefix that stems apart
from the word it begins can miss: "runni" is not a prefix of "run" (running) on either, and
SQLite's Porter stemmer also turns "pay" into "pai", which misses "payroll" (PostgreSQL's
Snowball stemmer keeps "pay"). Whole words and most prefixes match. Ranks compare within
one engine only.

User text never reaches either query language as typed: `terms()` keeps words only (runs of
letters and digits), at most MAX_TERMS of them, each cut to MAX_TERM_LENGTH, so quotes,
operators, NUL, emoji or 50,000 characters cannot raise a database error. Text without a
word matches nothing.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Join,
    Select,
    String,
    Table,
    column,
    delete,
    false,
    func,
    insert,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

from tandem.storage.dialects import for_engine
from tandem.storage.search_index import SearchDocument

MAX_TERMS = 8
MAX_TERM_LENGTH = 64
TITLE_LENGTH = 200  # search_documents.title is String(200)

_WORD = re.compile(r"[^\W_]+")  # letters and digits; "_" splits words, as both tokenizers do


def terms(text: str) -> list[str]:
    """The words of `text` a query is built from: bounded in number and length."""
    words: list[str] = []
    for match in _WORD.finditer(text):
        words.append(match.group()[:MAX_TERM_LENGTH])
        if len(words) == MAX_TERMS:
            break
    return words


@dataclass(frozen=True)
class TextHit:
    kind: str
    object_id: int
    title: str
    rank: float  # higher is better; comparable within one engine only


_DOC = cast(Table, SearchDocument.__table__)
# The same upsert on both engines, as text: SQLAlchemy does not cache the compiled form of
# its dialect-specific INSERT .. ON CONFLICT constructs, and every create and update runs it.
_UPSERT = text(
    "INSERT INTO search_documents (workspace_id, kind, object_id, title, body) "
    "VALUES (:workspace_id, :kind, :object_id, :title, :body) "
    "ON CONFLICT (kind, object_id) DO UPDATE SET workspace_id = excluded.workspace_id, "
    "title = excluded.title, body = excluded.body")


class FullText(ABC):
    """Keeps documents in step and queries them; `fulltext_for(session)` picks the engine."""

    dialect: str

    # --- writing: plain SQL on search_documents, the engine's index follows -------------

    def put(self, session: Session, workspace_id: int, kind: str, object_id: int,
            title: str, body: str) -> None:
        """Insert or replace the document of one object."""
        session.execute(_UPSERT, {"workspace_id": workspace_id, "kind": kind,
                                  "object_id": object_id, "title": title[:TITLE_LENGTH],
                                  "body": body})

    def remove(self, session: Session, kind: str, object_id: int) -> None:
        session.execute(delete(_DOC).where(_DOC.c.kind == kind, _DOC.c.object_id == object_id))

    def replace(self, session: Session, workspace_id: int, kind: str,
                docs: Sequence[tuple[int, str, str]]) -> None:
        """Delete then insert the documents of a batch of objects: (object_id, title, body)."""
        if not docs:
            return
        session.execute(delete(_DOC).where(
            _DOC.c.kind == kind, _DOC.c.object_id.in_([d[0] for d in docs])))
        session.execute(insert(_DOC), [
            {"workspace_id": workspace_id, "kind": kind, "object_id": object_id,
             "title": title[:TITLE_LENGTH], "body": body} for object_id, title, body in docs])

    def prune(self, session: Session, workspace_id: int, kind: str,
              live_ids: Select[Any]) -> None:
        """Delete the workspace's documents of `kind` whose object is not in `live_ids`."""
        session.execute(delete(_DOC).where(
            _DOC.c.workspace_id == workspace_id, _DOC.c.kind == kind,
            _DOC.c.object_id.not_in(live_ids)))

    def prune_kinds(self, session: Session, workspace_id: int, kinds: Iterable[str]) -> None:
        """Delete the workspace's documents of any kind not in `kinds`."""
        session.execute(delete(_DOC).where(
            _DOC.c.workspace_id == workspace_id, _DOC.c.kind.not_in(list(kinds))))

    # --- reading ----------------------------------------------------------------------

    def matching(self, workspace_id: int, kind: str, text: str) -> Select[tuple[int]]:
        """Ids of the workspace's objects of `kind` whose document matches `text`, for use
        as `Model.id.in_(...)`; selects nothing when `text` has no word."""
        words = terms(text)
        stmt = select(_DOC.c.object_id).where(_DOC.c.workspace_id == workspace_id,
                                              _DOC.c.kind == kind)
        if not words:
            return stmt.where(false())
        return stmt.select_from(self._source()).where(self._match(words))

    def search(self, session: Session, workspace_id: int, text: str, kinds: Sequence[str],
               per_kind: int) -> list[TextHit]:
        """The best `per_kind` matches of each of `kinds`, best first within a kind."""
        words = terms(text)
        if not words or not kinds or per_kind < 1:
            return []
        # Rank in one subquery and place in the next: SQLite allows bm25() only in a
        # query on its FTS table, not inside a window function.
        matched = (
            select(_DOC.c.kind, _DOC.c.object_id, _DOC.c.title,
                   self._rank(words).label("rank"))
            .select_from(self._source())
            .where(_DOC.c.workspace_id == workspace_id, _DOC.c.kind.in_(list(kinds)),
                   self._match(words))
            .subquery()
        )
        place = func.row_number().over(partition_by=matched.c.kind,
                                       order_by=(matched.c.rank.desc(), matched.c.object_id))
        placed = select(matched, place.label("place")).subquery()
        rows = session.execute(
            select(placed.c.kind, placed.c.object_id, placed.c.title, placed.c.rank)
            .where(placed.c.place <= per_kind)
            .order_by(placed.c.kind, placed.c.place))
        return [TextHit(r.kind, r.object_id, r.title, float(r.rank)) for r in rows]

    def ranked(self, session: Session, workspace_id: int, kind: str, text: str, limit: int,
               within: Select[tuple[int]] | None = None) -> list[tuple[int, float]]:
        """The best `limit` matches of one kind as (object_id, rank), best first; `within`
        (a select of ids) restricts them, for filtered searches."""
        words = terms(text)
        if not words or limit < 1:
            return []
        rank = self._rank(words).label("rank")
        stmt = (select(_DOC.c.object_id, rank).select_from(self._source())
                .where(_DOC.c.workspace_id == workspace_id, _DOC.c.kind == kind,
                       self._match(words)))
        if within is not None:
            stmt = stmt.where(_DOC.c.object_id.in_(within))
        rows = session.execute(stmt.order_by(rank.desc(), _DOC.c.object_id).limit(limit))
        return [(int(r.object_id), float(r.rank)) for r in rows]

    # --- what differs -----------------------------------------------------------------

    @abstractmethod
    def _source(self) -> FromClause:
        """What to select documents from (SQLite joins its FTS table)."""

    @abstractmethod
    def _match(self, words: list[str]) -> ColumnElement[bool]:
        """True for documents that contain every word (as a prefix)."""

    @abstractmethod
    def _rank(self, words: list[str]) -> ColumnElement[Any]:
        """Higher for better matches; only meaningful where `_match` holds."""


_FTS = table("search_fts", column("rowid", Integer), column("search_fts", String))


class _FtsFirst(Join):
    """search_fts joined to search_documents, read in that order. Left to itself SQLite's
    planner walks the workspace's documents and runs the MATCH once per row (a second at
    10k documents); CROSS JOIN makes it run the MATCH once and look documents up by id."""

    inherit_cache = True


@compiles(_FtsFirst, "sqlite")
def _cross_join(join: _FtsFirst, compiler: SQLCompiler, **kw: Any) -> str:
    plain = Join(join.left, join.right, join.onclause)
    return compiler.process(plain, **kw).replace(" JOIN ", " CROSS JOIN ", 1)


class SqliteFullText(FullText):
    dialect = "sqlite"
    TITLE_WEIGHT = 2.5  # about PostgreSQL's A/B weights (1.0 / 0.4)

    def _source(self) -> FromClause:
        return _FtsFirst(_FTS, _DOC, _FTS.c.rowid == _DOC.c.id)

    def _match(self, words: list[str]) -> ColumnElement[bool]:
        return _FTS.c.search_fts.match(" ".join(f'"{w}"*' for w in words))

    def _rank(self, words: list[str]) -> ColumnElement[Any]:
        bm25 = func.bm25(literal_column("search_fts"), literal_column(str(self.TITLE_WEIGHT)),
                         literal_column("1.0"))
        return -bm25


_TSV = literal_column("search_documents.tsv", TSVECTOR)  # generated in migration 0002
# The text search config the tsv column is built with.
_ENGLISH: ColumnElement[Any] = literal_column("'english'::regconfig")


class PostgresFullText(FullText):
    dialect = "postgresql"

    def _source(self) -> FromClause:
        return _DOC

    def _query(self, words: list[str]) -> ColumnElement[Any]:
        return func.to_tsquery(_ENGLISH, " & ".join(f"{w}:*" for w in words))

    def _match(self, words: list[str]) -> ColumnElement[bool]:
        return _TSV.bool_op("@@")(self._query(words))

    def _rank(self, words: list[str]) -> ColumnElement[Any]:
        return func.ts_rank(_TSV, self._query(words))


_ENGINES: dict[str, FullText] = {e.dialect: e for e in (SqliteFullText(), PostgresFullText())}


def fulltext_for(session: Session) -> FullText:
    """The implementation for the engine `session` is bound to."""
    return for_engine(session, _ENGINES, "full-text search")
