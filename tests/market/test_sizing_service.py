"""Sizing models on both engines: checked in full before they are kept, changed as one
piece, exported, and every change in the audit log."""

from __future__ import annotations

from typing import Any

import pytest

from tandem.demo.market import CLINICS_TOP_DOWN, RESTAURANTS_BOTTOM_UP
from tandem.errors import Conflict, Invalid
from tandem.market.segment import SegmentCreate, segments
from tandem.market.sizing import service
from tandem.market.sizing.schemas import SizingCreate, SizingUpdate
from tandem.platform.events import service as events
from tandem.scope import Scope


def _body(**extra: Any) -> SizingCreate:
    values: dict[str, Any] = {"name": "Clinics", "method": "top_down",
                              "inputs": CLINICS_TOP_DOWN, "currency": "EUR"}
    values.update(extra)
    return SizingCreate.model_validate(values)


def test_create_change_export_delete(scope: Scope) -> None:
    segment = segments.create(scope, SegmentCreate(name="Clinics"))
    model = service.create(scope, _body(segment_id=segment.id,
                                        tier_names={"sam": "OAM"}))
    figures = service.figures(model)
    assert figures.value("base", "tam") == pytest.approx(3.6e9 * 0.30)
    assert figures.scenarios["base"][1].name == "OAM"
    assert [m.id for m in service.list_models(scope, segment.id)] == [model.id]

    inputs = dict(CLINICS_TOP_DOWN)
    inputs["achievable_share"] = {"low": 2, "base": 3, "high": 5, "note": "new hires"}
    service.update(scope, model.id, SizingUpdate.model_validate({"inputs": inputs}))
    assert service.figures(model).value("base", "som") == pytest.approx(
        3.6e9 * 0.30 * 0.35 * 0.20 * 0.03)

    md = service.export(scope, model, "md")
    assert "for Clinics" in md and "new hires" in md
    assert service.export(scope, model, "csv").startswith("kind,scenario")
    assert service.chart(model, "svg").lstrip().startswith(b"<?xml")
    with pytest.raises(Invalid):
        service.export(scope, model, "pdf")

    service.delete(scope, model.id)
    assert [e.verb for e in events.history(scope, kind=service.KIND).items] == [
        "deleted", "updated", "created"]


def test_bad_input_is_refused_naming_the_field_and_nothing_changes(scope: Scope) -> None:
    model = service.create(scope, _body())
    bad = dict(CLINICS_TOP_DOWN)
    bad["icp_share"] = {"low": 10, "base": 20, "high": 140, "note": ""}
    with pytest.raises(Invalid) as err:
        service.update(scope, model.id, SizingUpdate.model_validate({"inputs": bad}))
    assert err.value.field == "icp_share.high"
    assert service.get(scope, model.id).inputs["icp_share"]["high"] == 25
    with pytest.raises(Invalid) as err:
        service.create(scope, _body(name="Other", method="bottom_up"))
    assert err.value.field in {"industry_total", "accounts"}
    with pytest.raises(Conflict):
        service.create(scope, _body(name="CLINICS"))
    with pytest.raises(Invalid, match="No segment 12345"):
        service.create(scope, _body(name="Other", segment_id=12345))


def test_bottom_up(scope: Scope) -> None:
    model = service.create(scope, _body(name="Restaurants", method="bottom_up",
                                        inputs=RESTAURANTS_BOTTOM_UP))
    assert service.figures(model).value("base", "tam") == pytest.approx(12_000 * 45 * 96)
