"""`tandem positioning show|diff`, `tandem messaging house` and `tandem claims audit`, whose
exit code gates a launch."""

from __future__ import annotations

import json

from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.models import HouseStatus, ProofKind
from tandem.outbound.messaging.schemas import HouseCreate, HouseUpdate, PillarIn, ProofPointIn
from tandem.outbound.positioning import service as positioning
from tandem.outbound.positioning.schemas import CanvasCreate, DraftUpdate, VersionCreate
from tandem.platform.actor import LocalAdmin

from .helpers import Cli


def test_positioning_messaging_and_the_audit_gate(acme: Cli) -> None:
    assert "No positioning canvas yet" in acme.ok("positioning", "show").stdout
    assert "No messaging house yet" in acme.ok("messaging", "house").stdout
    acme.ok("product", "add", "name=Shiftwell")
    acme.ok("evidence", "add", "Payroll takes ten minutes now", "--company", "Harbor")
    runtime = acme.runtime()
    with runtime.scope(LocalAdmin(), "acme") as scope:
        canvas = positioning.create(scope, CanvasCreate(product_id=1))
        positioning.update_draft(scope, canvas.id, DraftUpdate.model_validate({
            "attributes": [{"attribute": "Payroll export", "value": "payroll in minutes",
                            "evidence_ids": [1]}],
            "target": "clinic managers", "need": "lose hours on payroll",
            "category": "scheduling app"}))
        positioning.save_version(scope, canvas.id, VersionCreate())
        positioning.update_draft(scope, canvas.id, DraftUpdate(category="rota tool"))
        house = messaging.create(scope, HouseCreate(
            name="Core", product_id=1, core_message="Rotas that run themselves",
            pillars=[PillarIn(title="Payroll in minutes"), PillarIn(title="Cover fast")]))
        pillars = [p.pillar.id for p in messaging.view(scope, house.id).pillars]
        messaging.add_proof_point(scope, pillars[0], ProofPointIn(claim="Ten minutes",
                                                                  evidence_id=1))
        messaging.update(scope, house.id, HouseUpdate(status=HouseStatus.approved))
        house_id = house.id
    shown = acme.ok("positioning", "show").stdout
    assert "Shiftwell is a scheduling app that payroll in minutes" in shown
    assert "Version 1 (current)" in shown
    diff = json.loads(acme.ok("positioning", "diff", "1", "--from", "1", "--json").stdout)
    assert [r["field"] for r in diff if r["changed"]] == ["category"]
    assert "Market category" in acme.ok("positioning", "diff", "1", "--from", "1").stdout
    house_out = acme.ok("messaging", "house", str(house_id)).stdout
    assert "Rotas that run themselves" in house_out and "(no proof points)" in house_out

    failed = acme("claims", "audit")
    assert failed.exit_code == 1
    assert "Approved with unsupported claims: Core" in failed.stderr
    report = acme("claims", "audit", "--json")
    assert report.exit_code == 1 and json.loads(report.stdout)["blocking"] == ["Core"]

    with runtime.scope(LocalAdmin(), "acme") as scope:
        messaging.add_proof_point(scope, pillars[1], ProofPointIn(
            claim="Cover in minutes", kind=ProofKind.metric, metric="12 min",
            source="2026 survey"))
    runtime.close()
    passed = acme.ok("claims", "audit")
    assert "3 of 3 claims supported (100%)" in passed.stdout
    assert json.loads(acme.ok("claims", "audit", "--json").stdout)["passed"] is True
    assert acme("positioning", "show", "99").exit_code == 1


def test_assets_generate_battlecard(acme: Cli, tmp_path: object) -> None:
    acme.ok("product", "add", "name=Shiftwell")
    acme.ok("competitor", "add", "name=RotaBoard", "strengths=Cheap")
    assert "No assets yet" in acme.ok("assets", "list").stdout
    card = acme.ok("assets", "generate", "battlecard", "--competitor", "rotaboard").stdout
    assert "# Battlecard: Shiftwell vs RotaBoard" in card and "## Why we lose" in card
    missing = acme("assets", "generate", "battlecard", "--competitor", "Nobody")
    assert missing.exit_code == 1 and "No competitor named 'Nobody'" in missing.stderr
    pdf = acme("assets", "generate", "battlecard", "--competitor", "RotaBoard",
               "--format", "pdf")
    assert pdf.exit_code != 0 and "--output FILE.pdf" in pdf.output
    from pathlib import Path

    printed = Path(str(tmp_path)) / "card.pdf"
    acme.ok("assets", "generate", "battlecard", "--competitor", "RotaBoard", "--format", "pdf",
            "--output", str(printed))
    assert printed.read_bytes().startswith(b"%PDF")
    target = Path(str(tmp_path)) / "card.html"
    acme.ok("assets", "generate", "battlecard", "--competitor", "RotaBoard", "--format",
            "html", "--output", str(target))
    assert "<h2>Why we win</h2>" in target.read_text(encoding="utf-8")
    listed = json.loads(acme.ok("assets", "list", "--json").stdout)
    assert [a["version"] for a in listed] == [1, 1, 1] and listed[0]["status"] == "draft"
