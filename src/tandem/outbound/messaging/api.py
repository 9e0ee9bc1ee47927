"""Messaging house routes: houses, pillars, proof points and matrix rows."""

from __future__ import annotations

from fastapi import APIRouter, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.crud import require_version
from tandem.outbound.messaging import service
from tandem.outbound.messaging.schemas import (
    HouseCreate,
    HousePublic,
    HouseUpdate,
    MatrixRowIn,
    MatrixRowPublic,
    PillarIn,
    PillarPublic,
    ProofPointIn,
    ProofPointPublic,
)

router = APIRouter(tags=["Messaging"])
BASE = "/workspaces/{workspace}/messaging"


def public(v: service.HouseView) -> HousePublic:
    h = v.house
    return HousePublic(
        id=h.id, name=h.name, product_id=h.product_id, release_id=h.release_id,
        core_message=h.core_message, status=h.status, approved_by=h.approved_by,
        approved_at=h.approved_at, row_version=h.row_version,
        pillars=[PillarPublic(
            id=p.pillar.id, position=p.pillar.position, title=p.pillar.title,
            body=p.pillar.body,
            proof_points=[ProofPointPublic(
                id=pt.id, pillar_id=pt.pillar_id, claim=pt.claim, kind=pt.kind,
                evidence_id=pt.evidence_id, cited_evidence_id=pt.cited_evidence_id,
                quote=v.quotes[pt.evidence_id].text if pt.evidence_id in v.quotes else None,
                metric=pt.metric, source=pt.source, url=pt.url) for pt in p.proof_points])
            for p in v.pillars],
        matrix=[MatrixRowPublic(
            id=r.id, persona_id=r.persona_id, persona=v.persona_names.get(r.persona_id, ""),
            segment_id=r.segment_id,
            segment=v.segment_names.get(r.segment_id) if r.segment_id else None,
            pain=r.pain, key_message=r.key_message, proof_point_id=r.proof_point_id,
            call_to_action=r.call_to_action) for r in v.matrix])


@router.get(BASE, response_model=list[HousePublic], summary="Every messaging house")
def list_houses(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> list[HousePublic]:
    with runtime.scope(actor, workspace) as scope:
        return [public(service.view(scope, h.id)) for h in service.houses(scope)]


@router.post(BASE, response_model=HousePublic, status_code=201,
             summary="Build a house: core message and 2 to 6 pillars")
def create_house(workspace: str, body: HouseCreate, runtime: RuntimeDep,
                 actor: ActorDep) -> HousePublic:
    with runtime.scope(actor, workspace) as scope:
        return public(service.view(scope, service.create(scope, body).id))


@router.get(BASE + "/{house_id}", response_model=HousePublic, summary="One house")
def get_house(workspace: str, house_id: int, response: Response, runtime: RuntimeDep,
              actor: ActorDep) -> HousePublic:
    with runtime.scope(actor, workspace) as scope:
        found = service.view(scope, house_id)
        set_etag(response, found.house)
        return public(found)


@router.patch(BASE + "/{house_id}", response_model=HousePublic,
              summary="Change the roof, name, release or approval status",
              description="Changes only the fields sent; with If-Match, only if the house is "
              "still at that version (412 otherwise). The version counts changes to the "
              "house's own fields, not to its pillars, proof points or matrix.",
              responses=STALE_RESPONSES)
def update_house(workspace: str, house_id: int, body: HouseUpdate, response: Response,
                 version: IfMatch, runtime: RuntimeDep, actor: ActorDep) -> HousePublic:
    with runtime.scope(actor, workspace) as scope:
        require_version(service.view(scope, house_id).house, version, "messaging house")
        service.update(scope, house_id, body)
        scope.session.flush()
        found = service.view(scope, house_id)
        set_etag(response, found.house)
        return public(found)


@router.delete(BASE + "/{house_id}", status_code=204, summary="Delete a house",
               responses=STALE_RESPONSES)
def delete_house(workspace: str, house_id: int, version: IfMatch,
                 runtime: RuntimeDep, actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        service.delete(scope, house_id, expected=version)
    return Response(status_code=204)


@router.post(BASE + "/{house_id}/pillars", response_model=PillarPublic, status_code=201,
             summary="Add a pillar (at most 6)")
def add_pillar(workspace: str, house_id: int, body: PillarIn, runtime: RuntimeDep,
               actor: ActorDep) -> PillarPublic:
    with runtime.scope(actor, workspace) as scope:
        p = service.add_pillar(scope, house_id, body)
        return PillarPublic(id=p.id, position=p.position, title=p.title, body=p.body,
                            proof_points=[])


@router.delete(BASE + "/pillars/{pillar_id}", status_code=204,
               summary="Remove a pillar (at least 2 stay)", responses=STALE_RESPONSES)
def delete_pillar(workspace: str, pillar_id: int, version: IfMatch,
                  runtime: RuntimeDep, actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        service.delete_pillar(scope, pillar_id, expected=version)
    return Response(status_code=204)


def _point(scope: object, pt: object) -> ProofPointPublic:
    return ProofPointPublic.model_validate(
        {**{k: getattr(pt, k) for k in ("id", "pillar_id", "claim", "kind", "evidence_id",
                                         "cited_evidence_id", "metric", "source", "url")},
         "quote": None})


@router.post(BASE + "/pillars/{pillar_id}/proof-points", response_model=ProofPointPublic,
             status_code=201, summary="Add a proof point citing its proof")
def add_proof_point(workspace: str, pillar_id: int, body: ProofPointIn, runtime: RuntimeDep,
                    actor: ActorDep) -> ProofPointPublic:
    with runtime.scope(actor, workspace) as scope:
        return _point(scope, service.add_proof_point(scope, pillar_id, body))


@router.put(BASE + "/proof-points/{point_id}", response_model=ProofPointPublic,
            summary="Change a proof point's claim or what it cites",
            description="With If-Match, only if the proof point is still at that version "
            "(412 otherwise); the answer's ETag is its new version.",
            responses=STALE_RESPONSES)
def update_proof_point(workspace: str, point_id: int, body: ProofPointIn, response: Response,
                       version: IfMatch, runtime: RuntimeDep,
                       actor: ActorDep) -> ProofPointPublic:
    with runtime.scope(actor, workspace) as scope:
        point = service.update_proof_point(scope, point_id, body, version)
        scope.session.flush()
        set_etag(response, point)
        return _point(scope, point)


@router.delete(BASE + "/proof-points/{point_id}", status_code=204,
               summary="Remove a proof point", responses=STALE_RESPONSES)
def delete_proof_point(workspace: str, point_id: int, version: IfMatch,
                       runtime: RuntimeDep, actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        service.delete_proof_point(scope, point_id, expected=version)
    return Response(status_code=204)


@router.post(BASE + "/{house_id}/matrix", response_model=MatrixRowPublic, status_code=201,
             summary="Add a persona's row to the matrix")
def add_matrix_row(workspace: str, house_id: int, body: MatrixRowIn, runtime: RuntimeDep,
                   actor: ActorDep) -> MatrixRowPublic:
    with runtime.scope(actor, workspace) as scope:
        row = service.add_matrix_row(scope, house_id, body)
        v = service.view(scope, house_id)
        return next(r for r in public(v).matrix if r.id == row.id)


@router.put(BASE + "/matrix/{row_id}", response_model=MatrixRowPublic,
            summary="Change a matrix row (e.g. cite its proof)",
            description="With If-Match, only if the row is still at that version (412 "
            "otherwise); the answer's ETag is its new version.",
            responses=STALE_RESPONSES)
def update_matrix_row(workspace: str, row_id: int, body: MatrixRowIn, response: Response,
                      version: IfMatch, runtime: RuntimeDep,
                      actor: ActorDep) -> MatrixRowPublic:
    with runtime.scope(actor, workspace) as scope:
        row = service.update_matrix_row(scope, row_id, body, version)
        scope.session.flush()
        set_etag(response, row)
        return next(r for r in public(service.view(scope, row.house_id)).matrix
                    if r.id == row.id)


@router.delete(BASE + "/matrix/{row_id}", status_code=204, summary="Remove a matrix row",
               responses=STALE_RESPONSES)
def delete_matrix_row(workspace: str, row_id: int, version: IfMatch,
                      runtime: RuntimeDep, actor: ActorDep) -> Response:
    with runtime.scope(actor, workspace) as scope:
        service.delete_matrix_row(scope, row_id, expected=version)
    return Response(status_code=204)
