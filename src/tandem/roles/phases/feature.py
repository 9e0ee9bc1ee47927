"""Driver and navigator by lifecycle phase: a panel on each product's page, its API and CLI."""

from __future__ import annotations

from tandem.platform.feature import Feature
from tandem.roles.phases import models as _models  # noqa: F401  (its tables)

feature = Feature(
    name="phases",
    api="tandem.roles.phases.api:router",
    web="tandem.roles.phases.web:router",
    cli="tandem.roles.phases.cli:register",
    panels=("tandem.roles.phases.web:lifecycle_panel",),
)
