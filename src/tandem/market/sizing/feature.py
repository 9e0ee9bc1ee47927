"""Market sizing: TAM / SAM / SOM models per segment and product, with scenarios."""

from __future__ import annotations

from tandem.market.sizing import models  # noqa: F401  (the table, for the metadata)
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="sizing",
    api="tandem.market.sizing.api:router",
    web="tandem.market.sizing.web:router",
    cli="tandem.market.sizing.cli:register",
    nav=(NavEntry("Market sizing", "sizing", "Market", order=45),),
)
