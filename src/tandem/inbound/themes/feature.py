"""Themes: the market problems in the evidence, found automatically and curated by people.

The standalone `tandem themes discover FILE.csv` needs no workspace; the rest (the full run
as a job, the pages, the API and the curation commands) works on a workspace's evidence.
New evidence joins the nearest theme when the embedding job stores its vector (the hook
below, in `embeddings.service.AFTER_EMBED`).
"""

from __future__ import annotations

from tandem.inbound.embeddings.service import AFTER_EMBED
from tandem.inbound.themes.jobs import discover_job
from tandem.inbound.themes.service import on_embedded
from tandem.platform.feature import Feature, NavEntry

if on_embedded not in AFTER_EMBED:
    AFTER_EMBED.append(on_embedded)

feature = Feature(
    name="themes",
    api="tandem.inbound.themes.api:router",
    web="tandem.inbound.themes.web:router",
    cli="tandem.inbound.themes.cli:register",
    jobs=(discover_job,),
    nav=(NavEntry("Themes", "themes", "Inbound", order=11),),
)
