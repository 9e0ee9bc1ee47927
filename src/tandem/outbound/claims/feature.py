"""The claims audit: every claim's proof, flagged when missing, gone, old or thin."""

from __future__ import annotations

from tandem.outbound.claims import service as _service  # noqa: F401  (its tables)
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="claims",
    api="tandem.outbound.claims.api:router",
    web="tandem.outbound.claims.web:router",
    cli="tandem.outbound.claims.cli:register",
    nav=(NavEntry("Claims audit", "claims", "Outbound", order=25),),
)
