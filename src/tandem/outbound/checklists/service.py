"""Launch checklists: generate a launch's tasks from its tier's template, add, edit,
complete, reopen and delete them, and keep their due dates in step with the launch date.

New tasks go to the launch-phase driver (`tandem.roles.phases`), else to the launch's
owner. Every change records an event on the task (kind `launch_tasks`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.sql.elements import ColumnElement

from tandem.crud import require_version
from tandem.errors import Invalid, NotFound
from tandem.outbound.checklists import engine
from tandem.outbound.checklists.models import LaunchTask
from tandem.outbound.checklists.schemas import TaskCreate, TaskUpdate
from tandem.outbound.launch import Launch, LaunchStatus
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.roles.models import Person
from tandem.scope import Scope
from tandem.storage.base import utcnow

KIND = "launch_tasks"
# Launches still to go out: the ones whose late tasks matter.
OPEN_LAUNCH = (LaunchStatus.planning.value, LaunchStatus.ready.value)


@dataclass(frozen=True)
class TaskView:
    task: LaunchTask
    owner: str
    late: bool


@dataclass(frozen=True)
class Checklist:
    launch: Launch
    tasks: list[TaskView]
    progress: engine.Progress
    missing: int


@dataclass(frozen=True)
class LateTask:
    launch_id: int
    launch: str
    task_id: int
    title: str
    due_date: date
    owner: str


def _launch(scope: Scope, launch_id: int) -> Launch:
    launch = scope.owned(Launch, launch_id)
    if launch is None:
        raise NotFound(f"There is no launch {launch_id} in this workspace.")
    return launch


def _task(scope: Scope, task_id: int, launch_id: int | None = None) -> LaunchTask:
    """The task; with `launch_id`, only when it is on that launch's checklist."""
    task = scope.owned(LaunchTask, task_id)
    if task is None or (launch_id is not None and task.launch_id != launch_id):
        raise NotFound(f"There is no launch task {task_id} in this workspace.")
    return task


def _check_person(scope: Scope, person_id: int | None) -> None:
    if person_id is not None and scope.owned(Person, person_id) is None:
        raise Invalid(f"There is no person {person_id} here; add them on the People page.",
                      "owner_id")


def _names(scope: Scope) -> dict[int, str]:
    return dict(scope.session.execute(select(Person.id, Person.name).where(
        Person.workspace_id == scope.workspace_id)).tuples().all())


def _default_owner(scope: Scope, launch: Launch) -> int | None:
    from tandem.roles.phases.service import default_owner  # roles reads launch tasks

    return default_owner(scope, KIND) or launch.owner_id


def _rows(scope: Scope, launch_id: int) -> list[LaunchTask]:
    rows = scope.session.scalars(select(LaunchTask).where(
        LaunchTask.workspace_id == scope.workspace_id, LaunchTask.launch_id == launch_id)
        .order_by(LaunchTask.id)).all()
    return sorted(rows, key=lambda t: (t.due_date or date.max, t.id))


def checklist(scope: Scope, launch_id: int, today: date | None = None) -> Checklist:
    scope.require(Action.read)
    launch = _launch(scope, launch_id)
    today = today or date.today()
    names = _names(scope)
    rows = _rows(scope, launch_id)
    views = [TaskView(t, names.get(t.owner_id, "") if t.owner_id else "",
                      engine.is_late(t.due_date, t.done_at is not None, today)) for t in rows]
    prog = engine.progress([(t.due_date, t.done_at is not None, t.critical) for t in rows],
                           today)
    return Checklist(launch, views, prog,
                     len(engine.missing(launch.tier, (t.template_key for t in rows))))


def generate(scope: Scope, launch_id: int) -> int:
    """Add the launch tier's template tasks it does not have yet; tasks already there
    (edited, done, or added by hand) stay as they are. Returns how many were added."""
    scope.require(Action.create)
    launch = _launch(scope, launch_id)
    have = [t.template_key for t in _rows(scope, launch_id)]
    owner = _default_owner(scope, launch)
    added = 0
    for item in engine.missing(launch.tier, have):
        task = LaunchTask(workspace_id=scope.workspace_id, launch_id=launch.id,
                          template_key=item.key, title=item.title, owner_id=owner,
                          offset_days=item.offset_days,
                          due_date=engine.due(launch.launch_date, item.offset_days),
                          due_manual=False, critical=item.critical, done_by="")
        scope.session.add(task)
        scope.session.flush()
        events.record(scope, "created", KIND, task.id, task.title,
                      {"launch_id": [None, launch.id], "owner_id": [None, owner]})
        added += 1
    return added


def add(scope: Scope, launch_id: int, body: TaskCreate) -> LaunchTask:
    """A task of the team's own (no template); with no owner it goes to the default."""
    scope.require(Action.create)
    launch = _launch(scope, launch_id)
    _check_person(scope, body.owner_id)
    owner = body.owner_id if body.owner_id is not None else _default_owner(scope, launch)
    task = LaunchTask(workspace_id=scope.workspace_id, launch_id=launch.id, template_key="",
                      title=body.title, owner_id=owner, offset_days=None,
                      due_date=body.due_date, due_manual=body.due_date is not None,
                      critical=body.critical, done_by="")
    scope.session.add(task)
    scope.session.flush()
    events.record(scope, "created", KIND, task.id, task.title,
                  {"launch_id": [None, launch.id], "owner_id": [None, owner]})
    return task


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def update(scope: Scope, task_id: int, body: TaskUpdate, expected: int | None = None,
           launch_id: int | None = None) -> LaunchTask:
    """Change the fields sent. A due date set here stays when the launch moves; a null due
    date hands a template task back to the launch date."""
    scope.require(Action.update)
    task = _task(scope, task_id, launch_id)
    require_version(task, expected, "task")
    sent = body.model_fields_set
    changes: dict[str, list[Any]] = {}
    if "title" in sent:
        if body.title is None:
            raise Invalid("A task needs a title.", "title")
        if body.title != task.title:
            changes["title"] = [task.title, body.title]
            task.title = body.title
    if "owner_id" in sent and body.owner_id != task.owner_id:
        _check_person(scope, body.owner_id)
        changes["owner_id"] = [task.owner_id, body.owner_id]
        task.owner_id = body.owner_id
    if "critical" in sent and body.critical is not None and body.critical != task.critical:
        changes["critical"] = [task.critical, body.critical]
        task.critical = body.critical
    if "due_date" in sent:
        if body.due_date is None:
            launch = _launch(scope, task.launch_id)
            new_due, manual = engine.due(launch.launch_date, task.offset_days), False
        else:
            new_due, manual = body.due_date, True
        if new_due != task.due_date:
            changes["due_date"] = [_iso(task.due_date), _iso(new_due)]
        task.due_date, task.due_manual = new_due, manual
    if changes:
        scope.session.flush()
        events.record(scope, "updated", KIND, task.id, task.title, changes)
    return task


def set_done(scope: Scope, task_id: int, done: bool, expected: int | None = None,
             launch_id: int | None = None) -> LaunchTask:
    """Mark a task done (recording who and when) or open it again."""
    scope.require(Action.update)
    task = _task(scope, task_id, launch_id)
    require_version(task, expected, "task")
    if (task.done_at is not None) == done:
        return task
    before = task.done_by or None
    if done:
        task.done_at, task.done_by = utcnow(), scope.actor.label[:254]
    else:
        task.done_at, task.done_by = None, ""
    scope.session.flush()
    events.record(scope, "completed" if done else "reopened", KIND, task.id, task.title,
                  {"done": [not done, done], "done_by": [before, task.done_by or None]})
    return task


def delete(scope: Scope, task_id: int, expected: int | None = None,
           launch_id: int | None = None) -> int:
    """Remove a task; returns its launch's id."""
    scope.require(Action.delete)
    task = _task(scope, task_id, launch_id)
    require_version(task, expected, "task")
    launch_id = task.launch_id
    events.record(scope, "deleted", KIND, task.id, task.title, {"launch_id": [launch_id, None]})
    scope.session.delete(task)
    scope.session.flush()
    return launch_id


def redate(scope: Scope, launch: Launch, new_date: date | None) -> int:
    """The launch date moved: the tasks that follow it move too (not those whose date a
    person set). Returns how many moved."""
    moved = 0
    for task in _rows(scope, launch.id):
        if task.due_manual or task.offset_days is None:
            continue
        new_due = engine.due(new_date, task.offset_days)
        if new_due != task.due_date:
            events.record(scope, "updated", KIND, task.id, task.title,
                          {"due_date": [_iso(task.due_date), _iso(new_due)]})
            task.due_date = new_due
            moved += 1
    scope.session.flush()
    return moved


def _late_critical(today: date) -> ColumnElement[bool]:
    return (LaunchTask.critical.is_(True)) & LaunchTask.done_at.is_(None) \
        & LaunchTask.due_date.is_not(None) & (LaunchTask.due_date < today)


def late_critical(scope: Scope, today: date | None = None) -> list[LateTask]:
    """Tier-critical tasks not done whose due date has passed, on launches still to go out
    (planning or ready), soonest due first."""
    scope.require(Action.read)
    today = today or date.today()
    names = _names(scope)
    rows = scope.session.execute(
        select(LaunchTask, Launch.name).join(Launch, Launch.id == LaunchTask.launch_id)
        .where(LaunchTask.workspace_id == scope.workspace_id,
               Launch.status.in_(OPEN_LAUNCH), _late_critical(today))
        .order_by(LaunchTask.due_date, LaunchTask.id)).tuples().all()
    return [LateTask(t.launch_id, name, t.id, t.title, t.due_date or today,
                     names.get(t.owner_id, "") if t.owner_id else "") for t, name in rows]


def late_filter(raw: str) -> ColumnElement[bool]:
    """The launches list's `late=yes` (launches with a tier-critical task late) and
    `late=no`."""
    if raw not in ("yes", "no"):
        raise Invalid("Filter 'late' takes yes or no.", "late")
    late = exists().where(LaunchTask.launch_id == Launch.id,
                          _late_critical(date.today())) & Launch.status.in_(OPEN_LAUNCH)
    return late if raw == "yes" else ~late
