"""Which file formats an evidence import reads, the presets for the exports teams bring, and
how a file's columns are matched to evidence fields. Pure: no files, no database.

A preset is data, not code: the format it reads, the source its rows get, and for each
evidence field the column names that tool writes (several spellings, since exports change
between versions). Generic files get the common names in `COMMON`. Every name is compared
after `normal()`, so "Review Text", "review_text" and "REVIEW-TEXT" are the same column.
Sources of the presets' column names are listed in docs/imports.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tandem.errors import Invalid
from tandem.inbound.evidence.models import Source

FORMATS = ("csv", "json", "jsonl", "text")

# Evidence fields a column can feed, with what each means for people.
FIELDS: dict[str, str] = {
    "text": "What the customer said (required)",
    "title": "A title or subject, put before the text",
    "received_on": "When it was received",
    "customer_contact": "Who said it",
    "email": "The person's email",
    "customer_company": "Their company",
    "source": "Where it came from (interview, support, review, ...)",
    "rating": "A star rating, 1 to 5 (becomes a tag like 2-stars)",
    "external_id": "The item's id in the tool it came from (for re-imports)",
    "url": "A link to the original (an id when there is no id column)",
    "tags": "Tags, comma-separated",
}

COMMON: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "comment", "comments", "review", "review text", "description",
             "message", "feedback", "content", "details", "note", "verbatim"),
    "title": ("title", "subject", "summary", "review title", "headline"),
    "received_on": ("received on", "date", "created at", "created", "created date",
                    "timestamp", "submitted at", "time"),
    "customer_contact": ("customer contact", "contact", "name", "author", "author name",
                         "customer", "customer name", "user", "user name", "reviewer"),
    "email": ("email", "e mail", "email address", "customer email", "user email",
              "author email"),
    "customer_company": ("customer company", "company", "company name", "organization",
                         "organisation", "account", "account name"),
    "source": ("source", "channel"),
    "rating": ("rating", "stars", "star rating", "score"),
    "external_id": ("id", "external id", "ticket id", "review id", "item id"),
    "url": ("url", "link", "permalink"),
    "tags": ("tags", "tag", "labels"),
}

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normal(name: str) -> str:
    """A column name as compared: lower case, runs of other characters as one space."""
    return _NON_WORD.sub(" ", name.lower()).strip()


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    format: str  # one of FORMATS
    source: Source
    columns: Mapping[str, tuple[str, ...]]  # field -> the tool's column names
    about: str = ""
    suffix: str = ".csv"  # the sample file's extension
    notes: tuple[str, ...] = field(default_factory=tuple)


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("zendesk", "Zendesk tickets (JSON)", "json", Source.support, {
        "text": ("description",), "title": ("subject", "raw subject"),
        "received_on": ("created at",), "external_id": ("id",), "url": ("url",),
        "customer_contact": ("requester name", "via source from name"),
        "email": ("requester email", "via source from address"),
        "customer_company": ("organization name",), "tags": ("tags",),
    }, "Admin Center > Account > Tools > Reports > JSON export (one ticket per line), "
       "or an API page of tickets.", ".json"),
    Preset("intercom", "Intercom conversations (CSV)", "csv", Source.support, {
        "text": ("message body", "conversation first message", "body"),
        "title": ("conversation subject", "subject"),
        "received_on": ("conversation created at", "message created at",
                        "conversation started at", "created at"),
        "external_id": ("conversation id", "message id"),
        "customer_contact": ("message author name", "user name", "contact name"),
        "email": ("message author email", "user email", "contact email"),
        "customer_company": ("message author companies", "company name", "company"),
        "tags": ("conversation tags", "tags"),
    }, "A conversation export: one row per conversation."),
    Preset("app_store", "App Store reviews (CSV)", "csv", Source.review, {
        "text": ("review", "body", "review text", "content"), "title": ("title",),
        "received_on": ("date", "created date", "review date", "last modified"),
        "rating": ("rating", "stars"), "external_id": ("review id", "id"),
        "customer_contact": ("nickname", "reviewer nickname", "author", "user name"),
    }, "Customer reviews from App Store Connect (rating, title, review, nickname, date)."),
    Preset("google_play", "Google Play reviews (CSV)", "csv", Source.review, {
        "text": ("review text",), "title": ("review title",),
        "received_on": ("review submit date and time", "review last update date and time"),
        "rating": ("star rating",), "url": ("review link",),
    }, "Play Console > Download reports > Reviews: monthly UTF-16 CSV files."),
    Preset("productboard", "Productboard notes (CSV)", "csv", Source.other, {
        "text": ("note text", "content", "note content", "text"),
        "title": ("note title", "title"),
        "received_on": ("created at", "note created at", "created"),
        "external_id": ("note id", "id", "source record id"),
        "url": ("display url", "note url", "url"),
        "customer_contact": ("user name", "customer name", "author name"),
        "email": ("user email", "customer email", "author email"),
        "customer_company": ("company name", "company", "company domain"),
        "tags": ("tags",),
    }, "Insights > Notes > Export to CSV."),
    Preset("canny", "Canny posts (CSV)", "csv", Source.community, {
        "text": ("details", "description"), "title": ("title",),
        "received_on": ("created at", "created", "date"),
        "external_id": ("id", "post id"), "url": ("url", "post url", "link"),
        "customer_contact": ("author name", "author"),
        "email": ("author email", "email"),
        "customer_company": ("company name", "company", "companies"),
        "tags": ("tags", "category"),
    }, "Settings > Data Export > Export posts (CSV)."),
    Preset("fider", "Fider posts (CSV)", "csv", Source.community, {
        "text": ("description",), "title": ("title",),
        "received_on": ("created at",), "external_id": ("number",),
        "customer_contact": ("created by",), "tags": ("tags",),
    }, "Site settings > Export > Export posts (CSV)."),
)}


def preset(name: str | None) -> Preset | None:
    """The preset called `name` (None for none); Invalid naming every preset otherwise."""
    if name is None or name == "":
        return None
    found = PRESETS.get(name.strip().lower().replace("-", "_"))
    if found is None:
        raise Invalid(f"Unknown preset '{name}' (known: {', '.join(PRESETS)}).", "preset")
    return found


def format_of(file_name: str, head: bytes, chosen: str | None = None,
              wanted: Preset | None = None) -> str:
    """The format to read: the one chosen, else the preset's, else from the file's name and
    first bytes. Invalid when the choice is unknown."""
    if chosen:
        fmt = chosen.strip().lower()
        if fmt not in FORMATS:
            raise Invalid(f"Unknown format '{chosen}' (known: {', '.join(FORMATS)}).",
                          "format")
        return "json" if fmt == "jsonl" else fmt
    sniffed = _sniff(file_name, head)
    if wanted is not None and sniffed != wanted.format and not (
            sniffed == "text" and wanted.format == "csv"):
        raise Invalid(f"The {wanted.label} preset reads {wanted.format.upper()}, but "
                      f"{file_name} looks like {sniffed.upper()}.", "preset")
    return wanted.format if wanted is not None else sniffed


def _sniff(file_name: str, head: bytes) -> str:
    lower = file_name.lower()
    if lower.endswith((".json", ".jsonl", ".ndjson")):
        return "json"
    if lower.endswith((".txt", ".md", ".text")):
        return "text"
    if lower.endswith((".csv", ".tsv")):
        return "csv"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if start in (b"[", b"{") else "csv"


def detect(columns: Iterable[str], wanted: Preset | None = None) -> dict[str, str]:
    """Field -> the file's column that feeds it, from the preset's names then the common
    ones; each column feeds at most one field, earlier fields first."""
    by_normal: dict[str, str] = {}
    for column in columns:
        by_normal.setdefault(normal(column), column)
    used: set[str] = set()
    found: dict[str, str] = {}
    for target in FIELDS:
        names = (*(wanted.columns.get(target, ()) if wanted else ()), *COMMON[target])
        for name in names:
            match = by_normal.get(normal(name))
            if match is not None and match not in used:
                found[target] = match
                used.add(match)
                break
    return found


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """`["text=Body", "email="]` -> {"text": "Body", "email": ""} (empty: do not use)."""
    result: dict[str, str] = {}
    for pair in pairs:
        target, sep, column = pair.partition("=")
        target = target.strip()
        if not sep or not target:
            raise Invalid(f"'{pair}' is not FIELD=COLUMN (for example text=Body).", "map")
        if target not in FIELDS:
            raise Invalid(f"Unknown field '{target}' in '{pair}' (known: "
                          f"{', '.join(FIELDS)}).", "map")
        result[target] = column.strip()
    return result


def apply_overrides(detected: Mapping[str, str], overrides: Mapping[str, str],
                    columns: Iterable[str], file_name: str) -> dict[str, str]:
    """The detected mapping with the person's choices on top; each chosen column must exist
    (matched like detection, ignoring case and punctuation)."""
    by_normal = {normal(c): c for c in columns}
    mapping = dict(detected)
    for target, column in overrides.items():
        if target not in FIELDS:
            raise Invalid(f"Unknown field '{target}' (known: {', '.join(FIELDS)}).", "map")
        if not column:
            mapping.pop(target, None)
            continue
        actual = by_normal.get(normal(column))
        if actual is None:
            shown = ", ".join(list(by_normal.values())[:30]) or "none"
            raise Invalid(f"{file_name} has no column '{column}' for {target} "
                          f"(its columns: {shown}).", target)
        for other, used in list(mapping.items()):
            if used == actual and other != target and other not in overrides:
                del mapping[other]
        mapping[target] = actual
    return mapping


def require_text(mapping: Mapping[str, str], columns: Iterable[str], file_name: str) -> None:
    """A file with no column for the text cannot be imported: say which columns it has."""
    if "text" in mapping or "title" in mapping:
        return
    shown = ", ".join(list(columns)[:30]) or "none"
    raise Invalid(f"{file_name}: no text column found (its columns: {shown}); name one "
                  "with text=COLUMN (--map in the CLI, the mapping form on the web).", "text")
