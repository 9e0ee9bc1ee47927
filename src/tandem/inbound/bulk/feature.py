"""Bulk actions on evidence and opportunities: the action bar on their lists, the API and
`tandem bulk`."""

from __future__ import annotations

from tandem.platform.feature import Feature

feature = Feature(
    name="bulk",
    api="tandem.inbound.bulk.api:router",
    web="tandem.inbound.bulk.web:router",
    cli="tandem.inbound.bulk.cli:register",
    list_tools=("tandem.inbound.bulk.web:bulk_bar",),
)
