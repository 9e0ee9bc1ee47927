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
        assert len(items) == 300 and all(e.company_id in companies for e in items)
        named = [e for e in items if e.customer_contact]
        assert named and all(e.contact_id is not None for e in named)
        with_segment = [e for e in items if companies[e.company_id or 0].segment_id]
        assert 0.75 * len(items) <= len(with_segment) < len(items)
        assert all(e.segment_id == companies[e.company_id or 0].segment_id for e in items)
        assert all(c.arr and c.domain and c.plan for c in companies.values())
        assert {c.stage for c in companies.values()} == {"customer", "trial", "churned"}
        assert {c.revenue_period for c in companies.values()} == {"annual", "monthly"}
        assert all(p.email and p.company_id for p in people)
        assert any(p.persona_id for p in people)
        # Every company and person named by the evidence was already a record (none was
        # made from the free text alone, which would have no domain or email).
        assert len(companies) == len(content._CUSTOMERS)
        summary = customer_summary(scope, [e.id for e in items])
        assert summary.with_company == 300 and summary.arr > 0
        assert len(summary.segments) == 4  # three segments and "No segment"
