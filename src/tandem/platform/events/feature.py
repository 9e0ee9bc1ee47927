"""The audit log: every change, by whom and when, per workspace and per object."""

from __future__ import annotations

from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="audit",
    api="tandem.platform.events.api:router",
    web="tandem.platform.events.web:router",
    cli="tandem.platform.events.cli:register",
    panels=("tandem.platform.events.web:history_panel",),
    nav=(NavEntry("Audit log", "audit", "Workspace", order=20),),
)
