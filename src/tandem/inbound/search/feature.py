"""Hybrid evidence search: its API route (the search page and `tandem search query` are the
loop's faces, which call this feature's service)."""

from __future__ import annotations

from tandem.platform.feature import Feature

feature = Feature(
    name="evidence-search",
    api="tandem.inbound.search.api:router",
)
