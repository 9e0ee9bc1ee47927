"""Roles over the API: the RACI matrix and its checks (as RACI, DACI or RAPID), the preset,
and the catalog."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from starlette.responses import PlainTextResponse

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_content_etag
from tandem.crud import require_content
from tandem.roles import lenses, service
from tandem.roles.export import matrix_csv, matrix_markdown, matrix_png
from tandem.roles.schemas import (
    ActivityChange,
    ActivityCreate,
    ActivityPublic,
    DeparturePublic,
    FindingPublic,
    LensRolePublic,
    MatrixPublic,
    MatrixRow,
    PersonLetter,
    PresetBody,
)

router = APIRouter(tags=["roles"])


LensQuery = Annotated[lenses.Lens, Query(
    description="Show the letters as raci (the default), daci or rapid")]


def _letter(lens: lenses.Lens, pid: int, name: str, raci: str, column: str) -> PersonLetter:
    found = lenses.role(lens, raci, column)
    return PersonLetter(person_id=pid, person=name, raci=raci,
                        letter=found.letter if found else "", role=found.name if found else "")


def matrix_public(m: service.Matrix, lens: lenses.Lens = lenses.Lens.raci) -> MatrixPublic:
    names = {p.id: p.name for p in m.people}
    spec = lenses.SPECS[lens]
    return MatrixPublic(
        lens=lens.value,
        legend=[LensRolePublic(letter=r.letter, name=r.name, meaning=r.meaning, raci=r.raci)
                for r in spec.roles],
        lens_notes=[*spec.unmapped, *m.lens_notes(lens)],
        preset=m.preset,
        people=[{"id": p.id, "name": p.name, "roles": p.role_titles, "user_id": p.user_id}
                for p in m.people],
        rows=[MatrixRow(activity=a.name, column=a.column, direction=a.direction,
                        letters=[_letter(lens, pid, names[pid], x, a.column)
                                 for pid, x in m.letters.get(a.name, {}).items()
                                 if pid in names])
              for a in m.activities],
        findings=[FindingPublic(severity=f.severity.value, code=f.code, activity=f.activity,
                                person=f.person, message=f.message) for f in m.findings],
        gaps=m.gaps,
        departures=[DeparturePublic(activity=d.activity, role=d.role, expected=d.expected,
                                    actual=d.actual, message=d.message)
                    for d in m.departures])


@router.get("/workspaces/{workspace}/roles", response_model=MatrixPublic,
            summary="The RACI matrix with its findings, gaps and preset departures; "
            "?lens=daci or rapid shows the same letters as DACI or RAPID roles")
def get_matrix(workspace: str, runtime: RuntimeDep, actor: ActorDep,
               lens: LensQuery = lenses.Lens.raci) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return matrix_public(service.matrix(scope), lens)


@router.get("/workspaces/{workspace}/roles/matrix.csv", response_class=PlainTextResponse,
            summary="The RACI matrix as CSV (?lens= for DACI or RAPID letters)")
def get_csv(workspace: str, runtime: RuntimeDep, actor: ActorDep,
            lens: LensQuery = lenses.Lens.raci) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return PlainTextResponse(matrix_csv(service.matrix(scope), lens),
                                 media_type="text/csv")


@router.get("/workspaces/{workspace}/roles/matrix.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}}},
            summary="The RACI matrix as a heatmap image (?lens= for DACI or RAPID letters)")
def get_png(workspace: str, runtime: RuntimeDep, actor: ActorDep,
            lens: LensQuery = lenses.Lens.raci) -> Response:
    with runtime.scope(actor, workspace) as scope:
        return Response(matrix_png(service.matrix(scope), lens), media_type="image/png")


@router.get("/workspaces/{workspace}/roles/matrix.md", response_class=PlainTextResponse,
            summary="The RACI matrix as a Markdown table (?lens= for DACI or RAPID letters)")
def get_markdown(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                 lens: LensQuery = lenses.Lens.raci) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return PlainTextResponse(matrix_markdown(service.matrix(scope), lens),
                                 media_type="text/markdown")


# The preset and a catalog entry are versioned by content (api/versions.py): the ETag of
# what GET shows, so a PUT or PATCH with If-Match refuses a write made from an older read.


def _preset(preset: str, response: Response) -> PresetBody:
    found = PresetBody(preset=preset)
    set_content_etag(response, found.model_dump())
    return found


@router.get("/workspaces/{workspace}/roles/preset", response_model=PresetBody,
            summary="The preset the workspace follows (custom when none)")
def get_preset(workspace: str, response: Response, runtime: RuntimeDep,
               actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return _preset(service.preset_of(scope), response)


@router.put("/workspaces/{workspace}/roles/preset", response_model=PresetBody,
            summary="Follow a preset by company stage",
            description="With If-Match (the ETag of the preset you read), only if nobody "
            "changed it since (412 otherwise).", responses=STALE_RESPONSES)
def put_preset(workspace: str, body: PresetBody, response: Response, version: IfMatch,
               runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        require_content(scope, lambda: PresetBody(preset=service.preset_of(scope)).model_dump(),
                        version, "roles preset")
        return _preset(service.set_preset(scope, body.preset), response)


@router.post("/workspaces/{workspace}/roles/preset/apply", response_model=dict[str, int],
             summary="Fill the unassigned activities with the preset's letters")
def apply_preset(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return {"created": service.apply_preset(scope)}


@router.post("/workspaces/{workspace}/roles/people/members", response_model=dict[str, int],
             summary="A person record for each workspace member who has none")
def add_members(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return {"created": len(service.add_members(scope))}


@router.get("/workspaces/{workspace}/roles/activities", response_model=list[ActivityPublic],
            summary="The workspace's activity catalog, hidden ones included")
def get_activities(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return [ActivityPublic(**vars(e)) for e in service.catalog(scope)]


@router.post("/workspaces/{workspace}/roles/activities", response_model=ActivityPublic,
             status_code=201, summary="Add an activity to the catalog")
def post_activity(workspace: str, body: ActivityCreate, runtime: RuntimeDep,
                  actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        entry = service.add_activity(scope, body.name, body.column, body.direction,
                                     body.description)
        return ActivityPublic(**vars(entry))


def _activity(entry: object, response: Response) -> ActivityPublic:
    found = ActivityPublic(**vars(entry))
    set_content_etag(response, found.model_dump())
    return found


@router.get("/workspaces/{workspace}/roles/activities/{name}", response_model=ActivityPublic,
            summary="One activity of the catalog, by name")
def get_activity(workspace: str, name: str, response: Response, runtime: RuntimeDep,
                 actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        return _activity(service.entry(scope, name[:200]), response)


@router.patch("/workspaces/{workspace}/roles/activities/{name}", response_model=ActivityPublic,
              summary="Rename, hide or show an activity",
              description="With If-Match (the ETag of the activity you read), only if "
              "nobody changed it since (412 otherwise).", responses=STALE_RESPONSES)
def patch_activity(workspace: str, name: str, body: ActivityChange, response: Response,
                   version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        require_content(scope, lambda: ActivityPublic(
            **vars(service.entry(scope, name[:200]))).model_dump(), version, "activity")
        entry = service.entry(scope, name[:200])
        if body.hidden is not None:
            entry = service.hide_activity(scope, entry.name, body.hidden)
        if body.name is not None:
            entry = service.rename_activity(scope, entry.name, body.name)
        return _activity(entry, response)
