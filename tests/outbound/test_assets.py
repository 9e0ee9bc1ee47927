"""Generated assets through their service, on both engines: generation, edits that re-run
the audit, approval and the launch gate."""

from __future__ import annotations

import pytest

from tandem.errors import Invalid
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.outbound.assets import service as assets
from tandem.outbound.assets.models import AssetKind
from tandem.outbound.assets.schemas import AssetEdit, AssetGenerate, AssetStatusChange
from tandem.outbound.claims import service as claims
from tandem.outbound.claims.engine import Flag
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.models import HouseStatus, ProofKind
from tandem.outbound.messaging.schemas import HouseCreate, PillarIn, ProofPointIn
from tandem.platform.events.models import Event
from tandem.scope import Scope

from .support import market


def test_generate_edit_approve_and_gate(scope: Scope) -> None:
    m = market(scope)
    evidence.create(scope, EvidenceCreate(text="Lost to Deputy on price", source="win_loss"))
    house = messaging.create(scope, HouseCreate(
        name="Core", product_id=m.product, release_id=m.release, core_message="Rotas that run",
        pillars=[PillarIn(title="Payroll in minutes"), PillarIn(title="Cover found fast")]))
    pillars = [p.pillar.id for p in messaging.view(scope, house.id).pillars]
    quote = messaging.add_proof_point(scope, pillars[0], ProofPointIn(
        claim="Payroll takes ten minutes.", evidence_id=m.quote))
    metric = messaging.add_proof_point(scope, pillars[1], ProofPointIn(
        claim="Cover in twelve minutes.", kind=ProofKind.metric, metric="12 min"))

    with pytest.raises(Invalid) as missing:
        assets.generate(scope, AssetGenerate(kind=AssetKind.battlecard, competitor="Nobody"))
    assert missing.value.field == "competitor"
    card = assets.generate(scope, AssetGenerate(kind=AssetKind.battlecard,
                                                house_id=house.id, competitor="deputy"))
    assert card.title == "Battlecard: Shiftwell vs Deputy" and card.release_id == m.release
    assert "- Win: “Won: payroll export beat Deputy”" in card.body
    assert "- Loss: “Lost to Deputy on price”" in card.body
    assert assets.claim_ids(scope, card.id) == [quote.id, metric.id]

    report = claims.audit(scope)
    flags = {r.claim.text: r.flags for r in report.of(f"asset:{card.id}").results}  # type: ignore[union-attr]
    assert flags == {"Payroll takes ten minutes.": [Flag.single_customer],
                     "Cover in twelve minutes.": [Flag.metric_no_source]}
    assets.set_status(scope, card.id, AssetStatusChange(status=HouseStatus.approved))
    assert card.approved_by == "owner@example.com"
    assert [g.group.key for g in claims.audit(scope).blocking] == [f"asset:{card.id}"]

    edited = card.body.replace("Cover in twelve minutes.", "Cover, fast.")
    assets.edit(scope, card.id, AssetEdit(markdown=edited))
    assert card.version == 2 and assets.claim_ids(scope, card.id) == [quote.id]
    assert claims.audit(scope).blocking == []
    assert [v.number for v in assets.versions(scope, card.id)] == [2, 1]
    verbs = scope.session.query(Event.verb).filter(Event.kind == assets.KIND).all()
    assert [v for (v,) in verbs] == ["created", "updated", "updated"]

    notes = assets.generate(scope, AssetGenerate(kind=AssetKind.release_notes,
                                                 house_id=house.id))
    assert notes.title == "Release notes: Shiftwell Swap Center"
    with pytest.raises(Invalid) as no_release:
        assets.generate(scope, AssetGenerate(kind=AssetKind.release_notes))
    assert no_release.value.field == "release_id"
    html, media = assets.render(notes, "html")
    assert media.startswith("text/html") and b"<h2>What's new</h2>" in html
    pdf, media = assets.render(notes, "pdf")
    assert media == "application/pdf" and pdf.startswith(b"%PDF")
    with pytest.raises(Invalid) as fmt:
        assets.render(notes, "docx")
    assert fmt.value.field == "format"


def _house(scope: Scope) -> tuple[int, int, int]:
    m = market(scope)
    house = messaging.create(scope, HouseCreate(
        name="Core", product_id=m.product, release_id=m.release, core_message="Rotas that run",
        pillars=[PillarIn(title="Payroll in minutes"), PillarIn(title="Cover found fast")]))
    pillar = messaging.view(scope, house.id).pillars[0].pillar.id
    point = messaging.add_proof_point(scope, pillar, ProofPointIn(
        claim="Payroll takes ten minutes.", evidence_id=m.quote))
    return house.id, m.release, point.id


@pytest.mark.parametrize(("kind", "heading"), [
    (AssetKind.changelog, "### Added"), (AssetKind.launch_email, "**Subject:**"),
    (AssetKind.one_pager, "## What Shiftwell does"), (AssetKind.faq, "## What is Shiftwell?"),
    (AssetKind.pitch_outline, "## 3. Our answer")])
def test_every_other_kind_is_written_from_the_house_or_release(
        scope: Scope, kind: AssetKind, heading: str) -> None:
    house, release, point = _house(scope)
    asset = assets.generate(scope, AssetGenerate(kind=kind, house_id=house))
    assert heading in asset.body and asset.kind == kind.value
    if kind in (AssetKind.one_pager, AssetKind.faq, AssetKind.pitch_outline,
                AssetKind.launch_email):
        assert assets.claim_ids(scope, asset.id) == [point]  # its claim is audited
    if kind in (AssetKind.changelog, AssetKind.launch_email):
        assert asset.release_id == release
        alone = assets.generate(scope, AssetGenerate(kind=kind, release_id=release))
        assert "Swap Center" in alone.body
    else:
        with pytest.raises(Invalid) as needs:
            assets.generate(scope, AssetGenerate(kind=kind))
        assert needs.value.field == "house_id"


def test_compare_versions(scope: Scope) -> None:
    house, _, _ = _house(scope)
    page = assets.generate(scope, AssetGenerate(kind=AssetKind.one_pager, house_id=house))
    first = page.body
    assets.edit(scope, page.id, AssetEdit(markdown=first.replace("Rotas that run",
                                                                 "Rotas that run themselves")))
    old, new, lines = assets.compare(scope, page.id)
    assert (old.number, new.number) == (1, 2)
    assert [(x.change, x.text) for x in lines if x.change != "same"] == [
        ("removed", "**Rotas that run**"), ("added", "**Rotas that run themselves**")]
    with pytest.raises(Invalid) as missing:
        assets.compare(scope, page.id, 1, 9)
    assert missing.value.field == "right"


def test_a_missing_release_is_refused_for_every_kind(scope: Scope) -> None:
    house, _, _ = _house(scope)
    for kind in AssetKind:
        with pytest.raises(Invalid) as missing:
            assets.generate(scope, AssetGenerate(kind=kind, house_id=house,
                                                 competitor="Deputy", release_id=2**31 - 2))
        assert missing.value.field == "release_id", kind
