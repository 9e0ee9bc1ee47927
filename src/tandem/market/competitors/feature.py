"""Competitor intelligence: aliases, evidence linked by name, review of false matches,
their plans and prices (beside ours), and a timeline of each competitor's changes (on the
competitor's page)."""

from __future__ import annotations

from tandem.market.competitors import models  # noqa: F401  (the tables, for the metadata)
from tandem.market.competitors.jobs import scan_job
from tandem.market.competitors.service import link_new_evidence
from tandem.platform.feature import Feature

feature = Feature(
    name="competitors",
    api="tandem.market.competitors.api:router",
    web="tandem.market.competitors.web:router",
    cli="tandem.market.competitors.cli:register",
    jobs=(scan_job,),
    subscribers=(link_new_evidence,),
    panels=("tandem.market.competitors.web:pricing_panel",
            "tandem.market.competitors.web:competitor_panel"),
)
