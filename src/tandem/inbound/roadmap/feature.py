"""The roadmap board: the worked example of a feature folder (see docs/architecture.md).

It reads releases, the opportunities they address, the evidence behind those and their
launches, and moves releases between Now, Next and Later; its one table holds the read-only
links to the board (models.py).
"""

from __future__ import annotations

from tandem.inbound.roadmap.models import RoadmapShare
from tandem.platform.feature import Feature, NavEntry

TABLES = (RoadmapShare,)  # the read-only links; the board itself reads releases

feature = Feature(
    name="roadmap",
    api="tandem.inbound.roadmap.api:router",
    web="tandem.inbound.roadmap.web:router",
    cli="tandem.inbound.roadmap.cli:register",
    nav=(NavEntry("Roadmap", "roadmap", "Inbound", order=35),),
)
