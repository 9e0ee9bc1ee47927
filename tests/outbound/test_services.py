"""Positioning, messaging and the claims audit through their services, on both engines."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tandem.accounts import service as accounts
from tandem.errors import Conflict, Invalid
from tandem.inbound.evidence.service import evidence
from tandem.outbound.claims import service as claims
from tandem.outbound.claims.engine import Flag
from tandem.outbound.claims.schemas import SettingsUpdate
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.schemas import (
    HouseCreate,
    HouseUpdate,
    MatrixRowIn,
    PillarIn,
    ProofPointIn,
)
from tandem.outbound.positioning import service as positioning
from tandem.outbound.positioning.schemas import CanvasCreate, DraftUpdate, VersionCreate
from tandem.platform.events.models import Event
from tandem.runtime import Runtime
from tandem.scope import Scope

from .support import Market, market

STEPS: dict[str, Any] = {
    "target": "operations leads at multi-site clinics",
    "need": "lose hours reconciling rotas with payroll",
    "category": "workforce scheduling platform",
}


def _attributes(*evidence_ids: int) -> list[dict[str, Any]]:
    return [{"attribute": "Payroll-ready timesheets", "value": "cuts payroll to minutes",
             "evidence_ids": list(evidence_ids)}]


def test_canvas_flow_versions_and_diff(scope: Scope) -> None:
    m = market(scope)
    canvas = positioning.create(scope, CanvasCreate(product_id=m.product))
    assert canvas.draft["alternatives"][:2] == ["Do nothing (keep doing it the way they do "
                                                "today)", "Spreadsheets"]
    assert "Deputy" in canvas.draft["alternatives"]
    with pytest.raises(Conflict):
        positioning.create(scope, CanvasCreate(product_id=m.product))
    positioning.create(scope, CanvasCreate(product_id=m.product, segment_id=m.segment))

    with pytest.raises(Invalid) as empty:
        positioning.save_version(scope, canvas.id, VersionCreate())
    assert empty.value.field == "attributes"
    positioning.update_draft(scope, canvas.id, DraftUpdate.model_validate(
        {"attributes": _attributes(m.quote), **STEPS}))
    first = positioning.save_version(scope, canvas.id, VersionCreate(note="first cut"))
    assert first.number == 1 and canvas.current_version == 1
    assert first.author_label == "owner@example.com"

    positioning.update_draft(scope, canvas.id, DraftUpdate(category="rota app"))
    second = positioning.save_version(scope, canvas.id, VersionCreate())
    view = positioning.view(scope, canvas.id)
    assert [v.number for v in view.versions] == [2, 1] and view.current is second
    statements = view.statements_of(second)
    assert statements is not None and "Shiftwell is a rota app that" in statements.long

    rows = {r.field: r for r in positioning.compare(scope, canvas.id, 1, 2)}
    assert rows["category"].before == ["workforce scheduling platform"]
    assert rows["category"].after == ["rota app"]
    assert [r.field for r in rows.values() if r.changed] == ["category"]

    positioning.make_current(scope, canvas.id, 1)
    assert positioning.view(scope, canvas.id).current is first
    with pytest.raises(Invalid):
        positioning.make_current(scope, canvas.id, 9)

    verbs = scope.session.scalars(select(Event.verb).where(
        Event.kind == positioning.KIND, Event.object_id == canvas.id).order_by(Event.id)).all()
    assert verbs == ["created", "updated", "version_saved", "updated", "version_saved",
                     "updated"]


def test_canvas_refuses_evidence_of_another_workspace(runtime: Runtime, scope: Scope) -> None:
    m = market(scope)
    scope.session.commit()
    with runtime.session() as session:
        other_user = accounts.create_user(session, "x@example.com", "correct-horse-1")
        accounts.create_workspace(session, "Other", other_user, "other")
    with runtime.scope(other_user, "other") as other:
        foreign = market(other).quote
    canvas = positioning.create(scope, CanvasCreate(product_id=m.product))
    with pytest.raises(Invalid) as caught:
        positioning.update_draft(scope, canvas.id, DraftUpdate.model_validate(
            {"attributes": _attributes(m.quote, foreign)}))
    assert caught.value.field == "attributes.0.evidence_ids"
    assert f"#{foreign}" in caught.value.message
    house = _house(scope, m)
    pillar = messaging.view(scope, house.id).pillars[0].pillar
    with pytest.raises(Invalid) as cited:
        messaging.add_proof_point(scope, pillar.id, ProofPointIn(claim="x", evidence_id=foreign))
    assert cited.value.field == "evidence_id"


def _house(scope: Scope, m: Market, pillars: int = 3) -> Any:
    return messaging.create(scope, HouseCreate(
        name="Shiftwell core", product_id=m.product, release_id=m.release,
        core_message="Scheduling that pays for itself",
        pillars=[PillarIn(title=f"Pillar {n}") for n in range(1, pillars + 1)]))


def test_house_keeps_two_to_six_pillars(scope: Scope) -> None:
    m = market(scope)
    with pytest.raises(ValueError):
        HouseCreate(name="x", product_id=m.product, core_message="y",
                    pillars=[PillarIn(title="only one")])
    house = _house(scope, m, pillars=2)
    pillars = messaging.view(scope, house.id).pillars
    with pytest.raises(Invalid) as too_few:
        messaging.delete_pillar(scope, pillars[0].pillar.id)
    assert too_few.value.field == "pillars"
    for n in range(3, 7):
        messaging.add_pillar(scope, house.id, PillarIn(title=f"Pillar {n}"))
    with pytest.raises(Invalid):
        messaging.add_pillar(scope, house.id, PillarIn(title="Seventh"))
    messaging.delete_pillar(scope, pillars[0].pillar.id)
    assert len(messaging.view(scope, house.id).pillars) == 5
    with pytest.raises(Conflict):
        _house(scope, m)


def test_proof_points_cite_what_their_kind_needs(scope: Scope) -> None:
    m = market(scope)
    house = _house(scope, m)
    pillar = messaging.view(scope, house.id).pillars[0].pillar.id
    ok = messaging.add_proof_point(scope, pillar, ProofPointIn(
        claim="Payroll in minutes", kind="win_loss", evidence_id=m.win_loss))
    assert ok.cited_evidence_id == m.win_loss
    bad: list[tuple[dict[str, Any], str]] = [
        ({"kind": "evidence"}, "evidence_id"),
        ({"kind": "win_loss", "evidence_id": m.quote}, "evidence_id"),
        ({"kind": "metric"}, "metric"),
        ({"kind": "third_party"}, "url"),
    ]
    for values, field in bad:
        with pytest.raises(Invalid) as caught:
            messaging.add_proof_point(scope, pillar, ProofPointIn.model_validate(
                {"claim": "c", **values}))
        assert caught.value.field == field, values
    with pytest.raises(ValueError):
        ProofPointIn(claim="c", kind="third_party", url="javascript:alert(1)")


def test_matrix_rows_cite_a_proof_point_of_the_same_house(scope: Scope) -> None:
    m = market(scope)
    house = _house(scope, m)
    pillar = messaging.view(scope, house.id).pillars[0].pillar.id
    point = messaging.add_proof_point(scope, pillar, ProofPointIn(
        claim="Payroll in minutes", evidence_id=m.quote))
    row = messaging.add_matrix_row(scope, house.id, MatrixRowIn(
        persona_id=m.persona, pain="Payroll day", key_message="Close payroll in minutes",
        proof_point_id=point.id, call_to_action="Book a demo"))
    assert row.proof_point_id == point.id
    with pytest.raises(Conflict):
        messaging.add_matrix_row(scope, house.id, MatrixRowIn(
            persona_id=m.persona, key_message="again"))
    messaging.add_matrix_row(scope, house.id, MatrixRowIn(
        persona_id=m.persona, segment_id=m.segment, key_message="For clinics"))
    with pytest.raises(Invalid) as caught:
        messaging.add_matrix_row(scope, house.id, MatrixRowIn(
            persona_id=m.persona, key_message="x", proof_point_id=point.id + 999))
    assert caught.value.field == "proof_point_id"


def _flags(report: claims.Report, key: str) -> dict[str, list[Flag]]:
    found = report.of(key)
    assert found is not None
    return {r.claim.ref: r.flags for r in found.results}


def test_audit_flags_and_gate(scope: Scope) -> None:
    m = market(scope)
    house = _house(scope, m, pillars=2)
    pillars = [p.pillar for p in messaging.view(scope, house.id).pillars]
    quote = messaging.add_proof_point(scope, pillars[0].id, ProofPointIn(
        claim="Payroll in minutes", evidence_id=m.quote))
    metric = messaging.add_proof_point(scope, pillars[0].id, ProofPointIn(
        claim="Two hours saved a week", kind="metric", metric="2h/week"))
    messaging.add_matrix_row(scope, house.id, MatrixRowIn(
        persona_id=m.persona, key_message="Close payroll in minutes"))
    report = claims.audit(scope)
    flags = _flags(report, f"house:{house.id}")
    assert flags == {
        "Pillar 'Pillar 1' · proof point 1": [Flag.single_customer],
        "Pillar 'Pillar 1' · proof point 2": [Flag.metric_no_source],
        "Pillar 'Pillar 2'": [Flag.no_proof],
        "Matrix: Ops Olivia": [Flag.no_proof],
    }
    share = report.of(f"house:{house.id}").share  # type: ignore[union-attr]
    assert (share.supported, share.total) == (1, 4)
    assert [(rid, s.total) for rid, _, s in report.releases] == [(m.release, 4)]
    assert report.blocking == []

    messaging.update(scope, house.id, HouseUpdate(status="approved"))
    assert house.approved_by == "owner@example.com" and house.approved_at is not None
    assert [g.group.title for g in claims.audit(scope).blocking] == ["Shiftwell core"]

    messaging.update_proof_point(scope, metric.id, ProofPointIn(
        claim="Two hours saved a week", kind="metric", metric="2h/week",
        source="2026 customer survey"))
    messaging.add_proof_point(scope, pillars[1].id, ProofPointIn(
        claim="Swaps without texting", evidence_id=m.old_quote))
    evidence.delete(scope, m.quote)
    flags = _flags(claims.audit(scope), f"house:{house.id}")
    assert flags["Pillar 'Pillar 1' · proof point 1"] == [Flag.evidence_deleted]
    assert flags["Pillar 'Pillar 2' · proof point 1"] == [Flag.evidence_stale]
    claims.update_settings(scope, SettingsUpdate(evidence_max_age_days=3650))
    assert flags != _flags(claims.audit(scope), f"house:{house.id}")
    assert _flags(claims.audit(scope), f"house:{house.id}")[
        "Pillar 'Pillar 2' · proof point 1"] == [Flag.single_customer]

    messaging.update_proof_point(scope, quote.id, ProofPointIn(
        claim="Payroll in minutes", evidence_id=m.other_quote))
    rows = messaging.view(scope, house.id).matrix
    messaging.delete_matrix_row(scope, rows[0].id)
    messaging.add_matrix_row(scope, house.id, MatrixRowIn(
        persona_id=m.persona, key_message="Close payroll in minutes",
        proof_point_id=quote.id))
    final = claims.audit(scope)
    assert final.blocking == [] and final.overall.unsupported == 0


def test_canvas_claims_are_audited(scope: Scope) -> None:
    m = market(scope)
    canvas = positioning.create(scope, CanvasCreate(product_id=m.product))
    positioning.update_draft(scope, canvas.id, DraftUpdate.model_validate({
        **STEPS, "attributes": [*_attributes(m.quote, m.other_quote),
                                {"attribute": "Swap center", "value": "no more texting",
                                 "evidence_ids": []}]}))
    assert claims.audit(scope).groups == []  # only saved versions are audited
    positioning.save_version(scope, canvas.id, VersionCreate())
    flags = _flags(claims.audit(scope), f"canvas:{canvas.id}")
    assert flags == {"Attribute 1: Payroll-ready timesheets": [],
                     "Attribute 2: Swap center": [Flag.no_proof]}
