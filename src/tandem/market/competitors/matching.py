"""Finding a competitor's name or alias in text (no database).

Whole words only, any case: "Rota" does not match "rotation", "RotaBoard" matches
"rotaboard's". A term may hold spaces (any run of whitespace matches them) and end in a
non-letter ("C++", "Deputy.com"), so the edges are look-arounds on word characters rather
than \\b, which would fail next to punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MIN_TERM = 2  # a one-letter alias would match nearly everything


def pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for all of a competitor's terms, longest first; None without terms."""
    cleaned = sorted({" ".join(t.split()) for t in terms if len(t.strip()) >= MIN_TERM},
                     key=lambda t: (-len(t), t.lower()))
    if not cleaned:
        return None
    alternatives = (r"\s+".join(re.escape(word) for word in term.split(" "))
                    for term in cleaned)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def first_match(text: str, compiled: re.Pattern[str] | None) -> str | None:
    """The first term found in `text`, as written there; None when there is none."""
    if compiled is None or not text:
        return None
    found = compiled.search(text)
    return found.group(0) if found else None


def highlight(text: str, compiled: re.Pattern[str] | None) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_match) parts, for showing the match in context."""
    if compiled is None:
        return [(text, False)]
    parts: list[tuple[str, bool]] = []
    last = 0
    for found in compiled.finditer(text):
        if found.start() > last:
            parts.append((text[last:found.start()], False))
        parts.append((found.group(0), True))
        last = found.end()
    if last < len(text):
        parts.append((text[last:], False))
    return parts
