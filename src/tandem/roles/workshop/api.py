"""The roles workshop over the API: create, answer (privately), reveal, settle, apply, plan."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.crud import require_version
from tandem.roles.workshop import service
from tandem.roles.workshop.schemas import (
    ActionIn,
    ActionPublic,
    AnswerIn,
    AnswersIn,
    ConflictPublic,
    DecisionIn,
    DecisionPublic,
    GapPublic,
    ParticipantPublic,
    ProposalPublic,
    ReassessIn,
    WorkshopCreate,
    WorkshopPublic,
)
from tandem.schema import Id
from tandem.scope import Scope

router = APIRouter(tags=["Roles workshop"])
BASE = "/workspaces/{workspace}/workshops"


class WorkshopSummary(BaseModel):
    id: int
    title: str
    stage: str
    reassess_on: date | None = None


class Answered(BaseModel):
    answered: int


def public(scope: Scope, workshop_id: int) -> WorkshopPublic:
    v = service.view(scope, workshop_id)
    return WorkshopPublic(
        id=v.workshop.id, title=v.workshop.title, stage=v.workshop.stage,
        facilitator=v.workshop.facilitator_label, reassess_on=v.workshop.reassess_on,
        participants=[ParticipantPublic(person_id=p.person.id, name=p.person.name,
                                        side=p.side, answered=p.answered)
                      for p in v.participants],
        proposals=[ProposalPublic.model_validate(p) for p in v.proposals],
        conflicts=[ConflictPublic(code=c.code, label=c.label, activity=c.activity,
                                  people=list(c.people), message=c.message)
                   for c in v.conflicts],
        agreed=v.agreed,
        gaps=[GapPublic(activity=g.activity, importance=g.importance,
                        assessment=g.assessment, size=g.size, answers=g.answers)
              for g in v.gaps],
        headcount=v.headcount,
        decisions=[DecisionPublic(activity=d.activity, accountable_id=d.accountable_id,
                                  responsible_ids=[int(x) for x in d.responsible_ids.split(",")
                                                   if x],
                                  note=d.note, decided_by=d.decided_by, created_at=d.created_at)
                   for d in v.decisions],
        actions=[ActionPublic.model_validate(a) for a in v.actions])


@router.get(BASE, response_model=list[WorkshopSummary], summary="Every workshop, newest first")
def list_workshops(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [WorkshopSummary(id=w.id, title=w.title, stage=w.stage,
                                reassess_on=w.reassess_on)
                for w in service.all_workshops(scope)]


@router.post(BASE, response_model=WorkshopPublic, status_code=201,
             summary="Start a workshop with its participants")
def post_workshop(workspace: str, body: WorkshopCreate, runtime: RuntimeDep,
                  actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return public(scope, service.create(scope, body).id)


@router.get(BASE + "/{workshop_id}", response_model=WorkshopPublic,
            summary="A workshop: who answered; after the reveal, every answer and conflict")
def get_workshop(workspace: str, workshop_id: Id, response: Response, runtime: RuntimeDep,
                 actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        found = public(scope, workshop_id)
        set_etag(response, service.get(scope, workshop_id))
        return found


@router.get(BASE + "/{workshop_id}/answers/{person_id}", response_model=list[AnswerIn],
            summary="One participant's answers (private to them until the reveal)")
def get_answers(workspace: str, workshop_id: Id, person_id: Id, response: Response,
                runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        found = service.answers_of(scope, workshop_id, person_id)
        set_etag(response, service.participant(scope, workshop_id, person_id))
        return [AnswerIn(activity=a.activity, raci=a.raci, importance=a.importance,  # type: ignore[arg-type]
                         assessment=a.assessment, hours=a.hours)
                for a in found]


@router.put(BASE + "/{workshop_id}/answers/{person_id}", response_model=Answered,
            summary="Replace a participant's answers (theirs, or a named role's)",
            description="With If-Match (the ETag of their answers as read), only if they "
            "were not replaced since (412 otherwise).", responses=STALE_RESPONSES)
def put_answers(workspace: str, workshop_id: Id, person_id: Id, body: AnswersIn,
                response: Response, version: IfMatch, runtime: RuntimeDep,
                actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        answered = service.submit(scope, workshop_id, person_id, body, version)
        set_etag(response, service.participant(scope, workshop_id, person_id))
        return Answered(answered=answered)


@router.post(BASE + "/{workshop_id}/reveal", response_model=WorkshopPublic,
             summary="Reveal every answer: agreement and conflicts side by side")
def post_reveal(workspace: str, workshop_id: Id, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        service.reveal(scope, workshop_id)
        return public(scope, workshop_id)


@router.post(BASE + "/{workshop_id}/decisions", response_model=WorkshopPublic,
             summary="Settle one activity: its A and its Rs")
def post_decision(workspace: str, workshop_id: Id, body: DecisionIn, runtime: RuntimeDep,
                  actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        service.decide(scope, workshop_id, body)
        return public(scope, workshop_id)


@router.post(BASE + "/{workshop_id}/decisions/agreed", response_model=WorkshopPublic,
             summary="Settle every agreed activity as the participants proposed it")
def post_agreed(workspace: str, workshop_id: Id, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        service.accept_agreed(scope, workshop_id)
        return public(scope, workshop_id)


@router.post(BASE + "/{workshop_id}/apply", response_model=WorkshopPublic,
             summary="Write the decisions into the workspace's RACI")
def post_apply(workspace: str, workshop_id: Id, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        service.apply(scope, workshop_id)
        return public(scope, workshop_id)


@router.post(BASE + "/{workshop_id}/actions", response_model=WorkshopPublic,
             summary="Add a step to the action plan for a gap")
def post_action(workspace: str, workshop_id: Id, body: ActionIn, runtime: RuntimeDep,
                actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        service.add_action(scope, workshop_id, body)
        return public(scope, workshop_id)


@router.put(BASE + "/{workshop_id}/reassess", response_model=WorkshopPublic,
            summary="Set the date to run the assessment again (a reminder on the home page)",
            description="With If-Match, only if the workshop is still at that version (412 "
            "otherwise).", responses=STALE_RESPONSES)
def put_reassess(workspace: str, workshop_id: Id, body: ReassessIn, response: Response,
                 version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.get(scope, workshop_id), version, "workshop")
        workshop = service.set_reassess(scope, workshop_id, body.reassess_on)
        set_etag(response, workshop)
        return public(scope, workshop_id)
