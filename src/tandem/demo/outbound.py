"""Demo outbound work for Shiftwell: a positioning canvas with two versions, a messaging house
for the Swap Center launch with proof points citing real demo evidence, and a persona matrix.

One metric is left without its source and one matrix row without proof, so the claims audit
has something to flag on a fresh demo. Written by our own code from the demo's own evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from tandem.demo.content import EvidenceSeed
from tandem.market.persona import Persona
from tandem.market.product import Product
from tandem.market.segment import Segment
from tandem.outbound.assets import service as assets
from tandem.outbound.assets.models import AssetKind
from tandem.outbound.assets.schemas import AssetGenerate
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.models import HouseStatus, ProofKind
from tandem.outbound.messaging.schemas import (
    HouseCreate,
    HouseUpdate,
    MatrixRowIn,
    PillarIn,
    ProofPointIn,
)
from tandem.outbound.positioning import service as positioning
from tandem.outbound.positioning.schemas import CanvasCreate, DraftUpdate, VersionCreate
from tandem.scope import Scope


def _cite(items: Sequence[EvidenceSeed], ids: Sequence[int], opportunity: str, n: int,
          source: str | None = None) -> list[int]:
    """The `n` most important pieces of evidence for an opportunity, from different
    companies (so the single-customer rule does not fire on the demo's good claims)."""
    # Most important first, then the newest.
    ranked = sorted(((-(item["importance"] or 0), _newest_first(item["received_on"]), ev_id,
                      item["customer_company"])
                     for item, ev_id in zip(items, ids, strict=True)
                     if item["opportunity"] == opportunity
                     and (source is None or item["source"] == source)))
    chosen: list[int] = []
    companies: set[str] = set()
    for _imp, _day, ev_id, company in ranked:
        if company in companies:
            continue
        chosen.append(ev_id)
        companies.add(company)
        if len(chosen) == n:
            break
    return chosen


def _newest_first(day: str) -> int:
    return -int(day.replace("-", ""))


def load(scope: Scope, items: Sequence[EvidenceSeed], ids: Sequence[int],
         release_ids: dict[str, int]) -> None:
    session = scope.session
    product = session.scalars(select(Product).where(
        Product.workspace_id == scope.workspace_id)).one()
    swaps = _cite(items, ids, "shift-swaps", 3)
    payroll = _cite(items, ids, "payroll-export", 2)
    won = [i for i in (_cite(items, ids, "shift-swaps", 3, source="win_loss")
                       + _cite(items, ids, "payroll-export", 3, source="win_loss"))
           if i not in swaps[:2]][:1]

    canvas = positioning.create(scope, CanvasCreate(product_id=product.id))
    draft: dict[str, Any] = {
        "alternatives": ["Group chats and spreadsheets",
                         "Do nothing (keep doing it the way they do today)",
                         *canvas.draft["alternatives"][2:]],
        "attributes": [
            {"attribute": "Shift swaps staff settle themselves, with one-tap manager approval",
             "value": "ends the weekend group-chat scramble to find cover",
             "evidence_ids": swaps[:2]},
            {"attribute": "Timesheets that land in payroll without re-keying",
             "value": "turns payroll day from hours into minutes", "evidence_ids": payroll},
            {"attribute": "Labour cost against sales, per site, as the week runs",
             "value": "catches overtime before it is paid", "evidence_ids": []},
        ],
        "target": "owners and operations leads of businesses with two to twenty sites",
        "need": "run rotas, swaps and payroll across sites from group chats and spreadsheets",
        "category": "shift scheduling app",
        "trends": "Tighter labour margins, predictive-scheduling laws and staff who expect "
                  "to manage their shifts from their phones.",
    }
    positioning.update_draft(scope, canvas.id, DraftUpdate.model_validate(draft))
    positioning.save_version(scope, canvas.id, VersionCreate(note="First cut from the "
                                                             "win/loss interviews"))
    positioning.update_draft(scope, canvas.id, DraftUpdate(
        category="shift scheduling and labour-cost platform for multi-site teams"))
    positioning.save_version(scope, canvas.id, VersionCreate(
        note="Category widened: buyers compare us with HR suites, not rota apps"))

    house = messaging.create(scope, HouseCreate(
        name="Swap Center launch", product_id=product.id,
        release_id=release_ids.get("swap-center"),
        core_message="Your rota runs itself: cover found in minutes, payroll-ready hours, "
                     "every site in one view.",
        pillars=[PillarIn(title="Cover found in minutes, not group chats",
                          body="Staff swap and pick up shifts themselves; managers approve "
                               "with one tap."),
                 PillarIn(title="Payroll-ready hours",
                          body="Approved timesheets flow to payroll without re-keying."),
                 PillarIn(title="Every site in one view",
                          body="Hours, overtime and labour cost across locations.")]))
    pillars = [p.pillar.id for p in messaging.view(scope, house.id).pillars]
    points = []
    for ev_id in swaps[:2]:
        points.append(messaging.add_proof_point(scope, pillars[0], ProofPointIn(
            claim="Managers stop chasing cover over text at the weekend.", evidence_id=ev_id)))
    for ev_id in won:
        messaging.add_proof_point(scope, pillars[0], ProofPointIn(
            claim="Swaps without group chats won us the deal.", kind=ProofKind.win_loss,
            evidence_id=ev_id))
    for ev_id in payroll[:1]:
        points.append(messaging.add_proof_point(scope, pillars[1], ProofPointIn(
            claim="Payroll prep no longer means re-typing timesheets.", evidence_id=ev_id)))
    messaging.add_proof_point(scope, pillars[1], ProofPointIn(
        claim="Payroll prep drops from three hours to twenty minutes.", kind=ProofKind.metric,
        metric="3 h → 20 min per pay run"))
    messaging.add_proof_point(scope, pillars[2], ProofPointIn(
        claim="Rated easiest scheduling tool for multi-site teams.", kind=ProofKind.third_party,
        source="Independent review site (fictional)",
        url="https://reviews.example.com/shiftwell"))
    messaging.update(scope, house.id, HouseUpdate(status=HouseStatus.in_review))

    personas = {p.name: p for p in session.scalars(select(Persona).where(
        Persona.workspace_id == scope.workspace_id)).all()}
    segments = {s.name: s.id for s in session.scalars(select(Segment).where(
        Segment.workspace_id == scope.workspace_id)).all()}
    rows = [("Operations Olivia", None, "Every Sunday goes on finding cover for Monday.",
             "Staff settle swaps themselves; you approve with one tap.", points[0].id,
             "Book a 20-minute demo"),
            ("Payroll Priya", None, "Re-keying timesheets before every pay run.",
             "Approved hours arrive in payroll ready to run.",
             points[-1].id if len(points) > 2 else None, "See the payroll export"),
            ("Owner-Operator Omar", "Restaurant groups",
             "Overtime shows up on the bill, after it is paid.",
             "See labour cost against sales while the week is still running.", None,
             "Start a free trial")]
    for name, segment, pain, message, point, cta in rows:
        persona = personas.get(name)
        if persona is None:
            continue
        messaging.add_matrix_row(scope, house.id, MatrixRowIn(
            persona_id=persona.id, segment_id=segments.get(segment) if segment else None,
            pain=pain, key_message=message, proof_point_id=point, call_to_action=cta))
    assets.generate(scope, AssetGenerate(kind=AssetKind.battlecard, house_id=house.id,
                                         competitor="RotaBoard"))
    assets.generate(scope, AssetGenerate(kind=AssetKind.release_notes, house_id=house.id))
