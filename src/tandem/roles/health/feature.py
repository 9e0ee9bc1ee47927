"""Loop health: a page, a panel on the home page, the API and `tandem health`."""

from __future__ import annotations

from tandem.platform.feature import Feature, NavEntry
from tandem.roles.health import models as _models  # noqa: F401  (its tables)

feature = Feature(
    name="health",
    api="tandem.roles.health.api:router",
    web="tandem.roles.health.web:router",
    cli="tandem.roles.health.cli:register",
    nav=(NavEntry("Loop health", "health", "Workspace", order=6),),
)
