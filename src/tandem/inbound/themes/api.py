"""Theme routes: the list, one theme and its items, a full run (202 + job) and curation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response
from fastapi.responses import JSONResponse

from tandem.api.deps import ActorDep, Limit, Offset, RuntimeDep
from tandem.api.jobs import accepted
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.crud import require_version
from tandem.inbound.themes import curation, service
from tandem.inbound.themes.schemas import (
    MergeRequest,
    MoveRequest,
    OpportunityMade,
    OpportunityRequest,
    QuotePublic,
    SplitRequest,
    ThemeMemberPublic,
    ThemeMembersPublic,
    ThemePublic,
    ThemesPublic,
    ThemeUpdate,
)
from tandem.platform.jobs import service as jobs
from tandem.platform.jobs.service import JobPublic
from tandem.schema import MAX_ID

router = APIRouter()
TAGS: list[Any] = ["Themes"]
ThemeId = Annotated[int, Query(ge=1, le=MAX_ID)]


def theme_public(found: service.ThemeView) -> ThemePublic:
    t = found.theme
    return ThemePublic(
        id=t.id, label=t.label, description=t.description, size=found.size,
        label_curated=t.label_curated, pinned=t.pinned, hidden=t.hidden, merged=t.merged,
        opportunity_id=t.opportunity_id,
        quotes=[QuotePublic(id=e.id, text=e.text, customer_company=e.customer_company,
                            received_on=e.received_on) for e in found.quotes],
        companies=found.customers.companies, arr=found.customers.arr,
        top_segments=found.top_segments, trend=found.trend, trend_from=found.week_starts[0])


@router.get("/workspaces/{workspace}/themes", response_model=ThemesPublic, tags=TAGS,
            summary="The workspace's themes with their size, customers, ARR and trend")
def list_themes(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                sort: service.Sort = service.Sort.size,
                hidden: Annotated[bool, Query(description="Include hidden themes")] = False
                ) -> Any:
    with runtime.scope(actor, workspace) as scope:
        found = service.overview(scope, runtime.embedder.name, sort, hidden)
        return ThemesPublic(themes=[theme_public(v) for v in found.themes],
                            hidden=found.hidden, unsorted=found.unsorted,
                            embedded=found.embedded)


@router.post("/workspaces/{workspace}/themes/discover", status_code=202, tags=TAGS,
             response_model=JobPublic, summary="Find themes in all evidence (a job)",
             description="Clusters every embedded evidence item and keeps what people "
             "decided (labels, merges, splits, moves, pins, hides). Answers 202 with the job.")
def discover(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> JSONResponse:
    with runtime.scope(actor, workspace) as scope:
        job = service.start(scope, runtime.embedder.name)
        return accepted(jobs.public(job, scope.workspace.slug))


@router.get("/workspaces/{workspace}/themes/{theme_id}", response_model=ThemePublic,
            tags=TAGS, summary="One theme")
def get_theme(workspace: str, theme_id: int, response: Response, runtime: RuntimeDep,
              actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        set_etag(response, service.get(scope, theme_id))
        return theme_public(service.view(scope, theme_id))


@router.get("/workspaces/{workspace}/themes/{theme_id}/evidence",
            response_model=ThemeMembersPublic, tags=TAGS,
            summary="The theme's evidence, most typical first")
def theme_evidence(workspace: str, theme_id: int, runtime: RuntimeDep, actor: ActorDep,
                   offset: Offset = 0, limit: Limit = 50) -> Any:
    with runtime.scope(actor, workspace) as scope:
        rows, total = service.members(scope, theme_id, offset, limit)
        return ThemeMembersPublic(total=total, items=[
            ThemeMemberPublic(id=e.id, text=e.text, customer_company=e.customer_company,
                              received_on=e.received_on, placed=placed) for e, placed in rows])


@router.patch("/workspaces/{workspace}/themes/{theme_id}", response_model=ThemePublic,
              tags=TAGS, summary="Rename, pin or hide a theme",
              description="Changes only the fields sent; with If-Match, only if the theme "
              "is still at that version (412 otherwise).", responses=STALE_RESPONSES)
def update_theme(workspace: str, theme_id: int, body: ThemeUpdate, response: Response,
                 version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.get(scope, theme_id), version, "theme")
        theme = curation.update_theme(scope, theme_id, label=body.label,
                                      description=body.description, pinned=body.pinned,
                                      hidden=body.hidden)
        scope.session.flush()
        set_etag(response, theme)
        return theme_public(service.view(scope, theme_id))


@router.post("/workspaces/{workspace}/themes/{theme_id}/merge", response_model=ThemePublic,
             tags=TAGS, summary="Merge other themes into this one")
def merge(workspace: str, theme_id: int, body: MergeRequest, runtime: RuntimeDep,
          actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        kept = curation.merge(scope, theme_id, body.themes)
        return theme_public(service.view(scope, kept.id))


@router.post("/workspaces/{workspace}/themes/{theme_id}/split", response_model=ThemePublic,
             status_code=201, tags=TAGS,
             summary="Split a theme: chosen items, or the theme re-clustered in two")
def split(workspace: str, theme_id: int, runtime: RuntimeDep, actor: ActorDep,
          body: Annotated[SplitRequest, Body(default_factory=SplitRequest)]) -> Any:
    with runtime.scope(actor, workspace) as scope:
        new = curation.split(scope, theme_id, body.evidence_ids, body.label)
        return theme_public(service.view(scope, new.id))


@router.post("/workspaces/{workspace}/themes/{theme_id}/move", response_model=ThemePublic,
             tags=TAGS, summary="Put evidence in this theme (kept there by every run)")
def move(workspace: str, theme_id: int, body: MoveRequest, runtime: RuntimeDep,
         actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        curation.move(scope, theme_id, body.evidence_ids)
        return theme_public(service.view(scope, theme_id))


@router.post("/workspaces/{workspace}/themes/{theme_id}/opportunity",
             response_model=OpportunityMade, status_code=201, tags=TAGS,
             summary="Turn the theme into an opportunity with its evidence linked")
def to_opportunity(workspace: str, theme_id: int, runtime: RuntimeDep, actor: ActorDep,
                   body: Annotated[OpportunityRequest, Body(default_factory=OpportunityRequest)]
                   ) -> Any:
    with runtime.scope(actor, workspace) as scope:
        made = curation.to_opportunity(scope, theme_id, body.title)
        return OpportunityMade(id=made.id, title=made.title,
                               linked=len(service.member_ids(scope, theme_id)))
