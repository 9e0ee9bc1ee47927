"""Requirements per opportunity (the PRD): write, review, approve, hand off, export."""

from __future__ import annotations

from tandem.inbound.requirements import models  # noqa: F401  (its tables)
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="requirements",
    api="tandem.inbound.requirements.api:router",
    web="tandem.inbound.requirements.web:router",
    cli="tandem.inbound.requirements.cli:register",
    panels=("tandem.inbound.requirements.web:requirements_panel",),
    nav=(NavEntry("Requirements", "requirements", "Inbound", order=22),),
)
