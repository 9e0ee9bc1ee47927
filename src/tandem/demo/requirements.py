"""The demo's requirements: a draft PRD for the payroll opportunity whose problem and
stories cite the demo's own evidence by quote, ready to review, approve and hand off."""

from __future__ import annotations

import re

from sqlalchemy import select

from tandem.inbound.evidence.models import Evidence
from tandem.inbound.requirements import service
from tandem.inbound.requirements.schemas import RequirementBody
from tandem.loop.models import EvidenceOpportunity
from tandem.scope import Scope

OPPORTUNITY = "payroll-export"
PERSONA = "Payroll Priya"


def _quote(text: str, words: int = 16) -> str:
    """The evidence's first sentence (at most `words` words): in it by construction."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return " ".join(sentence.split()[:words])


def load_requirements(scope: Scope, opp_ids: dict[str, int],
                      persona_ids: dict[str, int]) -> None:
    opp = opp_ids.get(OPPORTUNITY)
    if opp is None:
        return
    cited = list(scope.session.scalars(
        select(Evidence).join(EvidenceOpportunity,
                              EvidenceOpportunity.evidence_id == Evidence.id)
        .where(EvidenceOpportunity.opportunity_id == opp)
        .order_by(EvidenceOpportunity.importance.desc(), Evidence.id).limit(3)))
    cites = [{"evidence_id": e.id, "quote": _quote(e.text)} for e in cited]
    persona = persona_ids.get(PERSONA)
    service.save(scope, opp, RequirementBody.model_validate({
        "title": "Payroll-ready timesheets",
        "problem": ("Managers export hours as spreadsheets and fix them by hand before every "
                    "pay run; missed punches and site-specific pay rules make payroll late "
                    "and wrong."),
        "problem_citations": cites[:1],
        "persona_ids": [persona] if persona else [],
        "stories": [
            {"as_a": "payroll administrator",
             "i_want": "approved timesheets sent to our payroll provider in its own format",
             "so_that": "I stop re-keying hours before every pay run",
             "acceptance": ["Exports match the provider's import template",
                            "Only approved timesheets are included",
                            "A failed export says which rows and why"],
             "citations": cites[1:2]},
            {"as_a": "site manager",
             "i_want": "missed punches flagged before the pay period closes",
             "so_that": "corrections happen before payroll, not after",
             "acceptance": ["Missing clock-outs are listed the day after",
                            "The list clears as they are fixed"],
             "citations": cites[2:3]},
        ],
        "non_goals": ["Running payroll inside Shiftwell", "Tax calculations"],
        "metrics": [{"name": "Manual payroll corrections per pay run", "target": "-70%"},
                    {"name": "Time to prepare payroll", "target": "under 30 minutes"}],
    }))
