"""The pure parts of hybrid search: fusing two rankings into one, and marking matches.

Fusion is reciprocal rank fusion (Cormack, Clarke and Buettcher, "Reciprocal Rank Fusion
outperforms Condorcet and individual Rank Learning Methods", SIGIR 2009): an item's score is
the sum over the rankings it appears in of 1 / (RRF_K + rank), rank counted from 1. It uses
only ranks, so bm25, ts_rank and cosine never have to be put on one scale (they are not
comparable, and bm25 is not even comparable between the two engines); RRF_K = 60 is the
paper's value, which damps the gap between the first few places. An item found both by
keyword and by meaning beats one found by either alone at the same places.

Highlighting works on the text as stored: each query word marks the words of the text that
begin with it (the full-text index matches prefixes, case and accents folded), the text is
HTML-escaped piece by piece, and only our own <mark> tags are added, so a stored "<script>"
comes out as text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

RRF_K = 60
SNIPPET = 240  # characters of context shown around the first match

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Fused:
    object_id: int
    score: float
    keyword_rank: int | None  # 1-based place in the keyword ranking, None: not found by it
    semantic_rank: int | None


def fuse(keyword: Sequence[int], semantic: Sequence[int], k: int = RRF_K) -> list[Fused]:
    """Both rankings (object ids, best first) as one, best first; ties go to the item
    with the better keyword place, then the lower id, so the order is stable."""
    places: dict[int, list[int | None]] = {}
    for rank, object_id in enumerate(keyword, start=1):
        places.setdefault(object_id, [None, None])
        if places[object_id][0] is None:
            places[object_id][0] = rank
    for rank, object_id in enumerate(semantic, start=1):
        places.setdefault(object_id, [None, None])
        if places[object_id][1] is None:
            places[object_id][1] = rank
    fused = [Fused(object_id, sum(1.0 / (k + r) for r in ranks if r is not None),
                   ranks[0], ranks[1]) for object_id, ranks in places.items()]
    fused.sort(key=lambda f: (-f.score, f.keyword_rank or 10**9, f.object_id))
    return fused


def _fold(word: str) -> str:
    """Lower case without accents, as both full-text tokenizers compare words."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SUFFIXES = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    """A crude English stem, so "shifts" also marks "shift" as the stemming index matched it
    (marking only: a shorter stem marks a little more, never hides a match)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each word of `text` that begins with one of `terms` (or its stem)."""
    wanted = [_stem(_fold(t)) for t in terms if t]
    if not wanted:
        return []
    return [(m.start(), m.end()) for m in _WORD.finditer(text)
            if any(_fold(m.group()).startswith(t) for t in wanted)]


def window(text: str, found: Sequence[tuple[int, int]], size: int = SNIPPET) -> tuple[int, int]:
    """The part of `text` to show: `size` characters around the first match (or the start),
    moved to word boundaries."""
    if len(text) <= size:
        return 0, len(text)
    first = found[0][0] if found else 0
    start = max(0, min(first - size // 3, len(text) - size))
    end = min(len(text), start + size)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def highlight(text: str, terms: Sequence[str], size: int = SNIPPET) -> Markup:
    """A snippet of `text` around the matches, escaped, with each match in <mark>."""
    found = spans(text, terms)
    start, end = window(text, found, size)
    parts: list[str] = ["…" if start > 0 else ""]
    at = start
    for s, e in found:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        parts.append(str(escape(text[at:s])))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        at = e
    parts.append(str(escape(text[at:end])))
    parts.append("…" if end < len(text) else "")
    return Markup("".join(parts))
