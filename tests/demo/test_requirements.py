"""The demo's draft PRD: every citation is found in the demo's evidence."""

from __future__ import annotations

from tandem.demo.loader import DEMO_SLUG, ensure_demo
from tandem.inbound.requirements import export, service
from tandem.inbound.requirements.engine import Status
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime


def test_demo_has_a_draft_prd_with_valid_citations(sqlite_runtime: Runtime) -> None:
    assert ensure_demo(sqlite_runtime)
    with sqlite_runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
        [(req, opp_title)] = service.all_requirements(scope)
        doc = service.document(scope, req.opportunity_id)
    assert doc.status is Status.draft and doc.missing_citations == 0
    assert opp_title == doc.opportunity_title
    assert [p.name for p in doc.personas] == ["Payroll Priya"]
    assert len(doc.stories) == 2 and all(s.citations for s in doc.stories)
    assert "[^3]:" in export.markdown(doc)
