"""Account routes: personal API tokens, who am I, workspaces and their members."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from tandem.accounts import service as accounts
from tandem.accounts.models import Role
from tandem.accounts.schemas import (
    MemberAdd,
    MemberPublic,
    TokenCreated,
    TokenPublic,
    TokenRequest,
    UserPublic,
    WorkspaceCreate,
    WorkspacePublic,
)
from tandem.api.deps import ActorDep, RuntimeDep, local_admin
from tandem.platform.policy import Action, require

router = APIRouter()
EmailQuery = Annotated[str | None, Query(description="Local administrator only: whose tokens.")]

@router.post("/tokens", response_model=TokenCreated, status_code=201, tags=["auth"],
             summary="Exchange email and password for a personal API token")
def create_token(body: TokenRequest, request: Request, runtime: RuntimeDep) -> TokenCreated:
    actor = local_admin(request)  # POST /tokens needs no token: email and password do
    with runtime.session() as session:
        if body.password is None and actor is not None:
            user = accounts.get_user_by_email(session, body.email)
            require(actor, Action.manage_tokens, user)
        else:
            user = accounts.authenticate(session, body.email, body.password or "")
        token, plain = accounts.create_token(session, user, body.name, actor)
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
        accounts.revoke_token(session, accounts.token_owner(session, actor, email), token_id,
                              actor)
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
