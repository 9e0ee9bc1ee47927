"""The positioning canvas: per product (optionally per segment), worked as a guided flow."""

from __future__ import annotations

from tandem.outbound.positioning import service as _service  # noqa: F401  (its tables)
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="positioning",
    api="tandem.outbound.positioning.api:router",
    web="tandem.outbound.positioning.web:router",
    cli="tandem.outbound.positioning.cli:register",
    nav=(NavEntry("Positioning", "positioning", "Outbound", order=5),),
)
