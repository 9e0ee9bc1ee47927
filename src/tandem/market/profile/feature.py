"""Segment and persona pages show what inbound, outbound and market work know of them."""

from __future__ import annotations

from tandem.platform.feature import Feature

feature = Feature(
    name="market-profile",
    web="tandem.market.profile.web:router",
    panels=("tandem.market.profile.web:known_panel",),
)
