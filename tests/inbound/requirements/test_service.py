"""Requirements on both engines: citations checked on save and resolved on read, the status
flow with who approved, the hand-off, personas, and exports."""

from __future__ import annotations

from typing import Any

import pytest

from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.requirements import export, service
from tandem.inbound.requirements.engine import CitationState, Status
from tandem.inbound.requirements.schemas import HandoffBody, RequirementBody
from tandem.market.persona import PersonaCreate, personas
from tandem.scope import Scope
from tests.inbound.support import add

QUOTE = "copy the rota into payroll by hand"


def _body(evidence_id: int, **extra: Any) -> RequirementBody:
    return RequirementBody.model_validate({
        "title": "Payroll sync", "problem": "Managers retype the rota.",
        "problem_citations": [{"evidence_id": evidence_id, "quote": QUOTE}],
        "stories": [{"as_a": "a manager", "i_want": "the rota sent to payroll",
                     "so_that": "I stop retyping", "acceptance": ["Sends nightly"],
                     "citations": [{"evidence_id": evidence_id, "quote": "TWO hours"}]}],
        "non_goals": ["Timesheets"], "metrics": [{"name": "Hours saved", "target": "2/week"}],
        **extra})


def _setup(scope: Scope) -> tuple[int, int]:
    opp = opportunities.create(scope, OpportunityCreate(title="Payroll sync")).id
    item = add(scope, f"Every Friday I {QUOTE}; it takes two hours.",
               customer_company="Harbor Cafe", embed=False)
    return opp, item.id


def test_save_checks_citations_and_personas(scope: Scope) -> None:
    opp, item = _setup(scope)
    with pytest.raises(NotFound):
        service.document(scope, opp)
    with pytest.raises(Invalid) as bad:
        service.save(scope, opp, _body(item, problem_citations=[
            {"evidence_id": item, "quote": "three hours"}]))
    assert bad.value.field == "problem_citations.0.quote"
    with pytest.raises(Invalid) as bad:
        service.save(scope, opp, _body(item, stories=[{"i_want": "x", "citations": [
            {"evidence_id": 999, "quote": "x"}]}]))
    assert bad.value.field == "stories.0.citations.0.evidence_id"
    with pytest.raises(Invalid) as bad:
        service.save(scope, opp, _body(item, persona_ids=[999]))
    assert bad.value.field == "persona_ids"
    persona = personas.create(scope, PersonaCreate(name="Store manager"))
    service.save(scope, opp, _body(item, persona_ids=[persona.id, persona.id]))
    doc = service.document(scope, opp)
    assert doc.status is Status.draft and doc.missing_citations == 0
    assert [p.name for p in doc.personas] == ["Store manager"]
    assert doc.problem_citations[0].customer == "Harbor Cafe"
    assert doc.stories[0].acceptance == ["Sends nightly"]


def test_deleted_evidence_shows_as_missing_and_exports_still_work(scope: Scope) -> None:
    opp, item = _setup(scope)
    service.save(scope, opp, _body(item))
    evidence.delete(scope, item)
    doc = service.document(scope, opp)
    assert doc.missing_citations == 2
    assert doc.stories[0].citations[0].state is CitationState.missing
    md = export.markdown(doc)
    assert "[^1]" in md and "[^2]:" in md and "deleted; the citation is missing" in md
    html = export.html(doc)
    assert 'id="note-2"' in html and "citation is missing" in html


def test_flow_approval_and_hand_off(scope: Scope, owner: Any) -> None:
    opp, item = _setup(scope)
    service.save(scope, opp, _body(item))
    with pytest.raises(Conflict):
        service.set_status(scope, opp, Status.approved)  # review first
    with pytest.raises(Invalid):
        service.set_status(scope, opp, Status.handed_off)  # only through the hand-off
    service.set_status(scope, opp, Status.in_review)
    service.save(scope, opp, _body(item, title="Payroll sync v2"))  # still editable
    req = service.set_status(scope, opp, Status.approved)
    assert req.approved_by == owner.email and req.approved_at is not None
    with pytest.raises(Conflict):
        service.save(scope, opp, _body(item))  # approved: locked
    with pytest.raises(Invalid) as bad:
        service.hand_off(scope, opp, HandoffBody(what="All stories"))
    assert bad.value.field == "to_name"
    with pytest.raises(Invalid) as bad:
        service.hand_off(scope, opp, HandoffBody(what="All", to_name="Dev",
                                                 tracker_url="javascript:alert(1)"))
    assert bad.value.field == "tracker_url"
    with pytest.raises(Invalid):
        service.hand_off(scope, opp, HandoffBody(what="All", to_user_id=9999))
    done = service.hand_off(scope, opp, HandoffBody(
        what="All stories", to_user_id=owner.id, tracker_url="https://t.example/P-1"))
    assert (done.status, done.handoff_to, done.tracker_url) == (
        "handed_off", owner.name, "https://t.example/P-1")
    assert done.handoff_at is not None and done.handoff_by == owner.email
    with pytest.raises(Conflict):
        service.set_status(scope, opp, Status.draft)  # the end of the flow
    listed = service.all_requirements(scope)
    assert [(r.title, t) for r, t in listed] == [("Payroll sync v2", "Payroll sync")]


def test_reopening_clears_the_approval(scope: Scope) -> None:
    opp, item = _setup(scope)
    service.save(scope, opp, _body(item))
    service.set_status(scope, opp, Status.in_review)
    service.set_status(scope, opp, Status.approved)
    req = service.set_status(scope, opp, Status.draft)
    assert (req.approved_by, req.approved_at) == ("", None)
