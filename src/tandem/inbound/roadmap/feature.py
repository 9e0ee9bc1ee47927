"""The roadmap board: the worked example of a feature folder (see docs/architecture.md).

It owns no table: it reads releases, the opportunities they address, the evidence behind
those and their launches, and moves releases between Now, Next and Later.
"""

from __future__ import annotations

from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="roadmap",
    api="tandem.inbound.roadmap.api:router",
    web="tandem.inbound.roadmap.web:router",
    cli="tandem.inbound.roadmap.cli:register",
    nav=(NavEntry("Roadmap", "roadmap", "Inbound", order=35),),
)
