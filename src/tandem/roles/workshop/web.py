"""The roles workshop in the browser: start one, answer alone, reveal, settle each conflict,
apply the decisions to the RACI, plan the top gaps and set the date to assess again."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.errors import Invalid
from tandem.platform.policy import Action
from tandem.roles.assignment import people
from tandem.roles.workshop import service
from tandem.roles.workshop.schemas import (
    ActionIn,
    AnswerIn,
    AnswersIn,
    DecisionIn,
    WorkshopCreate,
)
from tandem.scope import Scope
from tandem.web.actions import act
from tandem.web.context import FormDep, form_text, workspace, ws_url
from tandem.web.render import render

router = APIRouter()
LETTERS = ("", "R", "A", "C", "I")


def _ids(form: FormData, name: str) -> list[int]:
    found = []
    for raw in form.getlist(name)[:50]:
        text = str(raw)
        if text.isascii() and text.isdigit() and len(text) < 10:
            found.append(int(text))
    return found


def _score(raw: str, field: str) -> int | None:
    if raw == "":
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) > 5:
        raise Invalid("Scores go from 0 to 5.", field)
    return int(raw)


def _date(raw: str, field: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        raise Invalid("Give the date as YYYY-MM-DD.", field) from None


@router.get("/w/{slug}/workshops")
def workshops_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        return render(request, "workshop/list.html", {
            "current": "roles", "workshops": service.all_workshops(scope),
            "everyone": people.all(scope)})


@router.post("/w/{slug}/workshops")
def start(request: Request, slug: str, form: FormDep) -> Response:
    made: dict[str, int] = {}

    def create(scope: Scope) -> None:
        body = WorkshopCreate(title=form_text(form, "title"),
                              participant_ids=_ids(form, "participant"))
        made["id"] = service.create(scope, body).id

    answer = act(request, slug, ws_url(slug, "workshops"), create,
                 "Workshop started: each participant answers on their own.")
    if "id" in made:
        answer.headers["location"] = ws_url(slug, "workshops", made["id"])
    return answer


@router.get("/w/{slug}/workshops/{workshop_id:int}")
def workshop_page(request: Request, slug: str, workshop_id: int) -> Response:
    with workspace(request, slug) as scope:
        shown = service.view(scope, workshop_id)
        mine = [p.person.id for p in shown.participants
                if service.may_answer_for(scope, p.person)]
        everyone = people.all(scope)
        return render(request, "workshop/workshop.html", {
            "current": "roles", "v": shown, "mine": mine, "grid": shown.grid(),
            "can_facilitate": scope.can(Action.update), "everyone": everyone,
            "names": {p.id: p.name for p in everyone}})


@router.get("/w/{slug}/workshops/{workshop_id:int}/answer/{person_id:int}")
def answer_page(request: Request, slug: str, workshop_id: int, person_id: int) -> Response:
    with workspace(request, slug) as scope:
        shown = service.view(scope, workshop_id)
        answers = {a.activity: a for a in service.answers_of(scope, workshop_id, person_id)}
        person = people.get(scope, person_id)
        return render(request, "workshop/answer.html", {
            "current": "roles", "v": shown, "person": person, "answers": answers,
            "letters": LETTERS})


@router.post("/w/{slug}/workshops/{workshop_id:int}/answer/{person_id:int}")
def save_answers(request: Request, slug: str, workshop_id: int, person_id: int,
                 form: FormDep) -> Response:
    back = ws_url(slug, "workshops", workshop_id)

    def save(scope: Scope) -> int:
        rows = []
        for i, activity in enumerate(service.view(scope, workshop_id).activities):
            letter = form_text(form, f"raci-{i}")
            if letter not in LETTERS:
                raise Invalid("Pick R, A, C, I or none.", f"raci-{i}")
            rows.append(AnswerIn.model_validate({
                "activity": activity, "raci": letter,
                "importance": _score(form_text(form, f"importance-{i}"), f"importance-{i}"),
                "assessment": _score(form_text(form, f"assessment-{i}"), f"assessment-{i}"),
                "hours": float(h) if (h := form_text(form, f"hours-{i}")) and
                h.replace(".", "", 1).isdigit() else None}))
        return service.submit(scope, workshop_id, person_id, AnswersIn(answers=rows))

    return act(request, slug, back, save,
               "Answers saved. Nobody sees them until the facilitator reveals.")


@router.post("/w/{slug}/workshops/{workshop_id:int}/reveal")
def reveal(request: Request, slug: str, workshop_id: int) -> Response:
    return act(request, slug, ws_url(slug, "workshops", workshop_id),
               lambda scope: service.reveal(scope, workshop_id),
               "Revealed: agreement and conflicts are side by side below.")


@router.post("/w/{slug}/workshops/{workshop_id:int}/decide")
def decide(request: Request, slug: str, workshop_id: int, form: FormDep) -> Response:
    activity = form_text(form, "activity")

    def settle(scope: Scope) -> None:
        accountable = _ids(form, "accountable_id")
        if not accountable:
            raise Invalid("Choose who is accountable (A).", "accountable_id")
        service.decide(scope, workshop_id, DecisionIn(
            activity=activity, accountable_id=accountable[0],
            responsible_ids=_ids(form, "responsible_id"), note=form_text(form, "note")))

    return act(request, slug, ws_url(slug, "workshops", workshop_id) + "#decisions", settle,
               f"Settled '{activity[:80]}'.")


@router.post("/w/{slug}/workshops/{workshop_id:int}/agreed")
def agreed(request: Request, slug: str, workshop_id: int) -> Response:
    return act(request, slug, ws_url(slug, "workshops", workshop_id) + "#decisions",
               lambda scope: service.accept_agreed(scope, workshop_id),
               lambda made: f"Settled {made} agreed activities as proposed.")


@router.post("/w/{slug}/workshops/{workshop_id:int}/apply")
def apply(request: Request, slug: str, workshop_id: int) -> Response:
    return act(request, slug, ws_url(slug, "workshops", workshop_id),
               lambda scope: service.apply(scope, workshop_id),
               lambda made: f"The RACI now holds the decisions: {made} assignments written.")


@router.post("/w/{slug}/workshops/{workshop_id:int}/actions")
def add_action(request: Request, slug: str, workshop_id: int, form: FormDep) -> Response:
    def plan(scope: Scope) -> None:
        owner = _ids(form, "owner_id")
        service.add_action(scope, workshop_id, ActionIn(
            activity=form_text(form, "activity"), barrier=form_text(form, "barrier"),
            fix=form_text(form, "fix"), owner_id=owner[0] if owner else None,
            due_on=_date(form_text(form, "due_on"), "due_on")))

    return act(request, slug, ws_url(slug, "workshops", workshop_id) + "#plan", plan,
               "Added to the action plan.")


@router.post("/w/{slug}/workshops/{workshop_id:int}/reassess")
def reassess(request: Request, slug: str, workshop_id: int, form: FormDep) -> Response:
    def set_date(scope: Scope) -> None:
        service.set_reassess(scope, workshop_id,
                             _date(form_text(form, "reassess_on"), "reassess_on"))

    return act(request, slug, ws_url(slug, "workshops", workshop_id), set_date,
               "Re-assessment date saved; the home page reminds you a week before.")
