"""Segment and persona pages show what inbound, outbound and market work know of them."""

from __future__ import annotations

from tandem.platform.feature import Feature

feature = Feature(
    name="market-profile",
    api="tandem.market.profile.api:router",
    web="tandem.market.profile.web:router",
    cli="tandem.market.profile.cli:register",
    panels=("tandem.market.profile.web:profile_panel", "tandem.market.profile.web:known_panel",
            "tandem.market.profile.web:linked_panel"),
)
