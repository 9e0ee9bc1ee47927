"""Suggested evidence for an opportunity (accept or reject in one click, rejections kept)
and the opportunity's customer quotes ranked for writing."""

from __future__ import annotations

from tandem.inbound.suggestions import models  # noqa: F401  (its table)
from tandem.platform.feature import Feature

feature = Feature(
    name="suggestions",
    api="tandem.inbound.suggestions.api:router",
    web="tandem.inbound.suggestions.web:router",
    cli="tandem.inbound.suggestions.cli:register",
    panels=("tandem.inbound.suggestions.web:suggestions_panel",),
)
