"""The packaging pages (index, comparison, the editable grid), the competitor page's
pricing, campaigns on a segment's page, and the win/loss PDF download."""

from __future__ import annotations

from html import unescape

from tandem.accounts.models import User
from tandem.loop import links
from tandem.market.competitor import CompetitorCreate, competitors
from tandem.market.product import ProductCreate, products
from tandem.market.segment import SegmentCreate, segments
from tandem.outbound.campaign import CampaignCreate, campaigns
from tandem.runtime import Runtime
from tests.web.conftest import Browser, owner_scope


def _grid(version: str) -> dict[str, str]:
    return {"_version": version,
            "p0_name": "Team", "p0_order": "2", "p0_a0": "8", "p0_c0": "eur",
            "p0_per0": "monthly", "p0_u0": "per_seat", "p0_a1": "76.80", "p0_c1": "EUR",
            "p0_per1": "annual", "p0_u1": "per_seat",
            "p1_name": "Free", "p1_order": "1", "p1_a0": "0", "p1_c0": "EUR",
            "p2_name": "", "p2_a0": "",
            "f0_name": "Rota planner", "f0_s0": "included", "f0_s1": "included",
            "f1_name": "Sites", "f1_s0": "limit", "f1_l0": "5 sites", "f1_s1": "limit",
            "f1_l1": "1 site",
            "f2_name": "Payroll export", "f2_s0": "included", "f2_s1": "not_included",
            "f3_name": ""}


def test_packaging_pages(signed_in: Browser, rt: Runtime, user: User) -> None:
    with owner_scope(rt, user) as scope:
        pid = products.create(scope, ProductCreate(name="Shiftwise")).id
    page = f"/w/acme/products/{pid}/packaging"
    first = signed_in.get(page)
    assert first.status_code == 200 and "No plans yet" in first.text
    saved = signed_in.follow(signed_in.post(page, _grid("1")))
    text = unescape(saved.text)
    assert "Saved the packaging." in text
    head = text.split('id="comparison"')[1].split("</thead>")[0]
    assert head.index("Free") < head.index("Team")  # the order boxes sort the plans
    assert "8 EUR / seat / month" in text and "save 20 % yearly" in text
    assert "5 sites" in text and "1 site" in text
    stale = signed_in.post(page, _grid("1"))
    assert stale.status_code == 409 and "changed by someone else" in unescape(stale.text)
    bad = signed_in.post(page, {**_grid("99"), "_version": "", "p0_c0": "EURO"})
    assert bad.status_code == 422
    assert "Plan 'Team', price 1, Currency: it is too long" in unescape(bad.text)
    assert 'value="EURO"' in bad.text  # what was typed is shown again
    limit = signed_in.post(page, {**_grid(""), "f1_l0": ""})
    assert limit.status_code == 422 and "say what the limit is" in unescape(limit.text)
    md = signed_in.get(page + ".md")
    assert "| Sites | 1 site | 5 sites |" in md.text
    index = signed_in.get("/w/acme/packaging")
    assert "Shiftwise" in index.text and "8 EUR / seat / month" in index.text
    assert "Plans and packaging" in signed_in.get(f"/w/acme/products/{pid}").text
    asset = signed_in.follow(signed_in.post("/w/acme/assets", {
        "kind": "plan_comparison", "product_id": str(pid)}))
    assert "Plan comparison: Shiftwise" in asset.text
    assert "Plan comparison: Shiftwise v1" in signed_in.get(page).text


def test_competitor_pricing_campaigns_and_winloss_pdf(signed_in: Browser, rt: Runtime,
                                                      user: User) -> None:
    with owner_scope(rt, user) as scope:
        rival = competitors.create(scope, CompetitorCreate(name="RotaBoard")).id
        segment = segments.create(scope, SegmentCreate(name="Clinics")).id
        webinar = campaigns.create(scope, CampaignCreate.model_validate(
            {"name": "Clinic webinar", "channel": "webinar"})).id
        links.link(scope, "segments", segment, "campaigns", webinar)
    page = f"/w/acme/competitors/{rival}"
    assert "No prices recorded" in signed_in.get(page).text
    done = signed_in.follow(signed_in.post(page + "/prices", {
        "plan": "Pro", "amount": "10", "currency": "usd", "period": "monthly",
        "unit": "per_seat", "included": "Up to 50 staff",
        "source_url": "https://example.com/pricing", "observed_on": "2026-03-01"}))
    text = unescape(done.text)
    assert "Recorded Pro at 10 USD / seat / month" in text
    assert "Up to 50 staff" in text and 'href="https://example.com/pricing"' in text
    assert "Price seen: Pro, 10 USD / seat / month" in text  # in the timeline
    bad = signed_in.follow(signed_in.post(page + "/prices", {
        "plan": "Pro", "amount": "ten", "currency": "USD", "observed_on": "2026-03-01"}))
    assert "flash-error" in bad.text

    shown = signed_in.get(f"/w/acme/segments/{segment}").text
    assert "Campaigns" in shown and "Clinic webinar" in shown
    assert "Clinic webinar" in signed_in.get("/w/acme/campaigns").text
    form = signed_in.get("/w/acme/campaigns/new").text
    assert 'name="budget"' in form and 'name="channel"' in form
    made = signed_in.follow(signed_in.post("/w/acme/campaigns", {
        "name": "Spring ads", "channel": "paid_search", "status": "running",
        "start_on": "2026-03-01", "end_on": "2026-03-31", "budget": "1200.50", "goal": "",
        "launch_id": "", "owner_id": ""}))
    assert "Spring ads" in made.text and "1200.5" in made.text
    backwards = signed_in.post("/w/acme/campaigns", {
        "name": "Backwards", "channel": "email", "status": "planned",
        "start_on": "2026-03-02", "end_on": "2026-03-01"})
    assert backwards.status_code == 422
    assert "cannot end before it starts" in unescape(backwards.text)

    winloss = signed_in.get("/w/acme/winloss").text
    assert "/winloss/report.pdf" in winloss
    pdf = signed_in.get("/w/acme/winloss/report.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert "win-loss.pdf" in pdf.headers["content-disposition"]
