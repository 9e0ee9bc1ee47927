"""The loop itself: links along the chain, trace, the home overview, search, and moving a
whole workspace in and out (export / import)."""

from __future__ import annotations

from tandem.loop.jobs import import_job, reindex_job
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="loop",
    api="tandem.loop.api:router",
    web="tandem.loop.web:router",
    cli="tandem.loop.cli:register",
    jobs=(reindex_job, import_job),
    panels=("tandem.loop.web.links:loop_panel",),
    list_columns=("tandem.loop.web.links:quick_column",),
    nav=(NavEntry("Export JSON", "export", "Workspace", order=90, download=True),),
)
