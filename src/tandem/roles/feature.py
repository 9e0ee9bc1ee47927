"""Who does what: people who hold roles, their RACI letters on the workspace's activity
catalog, the checks over them, and the preset by company stage the workspace follows."""

from __future__ import annotations

from tandem.platform.feature import Feature, Kind, KindView, NavEntry, PageLink
from tandem.roles.assignment import assignments, people

feature = Feature(
    name="roles",
    kinds=(
        Kind(assignments, KindView(
            ("activity", "person_id", "role", "raci", "phase"),
            "Who is Responsible, Accountable, Consulted or Informed for each activity.",
            "No role assignments yet — say who is accountable for launches and messaging.",
            list_actions=(PageLink("RACI matrix", "roles", needs_write=False),))),
        Kind(people, KindView(
            ("name", "roles"),
            "Everyone who holds a role: workspace members and named roles without an account, "
            "such as a marcom agency. One person may hold several roles.",
            "No people yet — add the members of this workspace, or a named role.",
            list_actions=(PageLink("RACI matrix", "roles", needs_write=False),))),
    ),
    api="tandem.roles.api:router",
    web="tandem.roles.web:router",
    cli="tandem.roles.cli:register",
    nav=(NavEntry("Roles", "roles", "Workspace", order=5),
         NavEntry("Assignments", "assignments", "Outbound", order=30)),
)
