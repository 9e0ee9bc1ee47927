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
from tandem.web.versions import StaleForm, form_pairs, form_version

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
    """No version: it creates a new workshop."""
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
            "letters": LETTERS,
            "row_version": service.participant(scope, workshop_id, person_id).row_version})


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
        return service.submit(scope, workshop_id, person_id, AnswersIn(answers=rows),
                              form_version(form))

    def conflict(scope: Scope) -> StaleForm:
        row = service.participant(scope, workshop_id, person_id)
        theirs = {f"raci-{i}": letter for i, letter in enumerate(
            _letters(scope, workshop_id, person_id))}
        mine = {name: form_text(form, name) for name in theirs}
        labels = {f"raci-{i}": activity for i, activity in
                  enumerate(service.view(scope, workshop_id).activities)}
        return StaleForm("participant's answers", people.get(scope, person_id).name, back,
                         ws_url(slug, "workshops", workshop_id, "answer", person_id),
                         row.row_version, mine, theirs, labels, form_pairs(form))

    return act(request, slug, back, save,
               "Answers saved. Nobody sees them until the facilitator reveals.", conflict)


def _letters(scope: Scope, workshop_id: int, person_id: int) -> list[str]:
    """A participant's saved letters in the catalog's order, as the form numbers them."""
    saved = {a.activity: a.raci for a in service.answers_of(scope, workshop_id, person_id)}
    return [saved.get(activity, "") for activity in service.view(scope, workshop_id).activities]


@router.post("/w/{slug}/workshops/{workshop_id:int}/reveal")
def reveal(request: Request, slug: str, workshop_id: int) -> Response:
    """No version: it moves the workshop out of answering once (a second reveal is refused
    by the stage) and shows the answers as they are at that moment, whoever loaded what."""
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
            responsible_ids=_ids(form, "responsible_id"), note=form_text(form, "note")),
            form_version(form))

    def conflict(scope: Scope) -> StaleForm:
        found = service.decision(scope, workshop_id, activity)
        names = {p.id: p.name for p in people.all(scope)}

        def who(ids: list[int]) -> str:
            return ", ".join(names.get(i, "?") for i in ids)
        theirs = {"accountable_id": who([found.accountable_id]) if found else "",
                  "responsible_id": who([int(r) for r in found.responsible_ids.split(",")
                                         if r]) if found else ""}
        mine = {"accountable_id": who(_ids(form, "accountable_id")[:1]),
                "responsible_id": who(_ids(form, "responsible_id"))}
        return StaleForm("decision", activity, ws_url(slug, "workshops", workshop_id)
                         + "#decisions", ws_url(slug, "workshops", workshop_id, "decide"),
                         found.row_version if found else 0, mine, theirs,
                         {"accountable_id": "Accountable (A)",
                          "responsible_id": "Responsible (R)"}, form_pairs(form))

    return act(request, slug, ws_url(slug, "workshops", workshop_id) + "#decisions", settle,
               f"Settled '{activity[:80]}'.", conflict)


@router.post("/w/{slug}/workshops/{workshop_id:int}/agreed")
def agreed(request: Request, slug: str, workshop_id: int) -> Response:
    """No version: it settles only activities nobody has settled yet (never overwrites)."""
    return act(request, slug, ws_url(slug, "workshops", workshop_id) + "#decisions",
               lambda scope: service.accept_agreed(scope, workshop_id),
               lambda made: f"Settled {made} agreed activities as proposed.")


@router.post("/w/{slug}/workshops/{workshop_id:int}/apply")
def apply(request: Request, slug: str, workshop_id: int, form: FormDep) -> Response:
    """Apply carries the workshop's version: a stale page cannot apply twice (409)."""
    return act(request, slug, ws_url(slug, "workshops", workshop_id),
               lambda scope: service.apply(scope, workshop_id, form_version(form)),
               lambda made: f"The RACI now holds the decisions: {made} assignments written.",
               lambda scope: _stale_workshop(scope, slug, workshop_id, "apply",
                                             {"stage": "Applied to the RACI"}, form))


STAGES = {"answering": "Answering", "revealed": "Revealed", "closed": "Applied to the RACI"}


def _stale_workshop(scope: Scope, slug: str, workshop_id: int, tail: str,
                    mine: dict[str, str], form: FormData) -> StaleForm:
    workshop = service.get(scope, workshop_id)
    theirs = {"stage": STAGES.get(workshop.stage, workshop.stage),
              "reassess_on": str(workshop.reassess_on or "")}
    return StaleForm("workshop", workshop.title, ws_url(slug, "workshops", workshop_id),
                     ws_url(slug, "workshops", workshop_id, tail), workshop.row_version,
                     mine, theirs, {"stage": "Stage", "reassess_on": "Assess again on"},
                     form_pairs(form))


@router.post("/w/{slug}/workshops/{workshop_id:int}/actions")
def add_action(request: Request, slug: str, workshop_id: int, form: FormDep) -> Response:
    """No version: it only adds a new item to the plan."""
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
                             _date(form_text(form, "reassess_on"), "reassess_on"),
                             form_version(form))

    return act(request, slug, ws_url(slug, "workshops", workshop_id), set_date,
               "Re-assessment date saved; the home page reminds you a week before.",
               lambda scope: _stale_workshop(scope, slug, workshop_id, "reassess", {
                   "stage": STAGES.get(service.get(scope, workshop_id).stage, ""),
                   "reassess_on": form_text(form, "reassess_on")}, form))
