"""Market sizing models in a workspace: create, change inputs and tier names, read the
figures of every scenario, export them. Inputs are checked in full before anything is kept:
a negative value or a share above 100 % is refused naming the field."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tandem.crud import require_version
from tandem.errors import Conflict, Invalid, NotFound
from tandem.market.chartkit import FORMATS
from tandem.market.product import Product
from tandem.market.segment import Segment
from tandem.market.sizing import calc, charts, report
from tandem.market.sizing.models import SizingModel
from tandem.market.sizing.schemas import SizingCreate, SizingUpdate
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.scope import Scope

KIND = "sizing_models"
_LOGGED = ("name", "method", "segment_id", "product_id", "currency", "horizon", "assumptions",
           "tier_names", "inputs")


def _snapshot(model: SizingModel) -> dict[str, Any]:
    return {name: getattr(model, name) for name in _LOGGED}


def estimates(raw: dict[str, Any]) -> dict[str, calc.Estimate]:
    return {key: calc.Estimate(float(v["low"]), float(v["base"]), float(v["high"]),
                               str(v.get("note", ""))) for key, v in raw.items()}


def figures(model: SizingModel) -> calc.Sizing:
    return calc.size(calc.Method(model.method), estimates(model.inputs), model.tier_names,
                     model.currency)


def _check(scope: Scope, model: SizingModel, current: int | None) -> None:
    stmt = select(SizingModel.id).where(SizingModel.workspace_id == scope.workspace_id,
                                        func.lower(SizingModel.name) == model.name.lower())
    found = scope.session.scalar(stmt)
    if found is not None and found != current:
        raise Conflict(f"A sizing model named '{model.name}' already exists.", "name")
    for field, label, value, row in (
            ("segment_id", "segment", model.segment_id,
             model.segment_id and scope.session.get(Segment, model.segment_id)),
            ("product_id", "product", model.product_id,
             model.product_id and scope.session.get(Product, model.product_id))):
        if value is not None and (not row or row.workspace_id != scope.workspace_id):
            raise Invalid(f"No {label} {value} in this workspace.", field)
    figures(model)  # every input present and in range, or Invalid naming it


def create(scope: Scope, body: SizingCreate) -> SizingModel:
    scope.require(Action.create)
    values = body.model_dump()
    model = SizingModel(workspace_id=scope.workspace_id, **values)
    _check(scope, model, None)
    scope.session.add(model)
    scope.session.flush()
    events.record(scope, "created", KIND, model.id, model.name,
                  events.created(_snapshot(model)))
    return model


def list_models(scope: Scope, segment_id: int | None = None) -> list[SizingModel]:
    scope.require(Action.read)
    stmt = select(SizingModel).where(SizingModel.workspace_id == scope.workspace_id)
    if segment_id is not None:
        stmt = stmt.where(SizingModel.segment_id == segment_id)
    return list(scope.session.scalars(stmt.order_by(SizingModel.name)).all())


def get(scope: Scope, model_id: int) -> SizingModel:
    scope.require(Action.read)
    model = scope.owned(SizingModel, model_id)
    if model is None:
        raise NotFound(f"No sizing model {model_id} in this workspace.")
    return model


def update(scope: Scope, model_id: int, body: SizingUpdate) -> SizingModel:
    """Change any part; the model as it would be after the change is checked in full."""
    scope.require(Action.update)
    model = get(scope, model_id)
    before = _snapshot(model)
    sent = body.model_dump(exclude_unset=True)
    for field in ("name", "inputs", "currency", "horizon", "assumptions", "tier_names"):
        if field in sent and sent[field] is None:
            raise Invalid(f"{field} cannot be null.", field)
    with scope.session.no_autoflush:
        for field, value in sent.items():
            setattr(model, field, value)
        try:
            _check(scope, model, model.id)
        except Exception:
            for field, value in before.items():
                setattr(model, field, value)
            raise
    scope.session.flush()
    changes = events.diff(before, _snapshot(model))
    if changes:
        events.record(scope, "updated", KIND, model.id, model.name, changes)
    return model


def delete(scope: Scope, model_id: int, expected: int | None = None) -> None:
    """Delete a model; `expected` is the version the deleter saw (a stale one deletes
    nothing)."""
    scope.require(Action.delete)
    model = get(scope, model_id)
    require_version(model, expected, "sizing model")
    events.record(scope, "deleted", KIND, model.id, model.name,
                  events.deleted(_snapshot(model)))
    scope.session.delete(model)
    scope.session.flush()


def about(scope: Scope, model: SizingModel) -> str:
    """'Clinics, Shiftwell': the segment and product the model sizes."""
    names = [row.name for row in (
        model.segment_id and scope.session.get(Segment, model.segment_id),
        model.product_id and scope.session.get(Product, model.product_id)) if row]
    return ", ".join(names)


def export(scope: Scope, model: SizingModel, fmt: str) -> str:
    """The model as Markdown ("md") or CSV ("csv")."""
    scope.require(Action.export)
    method = calc.Method(model.method)
    inputs = estimates(model.inputs)
    result = figures(model)
    if fmt == "md":
        return report.markdown(model.name, method, inputs, result, model.currency,
                               model.horizon, model.assumptions, about(scope, model))
    if fmt == "csv":
        return report.csv_text(method, inputs, result, model.currency)
    raise Invalid(f"Exports come as md or csv, not '{fmt[:20]}'.", "format")


def chart(model: SizingModel, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise Invalid(f"Charts come as svg or png, not '{fmt[:20]}'.", "format")
    return charts.sizing_chart(figures(model), fmt, model.currency)
