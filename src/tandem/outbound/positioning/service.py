"""Positioning canvases: the guided draft, versions (one current), statements and diffs.

Every change records an event on the canvas ("positioning_canvases", canvas id), so its
History shows who changed which step and when; a saved version keeps its author too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tandem.crud import require_version
from tandem.errors import Conflict, Invalid, NotFound, TandemError
from tandem.inbound.evidence.models import Evidence
from tandem.market.competitor import competitors
from tandem.market.product import Product, products
from tandem.market.segment import Segment, segments
from tandem.outbound.positioning import engine
from tandem.outbound.positioning.models import PositioningCanvas, PositioningVersion
from tandem.outbound.positioning.schemas import CanvasCreate, DraftUpdate, VersionCreate
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope

KIND = "positioning_canvases"


@dataclass
class CanvasView:
    canvas: PositioningCanvas
    product: str
    segment: str | None
    versions: list[PositioningVersion]

    @property
    def title(self) -> str:
        return self.product + (f" · {self.segment}" if self.segment else "")

    @property
    def current(self) -> PositioningVersion | None:
        return next((v for v in self.versions if v.number == self.canvas.current_version),
                    None)

    def draft_statements(self) -> tuple[engine.Statements | None, str | None]:
        try:
            return engine.statements(self.canvas.draft, self.product), None
        except TandemError as exc:
            return None, exc.message

    def statements_of(self, version: PositioningVersion) -> engine.Statements | None:
        try:
            return engine.statements(version.content, self.product)
        except TandemError:
            return None


def _title(session: Any, canvas: PositioningCanvas) -> tuple[str, str | None]:
    product = session.get(Product, canvas.product_id)
    segment = session.get(Segment, canvas.segment_id) if canvas.segment_id else None
    return (product.name if product else "?"), (segment.name if segment else None)


def _get(scope: Scope, canvas_id: int) -> PositioningCanvas:
    scope.require(Action.read)
    canvas = scope.session.get(PositioningCanvas, canvas_id) if 1 <= canvas_id <= MAX_ID \
        else None
    if canvas is None or canvas.workspace_id != scope.workspace_id:
        raise NotFound(f"No positioning canvas {canvas_id} in this workspace.")
    return canvas


def view(scope: Scope, canvas_id: int) -> CanvasView:
    canvas = _get(scope, canvas_id)
    product, segment = _title(scope.session, canvas)
    versions = list(scope.session.scalars(
        select(PositioningVersion).where(PositioningVersion.canvas_id == canvas.id)
        .order_by(PositioningVersion.number.desc())).all())
    return CanvasView(canvas, product, segment, versions)


def all_views(scope: Scope) -> list[CanvasView]:
    scope.require(Action.read)
    ids = scope.session.scalars(select(PositioningCanvas.id).where(
        PositioningCanvas.workspace_id == scope.workspace_id)).all()
    found = [view(scope, i) for i in ids]
    return sorted(found, key=lambda v: v.title.lower())


def current_statement(scope: Scope, product_id: int | None) -> str:
    """The long positioning statement of the product's current version ("" when none)."""
    for canvas in all_views(scope):
        if canvas.canvas.product_id != product_id or canvas.current is None:
            continue
        statements = canvas.statements_of(canvas.current)
        if statements is not None:
            return statements.long
    return ""


def create(scope: Scope, body: CanvasCreate) -> PositioningCanvas:
    """A canvas for a product (and segment), its draft seeded with the alternatives every
    team should weigh: doing nothing, spreadsheets, and the competitors on record."""
    scope.require(Action.create)
    _ref(scope, products, body.product_id, "product_id")
    if body.segment_id is not None:
        _ref(scope, segments, body.segment_id, "segment_id")
    clash = select(PositioningCanvas.id).where(
        PositioningCanvas.workspace_id == scope.workspace_id,
        PositioningCanvas.product_id == body.product_id,
        PositioningCanvas.segment_id.is_(None) if body.segment_id is None
        else PositioningCanvas.segment_id == body.segment_id)
    if scope.session.scalar(clash) is not None:
        raise Conflict("That product already has a canvas for this segment: open it instead.",
                       "segment_id")
    draft = engine.empty()
    draft["alternatives"] = [*engine.SUGGESTED_ALTERNATIVES,
                             *(c.name for c in competitors.all(scope))][:engine.MAX_ALTERNATIVES]
    canvas = PositioningCanvas(workspace_id=scope.workspace_id, product_id=body.product_id,
                               segment_id=body.segment_id, draft=draft)
    scope.session.add(canvas)
    scope.session.flush()
    product, segment = _title(scope.session, canvas)
    events.record(scope, "created", KIND, canvas.id, _label(product, segment),
                  {"product": [None, product], **({"segment": [None, segment]}
                                                  if segment else {})})
    return canvas


def _ref(scope: Scope, res: Any, obj_id: int, field: str) -> Any:
    try:
        return res.get(scope, obj_id)
    except NotFound as exc:
        raise Invalid(exc.message, field) from None


def _label(product: str, segment: str | None) -> str:
    return "Positioning: " + product + (f" · {segment}" if segment else "")


def check_evidence(scope: Scope, ids: set[int], field: str) -> None:
    """Every id is evidence of this workspace (another workspace's reads as missing)."""
    if not ids:
        return
    found = set(scope.session.scalars(select(Evidence.id).where(
        Evidence.workspace_id == scope.workspace_id, Evidence.id.in_(ids))).all())
    missing = sorted(ids - found)
    if missing:
        raise Invalid(f"No evidence {', '.join(f'#{i}' for i in missing)} in this "
                      "workspace.", field)


def update_draft(scope: Scope, canvas_id: int, body: DraftUpdate) -> PositioningCanvas:
    """Save one or more steps of the draft; the event lists the fields that changed."""
    scope.require(Action.update)
    canvas = _get(scope, canvas_id)
    sent = body.model_dump(exclude_unset=True, exclude_none=True)
    for i, attribute in enumerate(sent.get("attributes", [])):
        check_evidence(scope, set(attribute["evidence_ids"]), f"attributes.{i}.evidence_ids")
    before = engine.normalised(canvas.draft)
    after = {**before, **sent}
    changes = {row.label: [_short(row.before), _short(row.after)]
               for row in engine.diff(before, after) if row.changed}
    canvas.draft = after
    scope.session.flush()
    if changes:
        product, segment = _title(scope.session, canvas)
        events.record(scope, "updated", KIND, canvas.id, _label(product, segment), changes)
    return canvas


def _short(lines: list[str]) -> str:
    return "; ".join(lines)[:events.VALUE_LENGTH]


def save_version(scope: Scope, canvas_id: int, body: VersionCreate) -> PositioningVersion:
    """Freeze the draft as the next version and make it current. The draft must make a
    statement: an empty step is an error naming it."""
    scope.require(Action.update)
    current = view(scope, canvas_id)
    engine.statements(current.canvas.draft, current.product)
    previous = current.current
    number = (scope.session.scalar(select(func.max(PositioningVersion.number)).where(
        PositioningVersion.canvas_id == canvas_id)) or 0) + 1
    version = PositioningVersion(
        workspace_id=scope.workspace_id, canvas_id=canvas_id, number=number,
        content=engine.normalised(current.canvas.draft), note=body.note,
        author_label=scope.actor.label[:254], author_user_id=scope.user_id)
    scope.session.add(version)
    current.canvas.current_version = number
    try:
        scope.session.flush()
    except IntegrityError:  # someone saved the same version number a moment earlier
        scope.session.rollback()
        raise Conflict(f"Version {number} was just saved by someone else: reload and "
                       "save again.", "number") from None
    changes: dict[str, list[Any]] = {"current version": [previous.number if previous else None,
                                                         number]}
    if body.note:
        changes["note"] = [None, body.note]
    events.record(scope, "version_saved", KIND, canvas_id,
                  _label(current.product, current.segment), changes)
    return version


def make_current(scope: Scope, canvas_id: int, number: int) -> PositioningCanvas:
    """Make an earlier (or later) version the current one, e.g. to roll back."""
    scope.require(Action.update)
    current = view(scope, canvas_id)
    if not any(v.number == number for v in current.versions):
        raise Invalid(f"Canvas {canvas_id} has no version {number}.", "number")
    before = current.canvas.current_version
    if before != number:
        current.canvas.current_version = number
        scope.session.flush()
        events.record(scope, "updated", KIND, canvas_id,
                      _label(current.product, current.segment),
                      {"current version": [before, number]})
    return current.canvas


def restore_draft(scope: Scope, canvas_id: int, number: int) -> PositioningCanvas:
    """Start the draft again from a saved version."""
    current = view(scope, canvas_id)
    version = next((v for v in current.versions if v.number == number), None)
    if version is None:
        raise Invalid(f"Canvas {canvas_id} has no version {number}.", "number")
    return update_draft(scope, canvas_id, DraftUpdate.model_validate(
        engine.normalised(version.content)))


def compare(scope: Scope, canvas_id: int, left: int | None, right: int | None
            ) -> list[engine.DiffRow]:
    """Side by side: version `left` against version `right` (None = the draft)."""
    current = view(scope, canvas_id)

    def content(number: int | None, field: str) -> dict[str, Any]:
        if number is None:
            return dict(current.canvas.draft)
        found = next((v for v in current.versions if v.number == number), None)
        if found is None:
            raise Invalid(f"Canvas {canvas_id} has no version {number}.", field)
        return dict(found.content)

    return engine.diff(content(left, "left"), content(right, "right"))


def delete(scope: Scope, canvas_id: int, expected: int | None = None) -> None:
    """Delete a canvas and its versions, if it is still at version `expected` (when given)."""
    scope.require(Action.delete)
    canvas = _get(scope, canvas_id)
    require_version(canvas, expected, "positioning canvas")
    product, segment = _title(scope.session, canvas)
    events.record(scope, "deleted", KIND, canvas.id, _label(product, segment),
                  {"product": [product, None]})
    scope.session.delete(canvas)
    scope.session.flush()
