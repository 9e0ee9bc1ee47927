"""Background jobs as a feature: their pages, API routes and CLI commands."""

from __future__ import annotations

from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    "jobs",
    api="tandem.platform.jobs.api:router",
    web="tandem.platform.jobs.web:router",
    cli="tandem.platform.jobs.cli:register",
    nav=(NavEntry("Jobs", "jobs", "Workspace", order=50),),
)
