"""Who does what: role assignments (RACI) on the activity catalog."""

from __future__ import annotations

from tandem.platform.feature import Feature, Kind, KindView, NavEntry
from tandem.roles.assignment import assignments

feature = Feature(
    name="roles",
    kinds=(
        Kind(assignments, KindView(
            ("activity", "person", "role", "raci", "phase"),
            "Who is Responsible, Accountable, Consulted or Informed for each activity.",
            "No role assignments yet — say who is accountable for launches and messaging.")),
    ),
    nav=(NavEntry("Assignments", "assignments", "Outbound", order=30),),
)
