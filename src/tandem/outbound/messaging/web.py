"""The messaging house on the web: the roof, pillars with their proof points (each showing
its audit flags), the per-persona matrix, approval, and the house's history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.crud import require_version
from tandem.inbound.release import releases
from tandem.market.persona import personas
from tandem.market.product import products
from tandem.market.segment import segments
from tandem.outbound.claims import service as claims
from tandem.outbound.messaging import service
from tandem.outbound.messaging.models import (
    HouseStatus,
    MessagingHouse,
    Pillar,
    ProofKind,
    ProofPoint,
)
from tandem.outbound.messaging.schemas import (
    MAX_PILLARS,
    HouseCreate,
    HouseUpdate,
    MatrixRowIn,
    PillarIn,
    ProofPointIn,
)
from tandem.outbound.positioning import service as positioning
from tandem.platform.events import service as events
from tandem.platform.feature import Panel
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.web.actions import act as _act
from tandem.web.context import FormDep, form_text, workspace, ws_url
from tandem.web.render import render
from tandem.web.versions import (
    StaleForm,
    form_values,
    form_version,
    stale_removal,
    values_of,
)

router = APIRouter()
HISTORY_SIZE = 10
PROOF_LABELS = {ProofKind.evidence: "Evidence quote", ProofKind.win_loss: "Win/loss record",
                ProofKind.metric: "Metric with its source",
                ProofKind.third_party: "Third-party validation (URL)"}


def _label(where: str | None) -> str | None:
    return where.replace("_", " ").capitalize() if where else None


def _int(raw: str) -> int | None:
    raw = raw.strip().lstrip("#")
    return int(raw) if raw.isdecimal() and len(raw) < 19 else None


@router.get("/w/{slug}/messaging")
def houses_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        report = claims.audit(scope)
        return render(request, "messaging/list.html", {
            "current": "messaging", "houses": service.houses(scope), "report": report,
            "products": products.all(scope), "releases": releases.all(scope),
            "max_pillars": MAX_PILLARS})


@router.post("/w/{slug}/messaging")
def create_house(request: Request, slug: str, form: FormDep) -> Response:
    back = ws_url(slug, "messaging")
    made: list[int] = []

    def create(scope: Scope) -> None:
        pillars = [PillarIn(title=line.strip()) for line in
                   form_text(form, "pillars").splitlines() if line.strip()]
        body = HouseCreate(name=form_text(form, "name"),
                           product_id=_int(form_text(form, "product_id")) or 0,
                           release_id=_int(form_text(form, "release_id")),
                           core_message=form_text(form, "core_message"), pillars=pillars)
        made.append(service.create(scope, body).id)

    response = _act(request, slug, back, create, "House built: now add proof under each "
                    "pillar.")
    if made:
        response.headers["location"] = ws_url(slug, "messaging", made[0])
    return response


@router.get("/w/{slug}/messaging/{house_id:int}")
def house_page(request: Request, slug: str, house_id: int) -> Response:
    with workspace(request, slug) as scope:
        view = service.view(scope, house_id)
        audit = claims.audit(scope).of(f"house:{house_id}")
        by_href = {r.claim.href.rsplit("#", 1)[-1]: r for r in audit.results} if audit else {}
        pillar_results = {r.claim.ref: r for r in audit.results} if audit else {}
        history: dict[str, Any] = {"history": [], "history_total": 0, "history_href": ""}
        if scope.can(Action.read_audit):
            page = events.history(scope, kind=service.KIND, object_id=house_id,
                                  limit=HISTORY_SIZE)
            history = {"history": page.items, "history_total": page.total,
                       "history_href": f"/w/{slug}/audit?kind={service.KIND}"
                                       f"&object_id={house_id}"}
        matrix_results = [r for r in audit.results if r.claim.where == "matrix"] \
            if audit else []
        release = releases.get(scope, view.house.release_id) if view.house.release_id else None
        candidates = service.candidate_evidence(scope, view.house)
        return render(request, "messaging/house.html", {
            "current": "messaging", "view": view, "house": view.house, "audit": audit,
            "by_href": by_href, "pillar_results": pillar_results,
            "matrix_results": matrix_results, "release": release,
            "product": products.get(scope, view.house.product_id),
            "candidates": candidates,
            "candidate_ids": {e.id for _, items in candidates for e in items},
            "personas": personas.all(scope), "segments": segments.all(scope),
            "statuses": [s.value for s in HouseStatus], "proof_kinds": PROOF_LABELS,
            "max_pillars": MAX_PILLARS, "releases": releases.all(scope), **history})


@router.post("/w/{slug}/messaging/{house_id:int}/edit")
def edit_house(request: Request, slug: str, house_id: int, form: FormDep) -> Response:
    fields: dict[str, Any] = {}
    for name in ("core_message", "status", "name"):
        if name in form:
            fields[name] = form_text(form, name)
    if "release_id" in form:
        fields["release_id"] = _int(form_text(form, "release_id"))
    done = "Status changed." if "status" in fields else "Saved."
    back = ws_url(slug, "messaging", house_id)

    def save(scope: Scope) -> None:
        require_version(service.view(scope, house_id).house, form_version(form),
                        "messaging house")
        service.update(scope, house_id, HouseUpdate.model_validate(fields))

    def conflict(scope: Scope) -> StaleForm:
        house: MessagingHouse = service.view(scope, house_id).house
        mine = {k: v for k, v in form_values(form).items() if k in HOUSE_LABELS}
        return StaleForm("messaging house", house.name, back, back + "/edit", house.row_version,
                         mine, values_of(house, list(mine)),
                         {k: v for k, v in HOUSE_LABELS.items() if k in mine})

    return _act(request, slug, back, save, done, conflict)


HOUSE_LABELS = {"name": "Name", "core_message": "Core message", "status": "Status",
                "release_id": "Release"}
POINT_LABELS = {"claim": "Claim", "kind": "Proof", "evidence_id": "Evidence",
                "metric": "Metric", "source": "Source", "url": "URL"}


@router.post("/w/{slug}/messaging/{house_id:int}/pillars")
def add_pillar(request: Request, slug: str, house_id: int, form: FormDep) -> Response:
    return _act(request, slug, ws_url(slug, "messaging", house_id),
                lambda scope: service.add_pillar(scope, house_id, PillarIn(
                    title=form_text(form, "title"), body=form_text(form, "body"))),
                "Pillar added.")


def _back_to_house(scope_fn: Callable[[Scope], int], request: Request, slug: str) -> str:
    with workspace(request, slug) as scope:
        return ws_url(slug, "messaging", scope_fn(scope))


@router.post("/w/{slug}/messaging/pillars/{pillar_id:int}/delete")
def delete_pillar(request: Request, slug: str, pillar_id: int, form: FormDep) -> Response:
    """Remove a pillar: the button carries its version, so one someone edited since the
    page was loaded is not removed unseen (409, the pillar as it is now)."""
    back = _back_to_house(lambda s: _house_of(s, "pillar", pillar_id), request, slug)
    seen = form_version(form)

    def conflict(scope: Scope) -> StaleForm:
        pillar = scope.owned(Pillar, pillar_id)
        assert pillar is not None  # it was there to be stale
        return stale_removal("pillar", pillar.title, back + f"#pillar-{pillar_id}",
                             ws_url(slug, "messaging", "pillars", pillar_id, "delete"),
                             pillar.row_version, seen,
                             {"Title": pillar.title, "Text": pillar.body or ""})

    return _act(request, slug, back,
                lambda scope: service.delete_pillar(scope, pillar_id, seen),
                "Pillar removed.", conflict)


def _house_of(scope: Scope, part: str, obj_id: int) -> int:
    return service.house_id_of(scope, part, obj_id)


def _proof_body(form: FormData) -> ProofPointIn:
    kind = form_text(form, "kind") or ProofKind.evidence.value
    evidence_id = _int(form_text(form, "evidence_number")) or _int(form_text(form,
                                                                            "evidence_id"))
    return ProofPointIn.model_validate({
        "claim": form_text(form, "claim"), "kind": kind,
        "evidence_id": evidence_id if kind in ("evidence", "win_loss") else None,
        "metric": form_text(form, "metric"), "source": form_text(form, "source"),
        "url": form_text(form, "url")})


@router.post("/w/{slug}/messaging/pillars/{pillar_id:int}/points")
def add_point(request: Request, slug: str, pillar_id: int, form: FormDep) -> Response:
    back = _back_to_house(lambda s: _house_of(s, "pillar", pillar_id), request, slug)
    return _act(request, slug, back,
                lambda scope: service.add_proof_point(scope, pillar_id, _proof_body(form)),
                "Proof point added.")


@router.post("/w/{slug}/messaging/points/{point_id:int}")
def update_point(request: Request, slug: str, point_id: int, form: FormDep) -> Response:
    back = _back_to_house(lambda s: _house_of(s, "point", point_id), request, slug)

    def conflict(scope: Scope) -> StaleForm:
        point = scope.owned(ProofPoint, point_id)
        assert point is not None  # it was there to be stale
        body = _proof_body(form).model_dump()
        mine = {k: "" if body.get(k) is None else str(getattr(body[k], "value", body[k]))
                for k in POINT_LABELS}
        return StaleForm("proof point", point.claim, back + f"#point-{point_id}",
                         ws_url(slug, "messaging", "points", point_id), point.row_version,
                         mine, values_of(point, list(POINT_LABELS)), POINT_LABELS)

    return _act(request, slug, back + f"#point-{point_id}",
                lambda scope: service.update_proof_point(scope, point_id, _proof_body(form),
                                                         form_version(form)),
                "Proof point saved; the audit has run again.", conflict)


@router.post("/w/{slug}/messaging/points/{point_id:int}/delete")
def delete_point(request: Request, slug: str, point_id: int, form: FormDep) -> Response:
    """Remove a proof point, only as it was shown (its version; 409 when it changed)."""
    back = _back_to_house(lambda s: _house_of(s, "point", point_id), request, slug)
    seen = form_version(form)

    def conflict(scope: Scope) -> StaleForm:
        point = scope.owned(ProofPoint, point_id)
        assert point is not None  # it was there to be stale
        now = values_of(point, list(POINT_LABELS))
        return stale_removal("proof point", point.claim, back + f"#point-{point_id}",
                             ws_url(slug, "messaging", "points", point_id, "delete"),
                             point.row_version, seen,
                             {POINT_LABELS[k]: v for k, v in now.items() if v})

    return _act(request, slug, back,
                lambda scope: service.delete_proof_point(scope, point_id, seen),
                "Proof point removed.", conflict)


@router.post("/w/{slug}/messaging/{house_id:int}/matrix")
def add_row(request: Request, slug: str, house_id: int, form: FormDep) -> Response:
    def add(scope: Scope) -> None:
        service.add_matrix_row(scope, house_id, MatrixRowIn.model_validate({
            "persona_id": _int(form_text(form, "persona_id")) or 0,
            "segment_id": _int(form_text(form, "segment_id")),
            "pain": form_text(form, "pain"), "key_message": form_text(form, "key_message"),
            "proof_point_id": _int(form_text(form, "proof_point_id")),
            "call_to_action": form_text(form, "call_to_action")}))

    return _act(request, slug, ws_url(slug, "messaging", house_id) + "#matrix", add,
                "Matrix row added.")


@router.post("/w/{slug}/messaging/matrix/{row_id:int}/proof")
def cite_in_row(request: Request, slug: str, row_id: int, form: FormDep) -> Response:
    back = _back_to_house(lambda s: _house_of(s, "row", row_id), request, slug) + "#matrix"

    def cite(scope: Scope) -> None:
        row = service.matrix_row(scope, row_id)
        body = MatrixRowIn(persona_id=row.persona_id, segment_id=row.segment_id,
                           pain=row.pain, key_message=row.key_message,
                           proof_point_id=_int(form_text(form, "proof_point_id")),
                           call_to_action=row.call_to_action)
        service.update_matrix_row(scope, row_id, body, form_version(form))

    def conflict(scope: Scope) -> StaleForm:
        row = service.matrix_row(scope, row_id)
        labels = {"proof_point_id": "Proof point"}
        return StaleForm("matrix row", row.key_message, back,
                         ws_url(slug, "messaging", "matrix", row_id, "proof"), row.row_version,
                         {k: form_text(form, k) for k in labels},
                         values_of(row, list(labels)), labels)

    return _act(request, slug, back, cite, "Proof cited; the audit has run again.", conflict)


@router.post("/w/{slug}/messaging/matrix/{row_id:int}/delete")
def delete_row(request: Request, slug: str, row_id: int, form: FormDep) -> Response:
    """Remove a matrix row, only as it was shown (its version; 409 when it changed)."""
    back = _back_to_house(lambda s: _house_of(s, "row", row_id), request, slug) + "#matrix"
    seen = form_version(form)

    def conflict(scope: Scope) -> StaleForm:
        row = service.matrix_row(scope, row_id)
        return stale_removal("matrix row", row.key_message, back,
                             ws_url(slug, "messaging", "matrix", row_id, "delete"),
                             row.row_version, seen, {
                                 "Pain": row.pain or "", "Key message": row.key_message,
                                 "Call to action": row.call_to_action or ""})

    return _act(request, slug, back,
                lambda scope: service.delete_matrix_row(scope, row_id, seen),
                "Matrix row removed.", conflict)


def release_panel(scope: Scope, kind: str, obj_id: int, params: Any) -> Panel | None:
    """On a release's page: its messaging houses, the pillars they carry, their status and
    how many of their claims are supported (the release's share)."""
    if kind != "releases":
        return None
    houses = [h for h in service.houses(scope) if h.release_id == obj_id]
    report = claims.audit(scope) if houses else None
    shares = [(h, [p.pillar.title for p in service.view(scope, h.id).pillars],
               report.of(f"house:{h.id}") if report else None,
               positioning.current_statement(scope, h.product_id)) for h in houses]
    release_share = next((s for rid, _, s in report.releases if rid == obj_id), None) \
        if report else None
    return Panel("messaging/_release.html", {"release_houses": shares,
                                             "release_share": release_share})
