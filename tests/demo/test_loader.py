"""The demo workspace loads on both engines and shows a living loop."""

from __future__ import annotations

from datetime import date

from tandem.accounts import service as accounts
from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD, DEMO_SLUG, ensure_demo
from tandem.demo.market import MENTIONS, deal_evidence_count
from tandem.loop import links
from tandem.loop.overview import overview
from tandem.market.competitors import prices
from tandem.market.competitors import service as intel
from tandem.market.packaging import service as packaging
from tandem.market.profile import service as profile
from tandem.outbound.launch import launches
from tandem.registry import RESOURCES
from tandem.runtime import Runtime


def test_demo_loads_once_with_a_whole_loop(runtime: Runtime) -> None:
    assert ensure_demo(runtime) is True
    assert ensure_demo(runtime) is False
    with runtime.session() as session:
        user = accounts.authenticate(session, DEMO_EMAIL, DEMO_PASSWORD)
    with runtime.scope(user, DEMO_SLUG) as scope:
        counts = {name: res.count(scope) for name, res in RESOURCES.items()}
        # the market demo adds its own: mentions of competitors, and win/loss deals
        assert counts["evidence"] == 300 + len(MENTIONS) + deal_evidence_count()
        assert (counts["segments"], counts["personas"], counts["competitors"]) == (3, 4, 3)
        assert counts["opportunities"] >= 5 and counts["releases"] >= 3
        launch = launches.all(scope)[0]
        found = links.trace(scope, "launches", launch.id)
        assert {"releases", "opportunities", "evidence"} <= set(found.upstream)
        assert "messages" in found.downstream
        # packaging, competitors' prices and campaigns aimed at segments and personas
        product = RESOURCES["products"].all(scope)[0]
        plans = packaging.get(scope, product.id).plans
        assert [p.plan.name for p in plans] == ["Starter", "Team", "Business"]
        rota = next(c for c in RESOURCES["competitors"].all(scope) if c.name == "RotaBoard")
        assert [p.plan for p in prices.prices(scope, rota.id)] == ["Free", "Plus"]
        assert any("29 EUR / month → 35 EUR / month" in c.summary
                   for c in intel.timeline(scope, rota.id))
        assert counts["campaigns"] == 2
        clinics = next(s for s in RESOURCES["segments"].all(scope)
                       if s.name == "Multi-site clinics")
        # its own webinar, and the launch emails of the launch it is linked to
        assert [c.channel for c in profile.for_segment(scope, clinics.id).campaigns] == \
            ["email", "webinar"]
        view = overview(scope, date(2026, 11, 25))
        sides = {a.side for a in view.attention}
        assert {"inbound", "outbound", "roles"} <= sides
        assert any("has no launch plan" in a.message for a in view.attention)
