"""Generated sales assets (battlecards, release notes, changelog entries, launch emails,
one-pagers, FAQs, pitch outlines): edited, versioned, approved, audited."""

from __future__ import annotations

from tandem.outbound.assets import service as _service  # noqa: F401  (its tables)
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="assets",
    api="tandem.outbound.assets.api:router",
    web="tandem.outbound.assets.web:router",
    cli="tandem.outbound.assets.cli:register",
    nav=(NavEntry("Sales assets", "assets", "Outbound", order=22),),
    panels=("tandem.outbound.assets.web:assets_panel",),
)
