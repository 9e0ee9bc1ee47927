"""Versions on the wire: the ETag of one object and the If-Match a writer sends back.

Every workspace object has a `row_version` (see `storage.base.WorkspaceOwned`). The API
shows it as a strong ETag, `"<version>"`, on GET and on the answer to a write of one object,
and as `row_version` in the body. A PATCH, PUT or DELETE may send `If-Match: "<version>"`:
if the object has moved on, the answer is 412 with code `stale`, the current version in the
message and in the ETag header, and nothing is written. Without If-Match the write goes
ahead (last writer wins on the fields it sent; PATCH sends only the fields it changes).

A weak form (`W/"3"`) is accepted in If-Match too, since the version is all either names;
`*` means "whatever version it has". A value that names no version can match none (412).
An object made on its first write (a product's vision, a requirements document) is at
version 0 until then: `If-Match: "0"` writes it only if nobody has yet.

A workspace setting kept without a row version (importance weights, the roles preset, the
health and claims-audit settings) is versioned by its content instead: its ETag is a
checksum of its value (`crud.content_version`), so If-Match names the value the writer read
and a write made from an older read gets the same 412. Such a PUT replaces the whole value;
its route calls `crud.require_content`, which locks the workspace before comparing, so two
writers sending the same If-Match cannot both pass.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, Response

from tandem.crud import content_version
from tandem.errors import Invalid
from tandem.storage.base import WorkspaceOwned

NEVER = -1  # a version no object has: what an unreadable If-Match stands for


def etag(version: int) -> str:
    return f'"{version}"'


def parse_if_match(raw: str | None) -> int | None:
    """The version an If-Match header names; None when absent or `*`; NEVER when it names
    something that is not one of our versions (so it matches nothing)."""
    if raw is None or not raw.strip() or raw.strip() == "*":
        return None
    tags = [t.strip() for t in raw.split(",") if t.strip()]
    if len(tags) > 1:
        raise Invalid("Send one ETag in If-Match, the one you read.", "If-Match")
    tag = tags[0].removeprefix("W/").strip('"')
    if not (tag.isascii() and tag.isdigit()) or len(tag) > 10:
        return NEVER
    return int(tag)


def if_match(
    value: Annotated[str | None, Header(
        alias="If-Match", max_length=200,
        description='Write only if the object is still at this version: its ETag, e.g. "3". '
        "412 (code stale) when it has changed since. Without it the write goes ahead.",
    )] = None,
) -> int | None:
    return parse_if_match(value)


IfMatch = Annotated[int | None, Depends(if_match)]


def set_etag(response: Response, obj: WorkspaceOwned) -> None:
    """Put the object's version in the answer's ETag header."""
    response.headers["ETag"] = etag(obj.row_version)


def set_content_etag(response: Response, value: Any) -> None:
    response.headers["ETag"] = etag(content_version(value))
