"""Themes: the market problems in the evidence, found automatically."""

from __future__ import annotations

from tandem.platform.feature import Feature

feature = Feature(
    name="themes",
    cli="tandem.inbound.themes.cli:register",
)
