"""The checklist panel on a launch's page, and its forms: generate from the tier, add a task,
mark one done or open it again (one click), edit and delete."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.errors import Invalid, NotFound, Stale
from tandem.outbound.checklists import service
from tandem.outbound.checklists.models import LaunchTask
from tandem.outbound.checklists.schemas import TaskCreate, TaskUpdate
from tandem.platform.feature import Panel
from tandem.registry import RESOURCES
from tandem.schema import MAX_ID, whole_number
from tandem.scope import Scope
from tandem.web.actions import act
from tandem.web.context import FormDep, form_text, workspace, ws_url
from tandem.web.render import render
from tandem.web.versions import StaleForm, form_version, stale_removal

router = APIRouter()
TASKS = "/w/{slug}/launches/{launch_id:int}/checklist"


def checklist_panel(scope: Scope, kind: str, obj_id: int, params: Any) -> Panel | None:
    if kind != "launches":
        return None
    people = [(p.id, p.name) for p in RESOURCES["people"].all(scope)]
    return Panel("checklists/_panel.html", {"checklist": service.checklist(scope, obj_id),
                                            "checklist_people": people,
                                            "checklist_today": date.today()}, wide=True)


def _back(slug: str, launch_id: int) -> str:
    return ws_url(slug, "launches", launch_id) + "#checklist"


def _owner(form: Any) -> int | None:
    """Blank is nobody; anything not a person's id reads as 0, which the schema refuses."""
    raw = form_text(form, "owner_id").strip()
    return (whole_number(raw, 1, MAX_ID) or 0) if raw else None


def _due(form: Any) -> date | None:
    raw = form_text(form, "due_date").strip()[:10]
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Invalid("The due date is a date like 2026-12-31.", "due_date") from None


@router.post(TASKS + "/generate")
def generate(request: Request, slug: str, launch_id: int) -> Response:
    def run(scope: Scope) -> int:
        return service.generate(scope, launch_id)

    return act(request, slug, _back(slug, launch_id), run,
               lambda n: f"Added {n} tasks from the tier's template." if n
               else "The checklist already has every task its tier needs.")


@router.post(TASKS + "/tasks")
def add(request: Request, slug: str, launch_id: int, form: FormDep) -> Response:
    def run(scope: Scope) -> object:
        body = TaskCreate.model_validate({
            "title": form_text(form, "title")[:400], "owner_id": _owner(form),
            "due_date": _due(form), "critical": form_text(form, "critical") == "on"})
        return service.add(scope, launch_id, body)

    return act(request, slug, _back(slug, launch_id), run, "Task added.")


def _toggle(request: Request, slug: str, launch_id: int, task_id: int, done: bool,
            form: Any) -> Response:
    """Tick a task done or open it again: with htmx the panel is redrawn in place (the page
    keeps its scroll), without it the page reloads with a message. The button carries the
    task's version: when someone changed the task since, nothing is written and the answer
    is 409, the conflict page or (htmx) the panel as it is now, saying so."""
    expected = form_version(form)

    def said(task: LaunchTask) -> str:
        return f"{'Done' if done else 'Opened again'}: {task.title}."

    def run(scope: Scope) -> LaunchTask:
        return service.set_done(scope, task_id, done, expected, launch_id=launch_id)

    def conflict(scope: Scope) -> StaleForm:
        task = _task_now(scope, launch_id, task_id)
        return StaleForm("task", task.title, _back(slug, launch_id),
                         ws_url(slug, "launches", launch_id, "checklist", "tasks", task_id,
                                "done" if done else "reopen"), task.row_version,
                         {"done": _state(done)}, {"done": _state(task.done_at is not None)},
                         {"done": "Done or open"}, [])

    if not request.headers.get("hx-request"):
        return act(request, slug, _back(slug, launch_id), run, said, conflict)
    try:
        with workspace(request, slug) as scope:
            return _fragment(request, scope, launch_id, checklist_note=said(run(scope)))
    except Stale:
        with workspace(request, slug) as scope:
            task = _task_now(scope, launch_id, task_id)
            note = (f"Someone else changed “{task.title}” since this page was loaded (it is "
                    f"{_state(task.done_at is not None).lower()} now), so nothing was changed.")
            answer = _fragment(request, scope, launch_id, 409, checklist_stale=note)
            answer.headers["X-Stale-Fragment"] = "1"  # app.js swaps it in (see there)
            return answer


def _state(done: bool) -> str:
    return "Done" if done else "Open"


def _task_now(scope: Scope, launch_id: int, task_id: int) -> LaunchTask:
    task = scope.owned(LaunchTask, task_id)
    if task is None or task.launch_id != launch_id:
        raise NotFound(f"There is no launch task {task_id} in this workspace.")
    return task


def _fragment(request: Request, scope: Scope, launch_id: int, status: int = 200,
              **note: str) -> Response:
    panel = checklist_panel(scope, "launches", launch_id, {})
    assert panel is not None
    return render(request, "checklists/_fragment.html", {**panel.context, **note},
                  status=status)


@router.post(TASKS + "/tasks/{task_id:int}/done")
def complete(request: Request, slug: str, launch_id: int, task_id: int,
             form: FormDep) -> Response:
    return _toggle(request, slug, launch_id, task_id, True, form)


@router.post(TASKS + "/tasks/{task_id:int}/reopen")
def reopen(request: Request, slug: str, launch_id: int, task_id: int,
           form: FormDep) -> Response:
    return _toggle(request, slug, launch_id, task_id, False, form)


@router.post(TASKS + "/tasks/{task_id:int}/edit")
def edit(request: Request, slug: str, launch_id: int, task_id: int,
         form: FormDep) -> Response:
    def run(scope: Scope) -> object:
        values: dict[str, Any] = {
            "title": form_text(form, "title")[:400], "owner_id": _owner(form),
            "critical": form_text(form, "critical") == "on"}
        # The date counts as set by hand only when it was changed (the form shows the
        # current one); "follow" hands it back to the launch date.
        if form_text(form, "follow") == "on":
            values["due_date"] = None
        elif form_text(form, "due_date").strip()[:10] != form_text(form, "due_was")[:10]:
            values["due_date"] = _due(form)
        return service.update(scope, task_id, TaskUpdate.model_validate(values),
                              form_version(form), launch_id=launch_id)

    def conflict(scope: Scope) -> StaleForm:
        task = scope.owned(LaunchTask, task_id)
        assert task is not None  # it was there to be stale
        theirs = {"title": task.title, "owner_id": str(task.owner_id or ""),
                  "due_date": task.due_date.isoformat() if task.due_date else "",
                  "critical": "on" if task.critical else ""}
        mine = {name: form_text(form, name) for name in theirs}
        return StaleForm("task", task.title, _back(slug, launch_id),
                         ws_url(slug, "launches", launch_id, "checklist", "tasks", task_id,
                                "edit"), task.row_version, mine, theirs, TASK_LABELS,
                         [*mine.items(), ("due_was", theirs["due_date"])])

    return act(request, slug, _back(slug, launch_id), run, "Task saved.", conflict)


TASK_LABELS = {"title": "Title", "owner_id": "Owner (person number)", "due_date": "Due",
               "critical": "Critical"}


@router.post(TASKS + "/tasks/{task_id:int}/delete")
def delete(request: Request, slug: str, launch_id: int, task_id: int,
           form: FormDep) -> Response:
    """Delete a task as it was shown: the button carries its version (409, the task as it
    is now, when someone changed it since the page was loaded)."""
    seen = form_version(form)

    def conflict(scope: Scope) -> StaleForm:
        task = _task_now(scope, launch_id, task_id)
        return stale_removal("task", task.title, _back(slug, launch_id),
                             ws_url(slug, "launches", launch_id, "checklist", "tasks",
                                    task_id, "delete"), task.row_version, seen, {
                                 "Title": task.title, "Done or open":
                                     _state(task.done_at is not None),
                                 "Due": task.due_date.isoformat() if task.due_date else "",
                                 "Critical": "yes" if task.critical else "no"})

    return act(request, slug, _back(slug, launch_id),
               lambda scope: service.delete(scope, task_id, seen, launch_id=launch_id),
               "Task deleted.", conflict)
