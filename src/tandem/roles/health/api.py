"""Loop health over the API: GET /workspaces/{w}/health and its settings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.roles.health import service
from tandem.roles.health.present import public
from tandem.roles.health.schemas import HealthPublic, HealthSettingsBody
from tandem.roles.service import preset_of

router = APIRouter(tags=["roles"])


@router.get("/workspaces/{workspace}/health", response_model=HealthPublic,
            summary="Loop health: alarms (no marketing, no market), the parallelism index "
            "and the balance of inbound and outbound work")
def get_health(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return public(service.report(scope), scope.workspace.slug, scope.can_write,
                      service.due_weeks(scope), preset_of(scope))


@router.put("/workspaces/{workspace}/health/settings", response_model=HealthSettingsBody,
            summary="How many weeks before its date a release needs its outbound work")
def put_settings(workspace: str, body: HealthSettingsBody, runtime: RuntimeDep,
                 actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return HealthSettingsBody(due_weeks=service.set_due_weeks(scope, body.due_weeks))
