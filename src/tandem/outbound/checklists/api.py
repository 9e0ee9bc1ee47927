"""Launch checklist routes: read a launch's checklist, generate it from the tier's
template, and add, edit, complete, reopen and delete its tasks."""

from __future__ import annotations

from fastapi import APIRouter, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.outbound.checklists import service
from tandem.outbound.checklists.models import LaunchTask
from tandem.outbound.checklists.schemas import (
    ChecklistPublic,
    Generated,
    TaskCreate,
    TaskPublic,
    TaskUpdate,
)
from tandem.scope import Scope

router = APIRouter(tags=["Launch checklists"])
LAUNCH = "/workspaces/{workspace}/launches/{launch_id}/checklist"
TASK = "/workspaces/{workspace}/launch-tasks/{task_id}"
VERSIONED = "With If-Match, only if the task is still at that row_version (412 otherwise)."


def task_public(v: service.TaskView) -> TaskPublic:
    t = v.task
    return TaskPublic(id=t.id, launch_id=t.launch_id, template_key=t.template_key,
                      title=t.title, owner_id=t.owner_id, owner=v.owner,
                      offset_days=t.offset_days, due_date=t.due_date, due_manual=t.due_manual,
                      critical=t.critical, done=t.done_at is not None, done_at=t.done_at,
                      done_by=t.done_by, late=v.late, row_version=t.row_version)


def checklist_public(c: service.Checklist) -> ChecklistPublic:
    p = c.progress
    return ChecklistPublic(launch_id=c.launch.id, launch=c.launch.name, tier=c.launch.tier,
                           launch_date=c.launch.launch_date, total=p.total, done=p.done,
                           percent=p.percent, late=p.late, critical_late=p.critical_late,
                           missing=c.missing, tasks=[task_public(v) for v in c.tasks])


def _one(scope: Scope, task: LaunchTask, response: Response) -> TaskPublic:
    scope.session.flush()
    set_etag(response, task)
    found = next(v for v in service.checklist(scope, task.launch_id).tasks
                 if v.task.id == task.id)
    return task_public(found)


@router.get(LAUNCH, response_model=ChecklistPublic,
            summary="A launch's checklist: its tasks, progress and late tasks")
def get_checklist(workspace: str, launch_id: int, runtime: RuntimeDep,
                  actor: ActorDep) -> ChecklistPublic:
    with runtime.scope(actor, workspace) as scope:
        return checklist_public(service.checklist(scope, launch_id))


@router.post(LAUNCH + "/generate", response_model=Generated,
             summary="Add the launch tier's template tasks it does not have yet",
             description="Tasks already on the list, with their edits, stay as they are; after "
             "a tier change this adds what the new tier needs.")
def generate(workspace: str, launch_id: int, runtime: RuntimeDep,
             actor: ActorDep) -> Generated:
    with runtime.scope(actor, workspace) as scope:
        added = service.generate(scope, launch_id)
        return Generated(added=added,
                         checklist=checklist_public(service.checklist(scope, launch_id)))


@router.post(LAUNCH + "/tasks", response_model=TaskPublic, status_code=201,
             summary="Add a task of the team's own")
def add_task(workspace: str, launch_id: int, body: TaskCreate, response: Response,
             runtime: RuntimeDep, actor: ActorDep) -> TaskPublic:
    with runtime.scope(actor, workspace) as scope:
        return _one(scope, service.add(scope, launch_id, body), response)


@router.patch(TASK, response_model=TaskPublic, responses=STALE_RESPONSES,
              summary="Change a task's title, owner, due date or criticality",
              description="A due date set here stays when the launch moves; null hands a "
              "template task back to the launch date. " + VERSIONED)
def update_task(workspace: str, task_id: int, body: TaskUpdate, response: Response,
                version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> TaskPublic:
    with runtime.scope(actor, workspace) as scope:
        return _one(scope, service.update(scope, task_id, body, version), response)


@router.post(TASK + "/done", response_model=TaskPublic, responses=STALE_RESPONSES,
             summary="Mark a task done (records who and when)", description=VERSIONED)
def complete(workspace: str, task_id: int, response: Response, version: IfMatch,
             runtime: RuntimeDep, actor: ActorDep) -> TaskPublic:
    with runtime.scope(actor, workspace) as scope:
        return _one(scope, service.set_done(scope, task_id, True, version), response)


@router.post(TASK + "/reopen", response_model=TaskPublic, responses=STALE_RESPONSES,
             summary="Open a done task again", description=VERSIONED)
def reopen(workspace: str, task_id: int, response: Response, version: IfMatch,
           runtime: RuntimeDep, actor: ActorDep) -> TaskPublic:
    with runtime.scope(actor, workspace) as scope:
        return _one(scope, service.set_done(scope, task_id, False, version), response)


@router.delete(TASK, status_code=204, responses=STALE_RESPONSES, summary="Delete a task",
               description=VERSIONED)
def delete_task(workspace: str, task_id: int, version: IfMatch, runtime: RuntimeDep,
                actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        service.delete(scope, task_id, version)
    return Response(status_code=204)
