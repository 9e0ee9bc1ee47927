"""Win/loss: deals won, lost or undecided, the report, and their words as evidence."""

from __future__ import annotations

from tandem.market.winloss import models  # noqa: F401  (the tables, for the metadata)
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="winloss",
    api="tandem.market.winloss.api:router",
    web="tandem.market.winloss.web:router",
    cli="tandem.market.winloss.cli:register",
    nav=(NavEntry("Win/loss", "winloss", "Market", order=60),),
)
