"""API routes beyond resource CRUD: tokens, workspaces, links, trace, search, transfer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response

from tandem.accounts import service as accounts
from tandem.accounts.models import Role
from tandem.api.deps import LOCAL_ADMIN_KEY, ActorDep, RuntimeDep
from tandem.api.schemas import (
    AttentionPublic,
    HitPublic,
    ImportReport,
    LinkRequest,
    MemberAdd,
    MemberPublic,
    OverviewPublic,
    TokenCreated,
    TokenPublic,
    TokenRequest,
    TracePublic,
    UserPublic,
    WorkspaceCreate,
    WorkspacePublic,
)
from tandem.errors import Invalid
from tandem.inbound.evidence_import import import_csv
from tandem.loop import links, transfer
from tandem.loop.overview import overview
from tandem.loop.roadmap import RoadmapItemPublic, roadmap
from tandem.loop.search import search
from tandem.platform.actor import Actor, LocalAdmin
from tandem.platform.policy import Action, require

router = APIRouter()
EmailQuery = Annotated[str | None, Query(description="Local administrator only: whose tokens.")]
MAX_UPLOAD = 20 * 1024 * 1024


def _maybe_actor(request: Request) -> Actor | None:
    """The in-process local administrator, or nobody: POST /tokens needs no token."""
    return LocalAdmin() if request.scope.get(LOCAL_ADMIN_KEY) is True else None


@router.post("/tokens", response_model=TokenCreated, status_code=201, tags=["auth"],
             summary="Exchange email and password for a personal API token")
def create_token(body: TokenRequest, request: Request, runtime: RuntimeDep) -> TokenCreated:
    actor = _maybe_actor(request)
    with runtime.session() as session:
        if body.password is None and actor is not None:
            user = accounts.get_user_by_email(session, body.email)
            require(actor, Action.manage_tokens, user)
        else:
            user = accounts.authenticate(session, body.email, body.password or "")
        token, plain = accounts.create_token(session, user, body.name)
        return TokenCreated(id=token.id, name=token.name, token=plain)


@router.get("/tokens", response_model=list[TokenPublic], tags=["auth"])
def list_tokens(runtime: RuntimeDep, actor: ActorDep, email: EmailQuery = None) -> Any:
    with runtime.session() as session:
        user = accounts.token_owner(session, actor, email)
        return [TokenPublic.model_validate(t) for t in accounts.list_tokens(session, user)]


@router.delete("/tokens/{token_id}", status_code=204, tags=["auth"])
def revoke_token(token_id: int, runtime: RuntimeDep, actor: ActorDep,
                 email: EmailQuery = None) -> Response:
    with runtime.session() as session:
        accounts.revoke_token(session, accounts.token_owner(session, actor, email), token_id)
    return Response(status_code=204)


@router.get("/me", response_model=UserPublic, tags=["auth"])
def me(runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.session() as session:
        return UserPublic.model_validate(accounts.user_of(session, actor))


@router.get("/workspaces", response_model=list[WorkspacePublic], tags=["workspaces"])
def list_workspaces(runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.session() as session:
        return [WorkspacePublic(id=w.id, slug=w.slug, name=w.name, role=r)
                for w, r in accounts.workspaces_for(session, actor)]


@router.post("/workspaces", response_model=WorkspacePublic, status_code=201,
             tags=["workspaces"])
def create_workspace(body: WorkspaceCreate, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.session() as session:
        ws = accounts.new_workspace(session, actor, body.name, body.slug, body.owner)
        return WorkspacePublic(id=ws.id, slug=ws.slug, name=ws.name, role=Role.owner)


@router.get("/workspaces/{workspace}", response_model=WorkspacePublic, tags=["workspaces"])
def get_workspace(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        ws = scope.workspace
        return WorkspacePublic(id=ws.id, slug=ws.slug, name=ws.name,
                               role=scope.role or Role.owner)


@router.get("/workspaces/{workspace}/members", response_model=list[MemberPublic],
            tags=["workspaces"])
def list_members(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [MemberPublic(email=u.email, name=u.name, role=r)
                for u, r in accounts.members(scope)]


@router.post("/workspaces/{workspace}/members", response_model=MemberPublic,
             status_code=201, tags=["workspaces"])
def add_member(workspace: str, body: MemberAdd, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        membership = accounts.add_member(scope, body.email, body.role, body.password,
                                         body.name)
        member = accounts.get_user_by_email(scope.session, body.email)
        return MemberPublic(email=member.email, name=member.name, role=Role(membership.role))


@router.delete("/workspaces/{workspace}/members", status_code=204, tags=["workspaces"],
               summary="Remove a member (owners only; the last owner stays)")
def remove_member(workspace: str, email: str, runtime: RuntimeDep, actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        accounts.remove_member(scope, email)
    return Response(status_code=204)


@router.get("/workspaces/{workspace}/overview", response_model=OverviewPublic, tags=["loop"],
            summary="The loop at a glance: counts, roadmap and what needs attention")
def get_overview(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        view = overview(scope)
        return OverviewPublic(
            counts=view.counts,
            roadmap={h: [i.release.name for i in items] for h, items in view.board.items()},
            attention=[AttentionPublic.model_validate(a) for a in view.attention])


@router.get("/workspaces/{workspace}/roadmap", tags=["loop"],
            response_model=dict[str, list[RoadmapItemPublic]],  # type: ignore[valid-type]
            summary="Releases by horizon (now, next, later) with what they address")
def get_roadmap(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return {horizon: [RoadmapItemPublic.model_validate(item) for item in items]
                for horizon, items in roadmap(scope).items()}


@router.get("/workspaces/{workspace}/search", response_model=list[HitPublic], tags=["loop"])
def search_workspace(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                     q: Annotated[str, Query(min_length=1)]) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [HitPublic.model_validate(h) for h in search(scope, q)]


@router.get("/workspaces/{workspace}/{kind}/{item_id}/trace", response_model=TracePublic,
            tags=["loop"], summary="Follow links upstream and downstream from one object")
def trace(workspace: str, kind: str, item_id: int, runtime: RuntimeDep,
          actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        found = links.trace(scope, kind, item_id)
        return TracePublic.model_validate(found, from_attributes=True)


@router.post("/workspaces/{workspace}/links", status_code=201, tags=["loop"],
             summary="Link two objects (evidence-opportunity, opportunity-release, "
             "message-evidence)")
def create_link(workspace: str, body: LinkRequest, runtime: RuntimeDep,
                actor: ActorDep) -> dict[str, Any]:
    with runtime.scope(actor, workspace) as scope:
        links.link(scope, body.from_type, body.from_id, body.to_type, body.to_id,
                   body.importance)
    return body.model_dump()


@router.delete("/workspaces/{workspace}/links", status_code=204, tags=["loop"])
def delete_link(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                from_type: str, from_id: int, to_type: str, to_id: int) -> Response:
    with runtime.scope(actor, workspace) as scope:
        links.unlink(scope, from_type, from_id, to_type, to_id)
    return Response(status_code=204)


@router.get("/workspaces/{workspace}/export", tags=["transfer"],
            summary="The whole workspace as one JSON document")
def export_workspace(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> dict[str, Any]:
    with runtime.scope(actor, workspace) as scope:
        return transfer.export_workspace(scope)


@router.post("/workspaces/import", response_model=WorkspacePublic, status_code=201,
             tags=["transfer"], summary="Create a new workspace from an export")
def import_workspace(runtime: RuntimeDep, actor: ActorDep,
                     data: Annotated[dict[str, Any], Body()],
                     slug: str | None = None, name: str | None = None,
                     owner: str | None = None) -> Any:
    with runtime.session() as session:
        scope = transfer.import_workspace(session, data, actor, slug, name, owner)
        ws = scope.workspace
        return WorkspacePublic(id=ws.id, slug=ws.slug, name=ws.name, role=Role.owner)


@router.post("/workspaces/{workspace}/evidence/import", response_model=ImportReport,
             status_code=201, tags=["Evidence"],
             summary="Import evidence from CSV (text/csv body)",
             description="Columns: text (required), source, customer_company, "
             "customer_contact, received_on, tags. All rows or none, unless skip_invalid.",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "text/csv": {"schema": {"type": "string"}}}}})
async def import_evidence(workspace: str, request: Request, runtime: RuntimeDep,
                          actor: ActorDep, skip_invalid: bool = False) -> ImportReport:
    raw = await request.body()
    if len(raw) > MAX_UPLOAD:
        raise Invalid("The CSV is larger than 20 MB.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid("The CSV must be UTF-8 text.") from None
    with runtime.scope(actor, workspace) as scope:
        result = import_csv(scope, text, "CSV", skip_invalid)
    return ImportReport(created=result.created, skipped=[str(p) for p in result.skipped])
