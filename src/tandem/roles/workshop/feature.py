"""The roles workshop: participants answer alone, the facilitator reveals and settles, the
decisions become the RACI; gaps, head count, an action plan and a date to assess again."""

from __future__ import annotations

from tandem.platform.feature import Feature
from tandem.roles.workshop import models as _models  # noqa: F401  (its tables)

feature = Feature(
    name="workshop",
    api="tandem.roles.workshop.api:router",
    web="tandem.roles.workshop.web:router",
    cli="tandem.roles.workshop.cli:register",
)
