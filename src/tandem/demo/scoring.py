"""The demo's scoring: estimates on most opportunities, the standard models, and one custom
formula, so the Prioritise page has a ranking and a chart from the first visit.

Two opportunities are left unestimated on purpose: the page shows what they still need.
"""

from __future__ import annotations

from tandem.inbound.opportunity import opportunities
from tandem.inbound.scoring.schemas import Method, ScoringModelCreate
from tandem.inbound.scoring.service import add_standard_models, scoring_models
from tandem.scope import Scope

# key -> reach, impact, confidence, effort, business value, time criticality, risk, job size
ESTIMATES: dict[str, tuple[int, str, int, float, int, int, int, int]] = {
    "shift-swaps": (4200, "high", 80, 3.0, 13, 8, 5, 5),
    "payroll-export": (2600, "massive", 80, 4.0, 20, 13, 8, 8),
    "overtime-surprises": (1800, "high", 50, 2.0, 8, 13, 3, 3),
    "labour-cost": (900, "medium", 80, 5.0, 8, 3, 5, 8),
    "multi-site-view": (600, "high", 50, 6.0, 5, 2, 3, 13),
    "availability": (3100, "medium", 100, 1.5, 5, 3, 2, 2),
    "break-compliance": (1200, "massive", 50, 2.5, 13, 20, 13, 5),
}

CUSTOM = ScoringModelCreate(
    name="Reach per effort, boosted by demand",
    method=Method.formula,
    formula="reach * impact * confidence / 100 / effort * (1 + importance / 10)",
    description="RICE, nudged up by how many customers say it matters to them.")


def load_scoring(scope: Scope, opp_ids: dict[str, int]) -> None:
    """Estimates on the demo opportunities, then the standard models and a custom one."""
    names = ("reach", "impact", "confidence", "effort", "business_value", "time_criticality",
             "risk_reduction", "job_size")
    for key, values in ESTIMATES.items():
        if key in opp_ids:
            body = opportunities.update_schema.model_validate(dict(zip(names, values,
                                                                       strict=True)))
            opportunities.update(scope, opp_ids[key], body)
    add_standard_models(scope)
    scoring_models.create(scope, CUSTOM)
