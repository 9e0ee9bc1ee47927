"""The demo's customers: every evidence item has a company, most have a segment, and the
companies carry revenue, plans, stages and contacts."""

from __future__ import annotations

from sqlalchemy import select

from tandem.demo import content
from tandem.demo.loader import DEMO_SLUG, ensure_demo
from tandem.inbound.customers.models import Company, Contact
from tandem.inbound.customers.service import customer_summary
from tandem.inbound.evidence.models import Evidence
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime


def test_every_demo_item_has_a_customer_and_most_a_segment(runtime: Runtime) -> None:
    ensure_demo(runtime)
    with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
        items = list(scope.session.scalars(select(Evidence)))
        companies = {c.id: c for c in scope.session.scalars(select(Company))}
        people = list(scope.session.scalars(select(Contact)))
        assert len(items) >= 300 and all(e.company_id in companies for e in items)
        named = [e for e in items if e.customer_contact]
        assert named and all(e.contact_id is not None for e in named)
        with_segment = [e for e in items if companies[e.company_id or 0].segment_id]
        assert 0.75 * len(items) <= len(with_segment) < len(items)
        assert all(e.segment_id == companies[e.company_id or 0].segment_id for e in items)
        # The customers demo's companies carry ARR, a domain and a plan; the few the market
        # demo's deals and mentions name on their own are created bare, as an import would.
        complete = [c for c in companies.values() if c.arr and c.domain and c.plan]
        assert len(complete) >= 0.75 * len(companies)
        assert {"customer", "trial", "churned"} <= {c.stage for c in complete}
        assert {c.revenue_period for c in companies.values()} == {"annual", "monthly"}
        # The customers demo's contacts have an email and a company; a win/loss interviewee
        # named only by role (market demo) is a contact without one, as an import would make.
        assert sum(1 for p in people if p.email and p.company_id) >= 0.75 * len(people)
        assert any(p.persona_id for p in people)
        # Every company and person named by the evidence was already a record (none was
        # made from the free text alone, which would have no domain or email).
        assert len(companies) >= len(content._CUSTOMERS)  # plus those deals name on their own
        summary = customer_summary(scope, [e.id for e in items])
        assert summary.with_company == len(items) and summary.arr > 0
        assert len(summary.segments) == 4  # three segments and "No segment"
