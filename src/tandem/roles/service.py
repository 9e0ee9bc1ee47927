"""Who does what: the workspace's activity catalog, the RACI matrix, its checks, and the
preset by company stage that the workspace follows.

The catalog is the built-in one (`tandem.roles.catalog`) with the workspace's changes on
top: renamed or hidden built-ins and added activities live in `workspace_activities`, so a
new workspace needs no seeding and later catalog improvements reach everyone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select, update

from tandem.accounts.service import members
from tandem.errors import Conflict, Invalid, NotFound
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.roles import lenses, presets, raci
from tandem.roles.assignment import Assignment, PersonCreate, assignments, people
from tandem.roles.catalog import CATALOG, COLUMNS, Direction
from tandem.roles.models import Person, RolesSettings, WorkspaceActivity
from tandem.scope import Scope


@dataclass(frozen=True)
class CatalogEntry:
    name: str
    column: str
    direction: str
    description: str
    proof: str
    hidden: bool
    builtin: str  # the built-in entry's name, "" for an activity the workspace added


def catalog(scope: Scope) -> list[CatalogEntry]:
    """Every activity of the workspace, hidden ones included, in map order."""
    rows = scope.session.scalars(select(WorkspaceActivity).where(
        WorkspaceActivity.workspace_id == scope.workspace_id).order_by(WorkspaceActivity.id))
    changes: dict[str, WorkspaceActivity] = {}
    added: list[WorkspaceActivity] = []
    for row in rows:
        if row.builtin:
            changes[row.builtin.lower()] = row
        else:
            added.append(row)
    entries = []
    for base in CATALOG:
        change = changes.get(base.name.lower())
        entries.append(CatalogEntry(
            change.name if change else base.name, base.column, base.direction.value,
            (change.description if change and change.description else base.description),
            base.proof, bool(change and change.hidden), base.name))
    for row in added:
        entries.append(CatalogEntry(row.name, row.column, row.direction, row.description, "",
                                    row.hidden, ""))
    order = {c: i for i, c in enumerate(COLUMNS)}
    return sorted(entries, key=lambda e: order.get(e.column, len(order)))


def entry(scope: Scope, name: str) -> CatalogEntry:
    """One activity of the catalog by name (case-insensitive); NotFound otherwise."""
    for item in catalog(scope):
        if item.name.lower() == name.strip().lower():
            return item
    raise NotFound(f"No activity '{name}' in this workspace's catalog.", "activity")


def _row_for(scope: Scope, item: CatalogEntry) -> WorkspaceActivity:
    """The change row of an entry, made when a built-in is first changed."""
    row = scope.session.scalars(select(WorkspaceActivity).where(
        WorkspaceActivity.workspace_id == scope.workspace_id,
        (WorkspaceActivity.builtin == item.builtin) if item.builtin
        else (WorkspaceActivity.name == item.name))).first()
    if row is None:
        row = WorkspaceActivity(workspace_id=scope.workspace_id, builtin=item.builtin,
                                name=item.name, column=item.column, direction=item.direction)
        scope.session.add(row)
    return row


def add_activity(scope: Scope, name: str, column: str, direction: str,
                 description: str = "") -> CatalogEntry:
    scope.require(Action.update)
    name = name.strip()
    if not 1 <= len(name) <= 200:
        raise Invalid("An activity's name has 1 to 200 characters.", "name")
    if column not in COLUMNS:
        raise Invalid(f"The column is one of {', '.join(COLUMNS)}.", "column")
    if direction not in {d.value for d in Direction}:
        raise Invalid("The direction is inbound, outbound or shared.", "direction")
    if any(e.name.lower() == name.lower() for e in catalog(scope)):
        raise Conflict(f"The catalog already has '{name}'.", "name")
    scope.session.add(WorkspaceActivity(workspace_id=scope.workspace_id, builtin="",
                                        name=name, column=column, direction=direction,
                                        description=description[:2000]))
    scope.session.flush()
    events.record(scope, "created", "activities", 0, name, {"column": [None, column]})
    return entry(scope, name)


def rename_activity(scope: Scope, name: str, new_name: str) -> CatalogEntry:
    """Rename an activity; its assignments follow."""
    scope.require(Action.update)
    found = entry(scope, name)
    new_name = new_name.strip()
    if not 1 <= len(new_name) <= 200:
        raise Invalid("An activity's name has 1 to 200 characters.", "name")
    if new_name.lower() != found.name.lower() and any(
            e.name.lower() == new_name.lower() for e in catalog(scope)):
        raise Conflict(f"The catalog already has '{new_name}'.", "name")
    row = _row_for(scope, found)
    row.name = new_name
    scope.session.execute(update(Assignment).where(
        Assignment.workspace_id == scope.workspace_id,
        Assignment.activity == found.name).values(activity=new_name))
    scope.session.flush()
    events.record(scope, "updated", "activities", 0, new_name, {"name": [found.name, new_name]})
    return entry(scope, new_name)


def hide_activity(scope: Scope, name: str, hidden: bool = True) -> CatalogEntry:
    """Hide an activity the team does not do (or show it again); its assignments stay."""
    scope.require(Action.update)
    found = entry(scope, name)
    _row_for(scope, found).hidden = hidden
    scope.session.flush()
    events.record(scope, "updated", "activities", 0, found.name,
                  {"hidden": [found.hidden, hidden]})
    return entry(scope, found.name)


def add_members(scope: Scope) -> list[Person]:
    """A person record for each workspace member who has none yet."""
    scope.require(Action.create, people)
    linked = set(scope.session.scalars(select(Person.user_id).where(
        Person.workspace_id == scope.workspace_id, Person.user_id.is_not(None))))
    taken = {p.name.lower() for p in people.all(scope)}
    made = []
    for user, _role in members(scope):
        if user.id in linked:
            continue
        name = (user.name or user.email)[:200]
        if name.lower() in taken:  # a named role of the same name: link it to the member
            person = next(p for p in people.all(scope) if p.name.lower() == name.lower())
            person.user_id = user.id
            continue
        person = people.create(scope, PersonCreate(name=name))
        person.user_id = user.id
        taken.add(name.lower())
        made.append(person)
    scope.session.flush()
    return made


@dataclass
class Matrix:
    """The RACI matrix: visible activities by person, with findings and gaps."""

    activities: list[CatalogEntry]
    people: list[Person]
    letters: dict[str, dict[int, str]] = field(default_factory=dict)  # activity -> person id
    findings: list[raci.Finding] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    preset: str = presets.Preset.custom.value
    departures: list[presets.Departure] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == raci.Severity.error)

    def cells(self, lens: lenses.Lens) -> dict[str, dict[int, tuple[str, str]]]:
        """activity -> person id -> (the letter the lens shows, the RACI letter beneath);
        the shown letter is "" where the lens has no counterpart."""
        columns = {a.name: a.column for a in self.activities}
        return {activity: {pid: (lenses.letter(lens, x, columns.get(activity, "")), x)
                           for pid, x in given.items()}
                for activity, given in self.letters.items()}

    def lens_notes(self, lens: lenses.Lens) -> list[str]:
        shown = {a.name for a in self.activities}
        return lenses.notes(lens, {a: list(given.values())
                                   for a, given in self.letters.items() if a in shown})


def preset_of(scope: Scope) -> str:
    row = scope.session.get(RolesSettings, scope.workspace_id)
    return row.preset if row is not None else presets.Preset.custom.value


def set_preset(scope: Scope, preset: str) -> str:
    scope.require(Action.update)
    if preset not in {p.value for p in presets.Preset}:
        raise Invalid(f"The preset is one of {', '.join(p.value for p in presets.Preset)}.",
                      "preset")
    row = scope.session.get(RolesSettings, scope.workspace_id)
    before = row.preset if row else presets.Preset.custom.value
    if row is None:
        row = RolesSettings(workspace_id=scope.workspace_id)
        scope.session.add(row)
    row.preset = preset
    scope.session.flush()
    if before != preset:
        events.record(scope, "updated", "roles-preset", scope.workspace_id, "Roles preset",
                      {"preset": [before, preset]})
    return preset


def matrix(scope: Scope) -> Matrix:
    """The matrix with every finding, the unassigned activities, and preset departures."""
    entries = [e for e in catalog(scope) if not e.hidden]
    everyone = people.all(scope)
    names = {p.id: p.name for p in everyone}
    rows = assignments.all(scope)
    letters: dict[str, dict[int, str]] = defaultdict(dict)
    for row in rows:
        letters[row.activity][row.person_id] = row.raci
    flat = [raci.Letter(r.activity, names.get(r.person_id, "?"), r.raci) for r in rows]
    preset = preset_of(scope)
    solo = preset == presets.Preset.solo
    found = raci.check(flat, overload_share=None if solo else raci.OVERLOAD_SHARE,
                       implied_responsible_ok=solo)
    by_name = {e.name: e for e in entries}
    departures = presets.departures(
        preset, [presets.Activity(e.name, e.column, e.direction) for e in entries],
        {a: {names[p]: x for p, x in given.items() if p in names}
         for a, given in letters.items() if a in by_name},
        {p.name: p.role_titles for p in everyone})
    return Matrix(entries, everyone, dict(letters), found,
                  raci.gaps([e.name for e in entries], flat), preset, departures)


def apply_preset(scope: Scope) -> int:
    """Fill every unassigned activity with the preset's letters; a role nobody holds gets a
    named-role person of that title. Returns how many assignments were made."""
    scope.require(Action.create, assignments)
    preset = preset_of(scope)
    current = matrix(scope)
    holders: dict[str, Person] = {}
    made = 0
    for activity in current.activities:
        if activity.name not in current.gaps:
            continue
        wanted = presets.expected(preset, presets.Activity(activity.name, activity.column,
                                                           activity.direction))
        for role, letter in wanted.items():
            person = holders.get(role) or _holder(scope, role)
            holders[role] = person
            assignments.create(scope, assignments.create_schema.model_validate(
                {"activity": activity.name, "person_id": person.id, "role": role,
                 "raci": letter}))
            made += 1
    return made


def _holder(scope: Scope, role: str) -> Person:
    """The first person (by name) who fills `role`, else a new named role for it."""
    for person in people.all(scope):
        if presets.holds(role, person.role_titles):
            return person
    return people.create(scope, PersonCreate(name=role, roles=role))
