"""The messaging house with its proof points and per-persona matrix."""

from __future__ import annotations

from tandem.outbound.messaging import service as _service  # noqa: F401  (its tables)
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="messaging",
    api="tandem.outbound.messaging.api:router",
    web="tandem.outbound.messaging.web:router",
    cli="tandem.outbound.messaging.cli:register",
    nav=(NavEntry("Messaging house", "messaging", "Outbound", order=15),),
    panels=("tandem.outbound.messaging.web:release_panel",),
)
