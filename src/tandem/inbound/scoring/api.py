"""Scoring over the API: the ranked table, the default model, weights and formula checks.

Scoring models themselves are records (`/scoring-models`, generic routes).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_content_etag
from tandem.crud import require_content
from tandem.inbound.scoring import service
from tandem.inbound.scoring.schemas import (
    FieldInfoPublic,
    FormulaCheck,
    FormulaCheckResult,
    RankingPublic,
    WeightsBody,
    weights_public,
)
from tandem.schema import MAX_ID, Id

router = APIRouter(tags=["scoring"])


@router.get("/workspaces/{workspace}/scores", response_model=RankingPublic,
            summary="Opportunities ranked by a scoring model (the default when none is named)")
def get_scores(workspace: str, runtime: RuntimeDep, actor: ActorDep,
               model: Annotated[Id | None, Query(description="Scoring model id")] = None,
               sort: Annotated[str, Query(max_length=20)] = "score",
               status: Annotated[str | None, Query(max_length=32)] = None,
               owner: Annotated[int | None, Query(
                   ge=0, le=MAX_ID, description="Only opportunities this person (a People "
                   "id) owns; 0 for those nobody owns.")] = None) -> Any:
    with runtime.scope(actor, workspace) as scope:
        chosen = service.chosen_model(scope, model)
        rows = service.rank(scope, chosen, sort, status, owner)
        return RankingPublic(model_id=chosen.id, model_name=chosen.name, method=chosen.method,
                             rows=[service.public_row(r) for r in rows])


@router.post("/workspaces/{workspace}/scoring-models/{model_id}/default",
             response_model=dict[str, Any], summary="Make a scoring model the default")
def post_default(workspace: str, model_id: Id, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        chosen = service.make_default(scope, model_id)
        return {"id": chosen.id, "name": chosen.name, "is_default": True}


@router.post("/workspaces/{workspace}/scoring-models/standard",
             response_model=list[dict[str, Any]], status_code=201,
             summary="Add the standard models (RICE, WSJF, importance, demand) not there yet")
def post_standard(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [{"id": m.id, "name": m.name, "method": m.method}
                for m in service.add_standard_models(scope)]


@router.get("/workspaces/{workspace}/importance-weights", response_model=WeightsBody,
            summary="Points each importance level earns in the demand scores")
def get_weights(workspace: str, response: Response, runtime: RuntimeDep,
                actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        found = weights_public(service.weights(scope))
        set_content_etag(response, found.model_dump())
        return found


@router.put("/workspaces/{workspace}/importance-weights", response_model=WeightsBody,
            summary="Set the points per importance level",
            description="With If-Match (the ETag of the weights you read), only if nobody "
            "changed them since (412 otherwise).", responses=STALE_RESPONSES)
def put_weights(workspace: str, body: WeightsBody, response: Response, version: IfMatch,
                runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        require_content(scope, lambda: weights_public(service.weights(scope)).model_dump(),
                        version, "importance weights")
        found = weights_public(service.set_weights(scope, body))
        set_content_etag(response, found.model_dump())
        return found


@router.post("/formulas/check", response_model=FormulaCheckResult,
             summary="Check a custom scoring formula; errors name their position")
def check(body: FormulaCheck, actor: ActorDep) -> Any:
    return service.check_formula(body.formula)


@router.get("/formulas/fields", response_model=list[FieldInfoPublic],
            summary="The fields a custom formula may use")
def fields(actor: ActorDep) -> Any:
    return [FieldInfoPublic(name=n, description=d) for n, d in service.FIELDS.items()]


