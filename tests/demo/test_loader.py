"""The demo workspace loads on both engines and shows a living loop."""

from __future__ import annotations

from datetime import date

from tandem.accounts import service as accounts
from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD, DEMO_SLUG, ensure_demo
from tandem.demo.market import MENTIONS, deal_evidence_count
from tandem.loop import links
from tandem.loop.overview import overview
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
        view = overview(scope, date(2026, 11, 25))
        sides = {a.side for a in view.attention}
        assert {"inbound", "outbound", "roles"} <= sides
        assert any("has no launch plan" in a.message for a in view.attention)
