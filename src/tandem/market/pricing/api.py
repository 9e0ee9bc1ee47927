"""Pricing research over REST: upload a survey, read its points, get its chart."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.crud import require_version
from tandem.errors import Invalid
from tandem.market.pricing import service
from tandem.market.pricing.charts import FORMATS
from tandem.market.pricing.models import PricingSurvey
from tandem.market.pricing.schemas import (
    SurveyCreate,
    SurveyPublic,
    SurveyUpdate,
    SurveyWithAnalysis,
    analysed,
)
from tandem.market.pricing.survey import Analysis

router = APIRouter(tags=["Pricing"])
BASE = "/workspaces/{workspace}/pricing/surveys"


def _full(survey: PricingSurvey, result: Analysis | None = None) -> SurveyWithAnalysis:
    public = SurveyPublic.model_validate(survey)
    return SurveyWithAnalysis(**public.model_dump(),
                              analysis=analysed(result or service.analysis_of(survey)))


@router.get(BASE, response_model=list[SurveyPublic], summary="Pricing surveys, newest first")
def list_surveys(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [SurveyPublic.model_validate(s) for s in service.list_surveys(scope)]


@router.post(BASE, response_model=SurveyWithAnalysis, status_code=201,
             summary="Upload a survey (CSV text) and analyse it",
             description="Van Westendorp columns: too_cheap, cheap, expensive, too_expensive, "
             "and optionally intent_cheap, intent_expensive (1-5). Gabor-Granger: price and "
             "share (one row per price), or price and buy (yes/no, one row per respondent "
             "and price). `mapping` names the file's column for a field named otherwise. "
             "Bad rows are left out and listed under analysis.problems.")
def create_survey(workspace: str, body: SurveyCreate, runtime: RuntimeDep,
                  actor: ActorDep) -> Any:
    try:
        with runtime.scope(actor, workspace) as scope:
            return _full(service.create_survey(scope, body))
    except Invalid as exc:  # the parser speaks of "the file"; here the file is `csv`
        if exc.field == "file":
            raise Invalid(exc.message, "csv") from None
        raise


@router.get(BASE + "/{survey_id}", response_model=SurveyWithAnalysis,
            summary="A survey with its points, curves and dropped rows")
def get_survey(workspace: str, survey_id: int, response: Response, runtime: RuntimeDep,
               actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        survey = service.get_survey(scope, survey_id)
        set_etag(response, survey)
        return _full(survey)


@router.patch(BASE + "/{survey_id}", response_model=SurveyWithAnalysis,
              summary="Rename a survey, map its columns again, or change its notes",
              description="Changes only the fields sent; with If-Match, only if the survey "
              "is still at that version (412 otherwise).", responses=STALE_RESPONSES)
def update_survey(workspace: str, survey_id: int, body: SurveyUpdate, response: Response,
                  version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.get_survey(scope, survey_id), version, "pricing survey")
        survey = service.update_survey(scope, survey_id, body)
        scope.session.flush()
        set_etag(response, survey)
        return _full(survey)


@router.delete(BASE + "/{survey_id}", status_code=204, summary="Delete a survey",
               responses=STALE_RESPONSES)
def delete_survey(workspace: str, survey_id: int, version: IfMatch, runtime: RuntimeDep,
                  actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.get_survey(scope, survey_id), version, "pricing survey")
        service.delete_survey(scope, survey_id)
    return Response(status_code=204)


@router.get(BASE + "/{survey_id}/chart.{fmt}", summary="The survey's chart as SVG or PNG",
            responses={200: {"content": {"image/svg+xml": {}, "image/png": {}}}})
def survey_chart(workspace: str, survey_id: int, fmt: Literal["svg", "png"],
                 runtime: RuntimeDep, actor: ActorDep,
                 chart: Annotated[str, Query(max_length=10, description=(
                     "curves (default) or trial: Newton-Miller-Smith trial and revenue"))
                 ] = "curves") -> Response:
    with runtime.scope(actor, workspace) as scope:
        data = service.chart(service.get_survey(scope, survey_id), fmt, chart)
    return Response(data, media_type=FORMATS[fmt])
