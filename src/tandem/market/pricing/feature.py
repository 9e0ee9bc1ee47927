"""Pricing research: survey uploads with column mapping, the points, and their charts."""

from __future__ import annotations

from tandem.market.pricing import models  # noqa: F401  (the table, for the metadata)
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="pricing",
    api="tandem.market.pricing.api:router",
    web="tandem.market.pricing.web:router",
    cli="tandem.market.pricing.cli:register",
    nav=(NavEntry("Pricing research", "pricing", "Market", order=50),),
)
