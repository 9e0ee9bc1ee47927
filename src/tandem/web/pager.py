"""Paging for list pages: offset and limit from the query string, and the pager's links."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from tandem.paging import DEFAULT_LIMIT, Page


def query_int(raw: str | None, default: int, low: int, high: int) -> int:
    """A whole number from the query string, kept within bounds; `default` if it is none."""
    try:
        return min(max(int(raw or default), low), high)
    except ValueError:
        return default


def page_links(path: str, params: dict[str, str], page: Page[Any]) -> dict[str, Any]:
    """'1-50 of 312' (with an en dash) and the previous / next URLs, keeping search and filters."""
    def url(offset: int) -> str:
        query = {**params, "offset": str(offset), "limit": str(page.limit)}
        if offset == 0:
            query.pop("offset")
        if page.limit == DEFAULT_LIMIT:
            query.pop("limit")
        return path + ("?" + urlencode(query) if query else "")

    first = page.offset + 1 if page.items else 0
    last = page.offset + len(page.items)
    previous = max(page.offset - page.limit, 0) if page.offset > 0 else None
    return {"first": first, "last": last, "total": page.total,
            "prev": url(previous) if previous is not None else None,
            "next": url(page.next_offset) if page.next_offset is not None else None}
