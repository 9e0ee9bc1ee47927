"""Messaging houses: the roof, 2 to 6 pillars (enforced on every change), proof points that
cite their proof, and the per-persona matrix.

Every change records an event on the house ("messaging_houses", house id), so the house's
History shows pillars, proof points and matrix rows changing, with who and when. Approving
a house records who approved it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from tandem.crud import require_version
from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.evidence.models import Evidence, Source
from tandem.inbound.release import releases
from tandem.loop.models import EvidenceOpportunity, OpportunityRelease
from tandem.market.persona import Persona, personas
from tandem.market.product import products
from tandem.market.segment import Segment, segments
from tandem.outbound.messaging.models import (
    HouseStatus,
    MatrixRow,
    MessagingHouse,
    Pillar,
    ProofKind,
    ProofPoint,
)
from tandem.outbound.messaging.schemas import (
    MAX_PILLARS,
    MIN_PILLARS,
    HouseCreate,
    HouseUpdate,
    MatrixRowIn,
    PillarIn,
    ProofPointIn,
)
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope
from tandem.storage.base import utcnow

KIND = "messaging_houses"


@dataclass
class PillarView:
    pillar: Pillar
    proof_points: list[ProofPoint] = field(default_factory=list)


@dataclass
class HouseView:
    house: MessagingHouse
    pillars: list[PillarView]
    matrix: list[MatrixRow]
    quotes: dict[int, Evidence]  # cited evidence that still exists, by id
    persona_names: dict[int, str]
    segment_names: dict[int, str]

    def proof_point(self, point_id: int | None) -> ProofPoint | None:
        for p in self.pillars:
            for point in p.proof_points:
                if point.id == point_id:
                    return point
        return None

    @property
    def all_points(self) -> list[ProofPoint]:
        return [pt for p in self.pillars for pt in p.proof_points]


def _owned(scope: Scope, model: type[Any], obj_id: int, label: str) -> Any:
    scope.require(Action.read)
    obj = scope.session.get(model, obj_id) if 1 <= obj_id <= MAX_ID else None
    if obj is None or obj.workspace_id != scope.workspace_id:
        raise NotFound(f"No {label} {obj_id} in this workspace.")
    return obj


def _ref(scope: Scope, res: Any, obj_id: int, name: str) -> Any:
    try:
        return res.get(scope, obj_id)
    except NotFound as exc:
        raise Invalid(exc.message, name) from None


def houses(scope: Scope) -> list[MessagingHouse]:
    scope.require(Action.read)
    return list(scope.session.scalars(select(MessagingHouse).where(
        MessagingHouse.workspace_id == scope.workspace_id).order_by(MessagingHouse.name)).all())


def view(scope: Scope, house_id: int) -> HouseView:
    house: MessagingHouse = _owned(scope, MessagingHouse, house_id, "messaging house")
    pillars = [PillarView(p) for p in scope.session.scalars(
        select(Pillar).where(Pillar.house_id == house.id)
        .order_by(Pillar.position, Pillar.id)).all()]
    by_id = {p.pillar.id: p for p in pillars}
    if by_id:
        for point in scope.session.scalars(select(ProofPoint).where(
                ProofPoint.pillar_id.in_(by_id)).order_by(ProofPoint.id)).all():
            by_id[point.pillar_id].proof_points.append(point)
    matrix = list(scope.session.scalars(select(MatrixRow).where(
        MatrixRow.house_id == house.id).order_by(MatrixRow.id)).all())
    cited = {pt.evidence_id for p in pillars for pt in p.proof_points if pt.evidence_id}
    quotes = {e.id: e for e in scope.session.scalars(
        select(Evidence).where(Evidence.id.in_(cited))).all()} if cited else {}
    persona_names = dict(scope.session.execute(select(Persona.id, Persona.name).where(
        Persona.workspace_id == scope.workspace_id)).tuples().all())
    segment_names = dict(scope.session.execute(select(Segment.id, Segment.name).where(
        Segment.workspace_id == scope.workspace_id)).tuples().all())
    return HouseView(house, pillars, matrix, quotes, persona_names, segment_names)


def _record(scope: Scope, house: MessagingHouse, verb: str,
            changes: dict[str, list[Any]]) -> None:
    events.record(scope, verb, KIND, house.id, house.name, changes)


def _unique_name(scope: Scope, name: str, current: int | None) -> None:
    stmt = select(MessagingHouse.id).where(MessagingHouse.workspace_id == scope.workspace_id,
                                           func.lower(MessagingHouse.name) == name.lower())
    if current is not None:
        stmt = stmt.where(MessagingHouse.id != current)
    if scope.session.scalar(stmt) is not None:
        raise Conflict(f"A messaging house named '{name}' already exists.", "name")


def create(scope: Scope, body: HouseCreate) -> MessagingHouse:
    scope.require(Action.create)
    _ref(scope, products, body.product_id, "product_id")
    if body.release_id is not None:
        _ref(scope, releases, body.release_id, "release_id")
    _unique_name(scope, body.name, None)
    house = MessagingHouse(workspace_id=scope.workspace_id, name=body.name,
                           product_id=body.product_id, release_id=body.release_id,
                           core_message=body.core_message)
    scope.session.add(house)
    scope.session.flush()
    for position, pillar in enumerate(body.pillars):
        scope.session.add(Pillar(workspace_id=scope.workspace_id, house_id=house.id,
                                 position=position, title=pillar.title, body=pillar.body))
    scope.session.flush()
    _record(scope, house, "created", {"core message": [None, body.core_message[:500]],
                                      "pillars": [None, "; ".join(p.title for p in
                                                                  body.pillars)]})
    return house


def update(scope: Scope, house_id: int, body: HouseUpdate) -> MessagingHouse:
    """Change the roof, name, release or status. Approving records who approved."""
    scope.require(Action.update)
    house: MessagingHouse = _owned(scope, MessagingHouse, house_id, "messaging house")
    sent = body.model_dump(exclude_unset=True)
    for name in ("name", "core_message", "status"):
        if name in sent and sent[name] is None:
            raise Invalid(f"{name.replace('_', ' ').capitalize()} cannot be empty.", name)
    if sent.get("release_id") is not None:
        _ref(scope, releases, sent["release_id"], "release_id")
    if sent.get("name"):
        _unique_name(scope, sent["name"], house.id)
    changes: dict[str, list[Any]] = {}
    for name, value in sent.items():
        value = value.value if isinstance(value, HouseStatus) else value
        if getattr(house, name) != value:
            changes[name.replace("_", " ")] = [getattr(house, name), value]
            setattr(house, name, value)
    if "status" in changes:
        approved = house.status == HouseStatus.approved.value
        house.approved_by = scope.actor.label[:254] if approved else ""
        house.approved_at = utcnow() if approved else None
        if approved:
            changes["approved by"] = [None, house.approved_by]
    scope.session.flush()
    if changes:
        _record(scope, house, "updated", changes)
    return house


def delete(scope: Scope, house_id: int, expected: int | None = None) -> None:
    """Delete a house with its pillars, proof points and matrix; `expected` is the version
    the deleter saw (a house changed since then is not deleted)."""
    scope.require(Action.delete)
    house: MessagingHouse = _owned(scope, MessagingHouse, house_id, "messaging house")
    require_version(house, expected, "messaging house")
    _record(scope, house, "deleted", {"name": [house.name, None]})
    scope.session.delete(house)
    scope.session.flush()


# --- pillars ----------------------------------------------------------------------------------

def _pillar_count(scope: Scope, house_id: int) -> int:
    return scope.session.scalar(select(func.count(Pillar.id)).where(
        Pillar.house_id == house_id)) or 0


def add_pillar(scope: Scope, house_id: int, body: PillarIn) -> Pillar:
    scope.require(Action.update)
    house: MessagingHouse = _owned(scope, MessagingHouse, house_id, "messaging house")
    count = _pillar_count(scope, house.id)
    if count >= MAX_PILLARS:
        raise Invalid(f"A house has at most {MAX_PILLARS} pillars; merge two before adding "
                      "another.", "pillars")
    pillar = Pillar(workspace_id=scope.workspace_id, house_id=house.id, position=count,
                    title=body.title, body=body.body)
    scope.session.add(pillar)
    scope.session.flush()
    _record(scope, house, "updated", {"pillar": [None, body.title]})
    return pillar


def update_pillar(scope: Scope, pillar_id: int, body: PillarIn) -> Pillar:
    scope.require(Action.update)
    pillar: Pillar = _owned(scope, Pillar, pillar_id, "pillar")
    house = scope.session.get(MessagingHouse, pillar.house_id)
    assert house is not None
    changes = {f"pillar {k}": [getattr(pillar, k), v] for k, v in body.model_dump().items()
               if getattr(pillar, k) != v}
    pillar.title, pillar.body = body.title, body.body
    scope.session.flush()
    if changes:
        _record(scope, house, "updated", changes)
    return pillar


def delete_pillar(scope: Scope, pillar_id: int, expected: int | None = None) -> None:
    """Remove a pillar; `expected` is the version the remover saw (stale: nothing goes)."""
    scope.require(Action.update)
    pillar: Pillar = _owned(scope, Pillar, pillar_id, "pillar")
    require_version(pillar, expected, "pillar")
    if _pillar_count(scope, pillar.house_id) <= MIN_PILLARS:
        raise Invalid(f"A house needs at least {MIN_PILLARS} pillars: add another before "
                      "removing this one.", "pillars")
    house = scope.session.get(MessagingHouse, pillar.house_id)
    assert house is not None
    _record(scope, house, "updated", {"pillar": [pillar.title, None]})
    scope.session.delete(pillar)
    scope.session.flush()


# --- proof points -----------------------------------------------------------------------------

def _checked_proof(scope: Scope, body: ProofPointIn) -> dict[str, Any]:
    """The proof point's columns, after checking it cites what its kind needs."""
    values = body.model_dump()
    kind = body.kind
    if kind in (ProofKind.evidence, ProofKind.win_loss):
        if body.evidence_id is None:
            raise Invalid("Cite the evidence: its id is missing.", "evidence_id")
        found = scope.session.get(Evidence, body.evidence_id) \
            if 1 <= body.evidence_id <= MAX_ID else None
        if found is None or found.workspace_id != scope.workspace_id:
            raise Invalid(f"No evidence {body.evidence_id} in this workspace.", "evidence_id")
        if kind is ProofKind.win_loss and found.source != Source.win_loss.value:
            raise Invalid(f"Evidence {found.id} is not a win/loss record (its source is "
                          f"{found.source}).", "evidence_id")
        values.update(metric="", source="", url="")
    else:
        values["evidence_id"] = None
        if kind is ProofKind.metric and not body.metric:
            raise Invalid("A metric proof needs the metric.", "metric")
        if kind is ProofKind.third_party and not body.url:
            raise Invalid("A third-party validation needs its URL.", "url")
    values["kind"] = kind.value
    values["cited_evidence_id"] = values["evidence_id"]
    return values


def _proof_text(point: ProofPoint) -> str:
    if point.kind in (ProofKind.evidence.value, ProofKind.win_loss.value):
        return f"{point.kind} #{point.cited_evidence_id}"
    if point.kind == ProofKind.metric.value:
        return f"metric {point.metric} ({point.source or 'no source'})"
    return f"{point.source or 'third party'} {point.url}"


def add_proof_point(scope: Scope, pillar_id: int, body: ProofPointIn) -> ProofPoint:
    scope.require(Action.update)
    pillar: Pillar = _owned(scope, Pillar, pillar_id, "pillar")
    point = ProofPoint(workspace_id=scope.workspace_id, pillar_id=pillar.id,
                       **_checked_proof(scope, body))
    scope.session.add(point)
    scope.session.flush()
    house = scope.session.get(MessagingHouse, pillar.house_id)
    assert house is not None
    _record(scope, house, "updated", {f"proof point under '{pillar.title}'"[:64]: [
        None, f"{point.claim[:300]} [{_proof_text(point)}]"]})
    return point


def update_proof_point(scope: Scope, point_id: int, body: ProofPointIn,
                       expected: int | None = None) -> ProofPoint:
    """Change a proof point; `expected` is the version the writer read (If-Match)."""
    scope.require(Action.update)
    point: ProofPoint = _owned(scope, ProofPoint, point_id, "proof point")
    require_version(point, expected, "proof point")
    before = f"{point.claim[:300]} [{_proof_text(point)}]"
    for name, value in _checked_proof(scope, body).items():
        setattr(point, name, value)
    scope.session.flush()
    after = f"{point.claim[:300]} [{_proof_text(point)}]"
    pillar = scope.session.get(Pillar, point.pillar_id)
    assert pillar is not None
    house = scope.session.get(MessagingHouse, pillar.house_id)
    assert house is not None
    if before != after:
        _record(scope, house, "updated", {"proof point": [before, after]})
    return point


def delete_proof_point(scope: Scope, point_id: int, expected: int | None = None) -> None:
    """Remove a proof point; `expected` is the version the remover saw."""
    scope.require(Action.update)
    point: ProofPoint = _owned(scope, ProofPoint, point_id, "proof point")
    require_version(point, expected, "proof point")
    pillar = scope.session.get(Pillar, point.pillar_id)
    assert pillar is not None
    house = scope.session.get(MessagingHouse, pillar.house_id)
    assert house is not None
    _record(scope, house, "updated", {"proof point": [point.claim[:300], None]})
    scope.session.delete(point)
    scope.session.flush()


# --- the per-persona matrix ---------------------------------------------------------------------

def add_matrix_row(scope: Scope, house_id: int, body: MatrixRowIn) -> MatrixRow:
    """A persona's pain, key message, proof and call to action; a second row for the same
    persona must name a segment (the message differs there)."""
    scope.require(Action.update)
    house: MessagingHouse = _owned(scope, MessagingHouse, house_id, "messaging house")
    persona = _check_row(scope, house, body, None)
    row = MatrixRow(workspace_id=scope.workspace_id, house_id=house.id, **body.model_dump())
    scope.session.add(row)
    scope.session.flush()
    _record(scope, house, "updated", {f"matrix: {persona.name}"[:64]: [
        None, body.key_message[:300]]})
    return row


def _check_row(scope: Scope, house: MessagingHouse, body: MatrixRowIn,
               current: int | None) -> Persona:
    persona: Persona = _ref(scope, personas, body.persona_id, "persona_id")
    if body.segment_id is not None:
        _ref(scope, segments, body.segment_id, "segment_id")
    if body.proof_point_id is not None:
        point = scope.session.get(ProofPoint, body.proof_point_id) \
            if 1 <= body.proof_point_id <= MAX_ID else None
        pillar = scope.session.get(Pillar, point.pillar_id) if point else None
        if pillar is None or pillar.house_id != house.id:
            raise Invalid(f"No proof point {body.proof_point_id} in this house.",
                          "proof_point_id")
    clash = select(MatrixRow.id).where(
        MatrixRow.house_id == house.id, MatrixRow.persona_id == body.persona_id,
        MatrixRow.segment_id.is_(None) if body.segment_id is None
        else MatrixRow.segment_id == body.segment_id)
    if current is not None:
        clash = clash.where(MatrixRow.id != current)
    if scope.session.scalar(clash) is not None:
        raise Conflict(f"{persona.name} already has a row for that segment in this house.",
                       "segment_id")
    return persona


def matrix_row(scope: Scope, row_id: int) -> MatrixRow:
    row: MatrixRow = _owned(scope, MatrixRow, row_id, "matrix row")
    return row


def update_matrix_row(scope: Scope, row_id: int, body: MatrixRowIn,
                      expected: int | None = None) -> MatrixRow:
    """Change a row, e.g. to cite the proof point that backs its key message; `expected` is
    the version the writer read (If-Match)."""
    scope.require(Action.update)
    row: MatrixRow = _owned(scope, MatrixRow, row_id, "matrix row")
    require_version(row, expected, "matrix row")
    house = scope.session.get(MessagingHouse, row.house_id)
    assert house is not None
    persona = _check_row(scope, house, body, row.id)
    changes = {k.replace("_", " "): [getattr(row, k), v] for k, v in body.model_dump().items()
               if getattr(row, k) != v}
    for name, value in body.model_dump().items():
        setattr(row, name, value)
    scope.session.flush()
    if changes:
        _record(scope, house, "updated", {f"matrix {persona.name}: {k}"[:64]: v
                                          for k, v in changes.items()})
    return row


def delete_matrix_row(scope: Scope, row_id: int, expected: int | None = None) -> None:
    """Remove a matrix row; `expected` is the version the remover saw."""
    scope.require(Action.update)
    row: MatrixRow = _owned(scope, MatrixRow, row_id, "matrix row")
    require_version(row, expected, "matrix row")
    house = scope.session.get(MessagingHouse, row.house_id)
    assert house is not None
    _record(scope, house, "updated", {"matrix row": [row.key_message[:300], None]})
    scope.session.delete(row)
    scope.session.flush()


def house_id_of(scope: Scope, part: str, obj_id: int) -> int:
    """The house a pillar, proof point or matrix row (`part`) belongs to."""
    if part == "row":
        row: MatrixRow = _owned(scope, MatrixRow, obj_id, "matrix row")
        return row.house_id
    if part == "point":
        point: ProofPoint = _owned(scope, ProofPoint, obj_id, "proof point")
        obj_id = point.pillar_id
    pillar: Pillar = _owned(scope, Pillar, obj_id, "pillar")
    return pillar.house_id


CANDIDATES = 40


def candidate_evidence(scope: Scope, house: MessagingHouse) -> list[tuple[str, list[Evidence]]]:
    """Evidence worth citing, for the picker: what stands behind the house's release (through
    its opportunities) first, then the most recent win/loss records and other evidence."""
    scope.require(Action.read)
    groups: list[tuple[str, list[Evidence]]] = []
    seen: set[int] = set()
    base = select(Evidence).where(Evidence.workspace_id == scope.workspace_id)
    if house.release_id is not None:
        behind = base.where(Evidence.id.in_(
            select(EvidenceOpportunity.evidence_id).join(
                OpportunityRelease,
                OpportunityRelease.opportunity_id == EvidenceOpportunity.opportunity_id)
            .where(OpportunityRelease.release_id == house.release_id)))
        found = list(scope.session.scalars(
            behind.order_by(Evidence.received_on.desc()).limit(CANDIDATES)).all())
        if found:
            groups.append(("Behind this house's release", found))
            seen.update(e.id for e in found)
    for label, where in (("Win/loss records", Evidence.source == Source.win_loss.value),
                         ("Most recent", Evidence.id.is_not(None))):
        found = [e for e in scope.session.scalars(base.where(where).order_by(
            Evidence.received_on.desc(), Evidence.id.desc()).limit(CANDIDATES)).all()
            if e.id not in seen]
        if found:
            groups.append((label, found))
            seen.update(e.id for e in found)
    return groups
