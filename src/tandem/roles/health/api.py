"""Loop health over the API: GET /workspaces/{w}/health and its settings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_content_etag
from tandem.crud import require_content
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


def _settings(weeks: int, response: Response) -> HealthSettingsBody:
    found = HealthSettingsBody(due_weeks=weeks)
    set_content_etag(response, found.model_dump())  # versioned by content: api/versions.py
    return found


@router.get("/workspaces/{workspace}/health/settings", response_model=HealthSettingsBody,
            summary="How many weeks before its date a release needs its outbound work")
def get_settings(workspace: str, response: Response, runtime: RuntimeDep,
                 actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return _settings(service.due_weeks(scope), response)


@router.put("/workspaces/{workspace}/health/settings", response_model=HealthSettingsBody,
            summary="Set how many weeks before its date a release needs its outbound work",
            description="With If-Match (the ETag of the settings you read), only if nobody "
            "changed them since (412 otherwise).", responses=STALE_RESPONSES)
def put_settings(workspace: str, body: HealthSettingsBody, response: Response,
                 version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        require_content(scope, lambda: HealthSettingsBody(
            due_weeks=service.due_weeks(scope)).model_dump(), version, "loop health settings")
        return _settings(service.set_due_weeks(scope, body.due_weeks), response)
