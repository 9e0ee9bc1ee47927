"""One record of an import file made into evidence, with the key that makes imports
idempotent. Pure: no files, no database.

The key is the record's id in the tool it came from (per preset, or per source for plain
files) when the file has one, else a hash of its normalised text, source and customer; it
is stored on the evidence with a unique index per workspace, so the same file imported
twice adds nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from tandem.errors import Invalid
from tandem.inbound.evidence.models import Source
from tandem.inbound.evidence.reading import Problem, Record
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.schema import friendly_error

MAX_TEXT_BYTES = 100 * 1000  # "text over 100 kB" is refused with its own message
MAX_TAGS = 20
_SPACES = re.compile(r"\s+")
_SOURCES = {s.value for s in Source}


@dataclass(frozen=True)
class Plan:
    """How to read one file: which column feeds which field, and the defaults."""

    mapping: Mapping[str, str]  # field -> column
    source: Source = Source.other
    origin: str = ""  # whose ids `external_id` holds: the preset's name, else the source


@dataclass
class Row:
    line: int
    body: EvidenceCreate
    key: str


def normalised(text: str) -> str:
    """Text as compared for duplicates: Unicode-normalised, case-folded, spaces collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def import_key(*parts: str) -> str:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16)
    return digest.hexdigest()


def parse_date(raw: str) -> date:
    """2025-03-04, or a date and time in ISO form (with T or a space, any zone): the day."""
    value = raw.strip()
    if len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise ValueError(f"'{raw[:40]}' is not a date: use 2025-03-31 or an ISO date and time")


def _rating_tag(raw: str) -> str:
    try:
        stars = float(raw.strip())
    except ValueError:
        raise ValueError(f"'{raw[:20]}' is not a rating from 1 to 5") from None
    if not 0 <= stars <= 5 or stars != int(stars):
        raise ValueError(f"'{raw[:20]}' is not a rating from 1 to 5")
    count = int(stars)
    return f"{count}-star" if count == 1 else f"{count}-stars"


class _Reject(Exception):
    def __init__(self, column: str | None, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _contact(name: str, email: str) -> str:
    if name and email and email.lower() not in name.lower():
        return f"{name} <{email}>"
    return name or email


def make_row(record: Record, plan: Plan) -> Row | Problem:
    """The evidence for `record`, or a Problem naming its line, column and reason."""
    try:
        return _make(record, plan)
    except _Reject as exc:
        return Problem(record.line, exc.column, exc.message, record.unit)


def _make(record: Record, plan: Plan) -> Row:
    mapping, values = plan.mapping, record.values

    def get(target: str) -> str:
        column = mapping.get(target)
        return (values.get(column) or "").strip() if column else ""

    text_column = mapping.get("text") or mapping.get("title")
    body, title = get("text"), get("title")
    text = f"{title}\n\n{body}" if title and body and not body.startswith(title) \
        else (body or title)
    if not text:
        raise _Reject(text_column, "the text is empty")
    if len(text) * 4 > MAX_TEXT_BYTES and len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise _Reject(text_column, f"the text is over {MAX_TEXT_BYTES // 1000} kB")
    data: dict[str, Any] = {"text": text}
    source = plan.source.value
    if get("source"):
        source = get("source").lower().replace(" ", "_").replace("-", "_")
        if source not in _SOURCES:
            raise _Reject(mapping["source"], f"'{get('source')[:40]}' is not a source "
                          f"(one of {', '.join(sorted(_SOURCES))})")
    data["source"] = source
    data["customer_company"] = get("customer_company")
    data["customer_contact"] = _contact(get("customer_contact"), get("email"))
    raw_date = get("received_on")
    if raw_date:
        try:
            data["received_on"] = parse_date(raw_date)
        except ValueError as exc:
            raise _Reject(mapping["received_on"], str(exc)) from None
    tags = [t for t in get("tags").split(",") if t.strip()]
    if get("rating"):
        try:
            tags.append(_rating_tag(get("rating")))
        except ValueError as exc:
            raise _Reject(mapping["rating"], str(exc)) from None
    data["tags"] = tags[:MAX_TAGS]
    try:
        created = EvidenceCreate.model_validate(data)
        for rule in evidence.rules:
            rule(created.model_dump())
    except ValidationError as exc:
        err = exc.errors()[0]
        target = str(err["loc"][0]) if err["loc"] else None
        column = _column_of(target, mapping)
        raise _Reject(column, friendly_error(err, "the value" if column else target)) from None
    except Invalid as exc:
        raise _Reject(_column_of(exc.field, mapping), exc.message) from None
    external = get("external_id") or get("url")
    if external:
        key = import_key("id", plan.origin or created.source.value, external[:500])
    else:
        key = import_key("text", normalised(created.text), created.source.value,
                         normalised(created.customer_company),
                         normalised(created.customer_contact))
    return Row(record.line, created, key)


def _column_of(target: str | None, mapping: Mapping[str, str]) -> str | None:
    if target is None:
        return None
    if target == "customer_contact":
        return mapping.get("customer_contact") or mapping.get("email")
    if target == "text":
        return mapping.get("text") or mapping.get("title")
    return mapping.get(target, target)
