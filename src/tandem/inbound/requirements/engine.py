"""Pure rules of a requirements document: the status flow and quote citations.

No database here, so both are tested table-driven (tests/inbound/requirements/test_engine.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

MAX_URL = 2000


class Status(StrEnum):
    draft = "draft"
    in_review = "in_review"
    approved = "approved"
    handed_off = "handed_off"


STATUS_LABELS = {Status.draft: "Draft", Status.in_review: "In review",
                 Status.approved: "Approved", Status.handed_off: "Handed to development"}

# Where each status may go next. Handing off is its own command (it needs what, to whom and
# the tracker link), so `handed_off` is reached only through it; it is the end of the flow.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.draft: frozenset({Status.in_review}),
    Status.in_review: frozenset({Status.draft, Status.approved}),
    Status.approved: frozenset({Status.draft, Status.handed_off}),
    Status.handed_off: frozenset(),
}
# The content can change only before approval; an approved document is reopened to draft.
EDITABLE = frozenset({Status.draft, Status.in_review})


class FlowError(ValueError):
    """A status change the flow does not allow; the message says what is allowed."""


def check_transition(current: Status, target: Status) -> None:
    """Raise FlowError unless `current` may move to `target`."""
    if target is current:
        raise FlowError(f"The requirements are already {STATUS_LABELS[current].lower()}.")
    allowed = TRANSITIONS[current]
    if target not in allowed:
        if not allowed:
            raise FlowError("The requirements were handed to development; they cannot "
                            "change status any more.")
        names = " or ".join(STATUS_LABELS[s].lower() for s in sorted(allowed))
        raise FlowError(f"{STATUS_LABELS[current]} requirements can go to {names}, not "
                        f"{STATUS_LABELS[target].lower()}.")


def as_who(as_a: str) -> str:
    """'manager' -> 'As a manager', 'admin' -> 'As an admin'; kept when it has an article."""
    who = as_a.strip()
    if not who:
        return ""
    first = who.split(" ", 1)[0].lower()
    if first == "as":  # typed in full: "as a manager"
        return who[:1].upper() + who[1:]
    if first in ("a", "an", "the"):
        return f"As {who}"
    return f"As {'an' if first[:1] in 'aeiou' else 'a'} {who}"


_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def normalise(text: str) -> str:
    """Text as quotes are compared: case, runs of white space and curly quotes ignored."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().casefold()


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` occurs in `text` (start, end in the normalised text), or None.

    An empty quote, or one of only spaces, is never found: a citation must quote words."""
    wanted = normalise(quote)
    if not wanted:
        return None
    start = normalise(text).find(wanted)
    return None if start < 0 else (start, start + len(wanted))


class CitationState(StrEnum):
    ok = "ok"
    missing = "missing"  # the evidence was deleted
    changed = "changed"  # the evidence was reworded; the quote is no longer in it


@dataclass(frozen=True)
class CheckedCitation:
    evidence_id: int
    quote: str
    state: CitationState


def check_citation(evidence_id: int, quote: str, texts: dict[int, str]) -> CheckedCitation:
    """A stored citation against the evidence as it is now (`texts`: id -> text of the
    evidence that still exists). Never raises: a deleted item is `missing`."""
    text = texts.get(evidence_id)
    if text is None:
        state = CitationState.missing
    elif quote_span(text, quote) is None:
        state = CitationState.changed
    else:
        state = CitationState.ok
    return CheckedCitation(evidence_id, quote, state)


def check_url(raw: str) -> str:
    """A tracker link: http or https with a host, at most MAX_URL characters; '' allowed."""
    url = raw.strip()
    if not url:
        return ""
    if len(url) > MAX_URL:
        raise ValueError(f"The tracker link is longer than {MAX_URL} characters.")
    if any(c.isspace() for c in url):
        raise ValueError("The tracker link must not contain spaces.")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ValueError("The tracker link is not a valid URL.") from None
    if parts.scheme not in ("http", "https"):
        raise ValueError("The tracker link must start with http:// or https://.")
    if not parts.hostname:
        raise ValueError("The tracker link needs a host, e.g. https://tracker.example/T-12.")
    return url
