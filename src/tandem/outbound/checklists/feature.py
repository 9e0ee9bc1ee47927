"""Launch checklists: a panel on each launch's page, its API and CLI."""

from __future__ import annotations

from tandem.outbound.checklists import models as _models  # noqa: F401  (its tables)
from tandem.platform.feature import Feature

feature = Feature(
    name="checklists",
    api="tandem.outbound.checklists.api:router",
    web="tandem.outbound.checklists.web:router",
    cli="tandem.outbound.checklists.cli:register",
    panels=("tandem.outbound.checklists.web:checklist_panel",),
)
