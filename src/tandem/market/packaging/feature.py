"""Plans and packaging: a product's tiers, price points and features per plan, with the
plan comparison on the web, the API, the CLI and as a sales asset."""

from __future__ import annotations

from tandem.market.packaging import models  # noqa: F401  (the tables, for the metadata)
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="packaging",
    api="tandem.market.packaging.api:router",
    web="tandem.market.packaging.web:router",
    cli="tandem.market.packaging.cli:register",
    nav=(NavEntry("Packaging", "packaging", "Market", order=15),),
    panels=("tandem.market.packaging.web:packaging_panel",),
)
