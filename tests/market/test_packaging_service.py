"""Packaging, competitor prices, campaigns and the win/loss PDF on both engines."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.errors import Invalid, NotFound
from tandem.inbound.release import ReleaseCreate, releases
from tandem.loop import links
from tandem.market.competitor import CompetitorCreate, competitors
from tandem.market.competitors import prices
from tandem.market.competitors import service as intel
from tandem.market.competitors.schemas import PriceObserved
from tandem.market.packaging import service
from tandem.market.packaging.schemas import PackagingIn
from tandem.market.persona import PersonaCreate, personas
from tandem.market.product import ProductCreate, products
from tandem.market.profile import service as profile
from tandem.market.segment import SegmentCreate, segments
from tandem.market.winloss import service as winloss
from tandem.market.winloss.schemas import DealCreate
from tandem.outbound.assets import service as assets
from tandem.outbound.assets.schemas import AssetGenerate
from tandem.outbound.campaign import CampaignCreate, campaigns
from tandem.outbound.launch import LaunchCreate, launches
from tandem.platform.events import service as events
from tandem.scope import Scope

PACKAGING = {
    "plans": [
        {"name": "Free", "prices": [{"amount": 0, "currency": "eur"}]},
        {"name": "Team", "description": "Most shops", "prices": [
            {"amount": 8, "currency": "EUR", "period": "monthly", "unit": "per_seat"},
            {"amount": 76.8, "currency": "EUR", "period": "annual", "unit": "per_seat"}]},
        {"name": "Business", "prices": [{"amount": 12, "currency": "EUR",
                                         "unit": "per_seat"}]}],
    "features": [
        {"name": "Rota planner", "cells": {"Free": {}, "Team": {}, "Business": {}}},
        {"name": "Sites", "cells": {"Free": {"state": "limit", "limit": "1 site"},
                                    "Team": {"state": "limit", "limit": "5 sites"},
                                    "Business": {}}},
        {"name": "Payroll export", "cells": {"Business": {"state": "included"}}}],
}


def _product(scope: Scope, name: str = "Shiftwise") -> int:
    return products.create(scope, ProductCreate(name=name)).id


def test_packaging_replaced_as_one_piece(scope: Scope) -> None:
    pid = _product(scope)
    version = products.get(scope, pid).row_version
    found = service.replace(scope, pid, PackagingIn.model_validate(PACKAGING))
    assert [p.plan.name for p in found.plans] == ["Free", "Team", "Business"]
    assert found.plans[0].prices[0].currency == "EUR"  # upper-cased
    assert [f.feature.name for f in found.features] == ["Rota planner", "Sites",
                                                        "Payroll export"]
    sites = found.features[1].cells
    assert (sites["Free"].state.value, sites["Free"].limit) == ("limit", "1 site")
    assert "Free" not in found.features[2].cells
    assert found.product.row_version > version
    assert "| Price | Free | 8 EUR / seat / month | 12 EUR / seat / month |" in \
        found.markdown()

    # Reordered, a plan dropped, a feature renamed: exactly what was sent, nothing else.
    again = {"plans": [PACKAGING["plans"][2], PACKAGING["plans"][1]],
             "features": [{"name": "Rota", "cells": {"team": {}}}]}
    found = service.replace(scope, pid, PackagingIn.model_validate(again))
    assert [p.plan.name for p in found.plans] == ["Business", "Team"]
    assert [len(p.prices) for p in found.plans] == [1, 2]
    assert [(f.feature.name, list(f.cells)) for f in found.features] == [("Rota", ["Team"])]
    history = events.history(scope, kind="products", object_id=pid, limit=5).items
    assert history[0].verb == "packaging_updated"

    with pytest.raises(Invalid) as bad:
        service.replace(scope, pid, PackagingIn.model_validate(
            {"plans": [{"name": "Pro"}], "features": [{"name": "X", "cells": {"Gold": {}}}]}))
    assert bad.value.field == "features[0].cells"
    assert [p.plan.name for p in service.get(scope, pid).plans] == ["Business", "Team"]
    with pytest.raises(NotFound):
        service.get(scope, 99999)
    name, lines = service.plan_lines(scope)
    assert name == "Shiftwise" and lines[1].price.startswith("8 EUR / seat / month")
    assert lines[1].included == "Rota"


def test_competitor_prices_and_timeline(scope: Scope) -> None:
    rival = competitors.create(scope, CompetitorCreate(name="RotaBoard")).id
    seen = {"plan": "Pro", "amount": 10, "currency": "usd", "unit": "per_seat",
            "included": "Up to 50 staff", "source_url": "https://rotaboard.example/pricing",
            "observed_on": "2026-03-01"}
    first = prices.observe(scope, rival, PriceObserved.model_validate(seen))
    prices.observe(scope, rival, PriceObserved.model_validate(
        {"plan": "Enterprise", "observed_on": "2026-03-01"}))
    again = prices.observe(scope, rival, PriceObserved.model_validate(
        {**seen, "plan": "pro", "amount": 12, "observed_on": "2026-05-02"}))
    assert again.id == first.id and again.amount == 12
    assert [(p.plan, prices.label(p)) for p in prices.prices(scope, rival)] == [
        ("Pro", "12 USD / seat / month"), ("Enterprise", "Contact sales")]
    timeline = [(c.happened_on, c.kind, c.summary) for c in intel.timeline(scope, rival)]
    assert timeline[0] == (date(2026, 5, 2), "pricing",
                           "Pro: 10 USD / seat / month → 12 USD / seat / month")
    assert len(timeline) == 3
    prices.observe(scope, rival, PriceObserved.model_validate({**seen, "amount": 12}))
    assert len(intel.timeline(scope, rival)) == 3  # unchanged: no new entry
    with pytest.raises(Invalid) as bad:
        prices.observe(scope, rival, PriceObserved.model_validate(
            {"plan": "Lite", "amount": 5, "observed_on": "2026-05-02"}))
    assert bad.value.field == "currency"
    assert prices.lines(scope, rival)[0] == (
        "Pro", "12 USD / seat / month", "Up to 50 staff",
        "2026-03-01, https://rotaboard.example/pricing")
    prices.remove(scope, rival, first.id)
    with pytest.raises(NotFound):
        prices.remove(scope, rival, first.id)
    assert [p.plan for p in prices.prices(scope, rival)] == ["Enterprise"]


def test_plan_comparison_asset_and_battlecard_pricing(scope: Scope) -> None:
    pid = _product(scope)
    with pytest.raises(Invalid) as empty:
        assets.generate(scope, AssetGenerate.model_validate(
            {"kind": "plan_comparison", "product_id": pid}))
    assert empty.value.field == "product_id" and "no plans yet" in empty.value.message
    service.replace(scope, pid, PackagingIn.model_validate(PACKAGING))
    asset = assets.generate(scope, AssetGenerate.model_validate({"kind": "plan_comparison"}))
    assert asset.product_id == pid and asset.title == "Plan comparison: Shiftwise"
    assert "| Sites | 1 site | 5 sites | ✓ |" in asset.body
    html, media = assets.render(asset, "html")
    assert media.startswith("text/html") and b"<table>" in html
    with pytest.raises(Invalid) as missing:
        assets.generate(scope, AssetGenerate.model_validate(
            {"kind": "plan_comparison", "product_id": 4242}))
    assert missing.value.field == "product_id"

    rival = competitors.create(scope, CompetitorCreate(name="RotaBoard")).id
    prices.observe(scope, rival, PriceObserved.model_validate(
        {"plan": "Pro", "amount": 10, "currency": "USD", "unit": "per_seat",
         "included": "Up to 50 staff", "observed_on": "2026-03-01"}))
    card = assets.generate(scope, AssetGenerate.model_validate(
        {"kind": "battlecard", "competitor": "RotaBoard"}))
    assert "| Entry plan | **Free**: Free; Rota planner, Sites (1 site) | **Pro**: 10 USD " \
           "/ seat / month; Up to 50 staff |" in card.body
    assert "| Plan 2 | **Team**: 8 EUR / seat / month, 76.80 EUR / seat / year; Everything " \
           "in Free, plus Sites (5 sites) |  |" in card.body
    assert "**Business**: 12 EUR / seat / month; Everything in Team, plus Sites, Payroll " \
           "export |" in card.body
    assert "_RotaBoard's prices as seen: Pro seen 2026-03-01._" in card.body
    assert "_fill in_" not in card.body


def test_campaigns_on_segment_and_persona_pages(scope: Scope) -> None:
    release = releases.create(scope, ReleaseCreate(name="Spring")).id
    launch = launches.create(scope, LaunchCreate(name="Spring launch", release_id=release)).id
    segment = segments.create(scope, SegmentCreate(name="Clinics")).id
    persona = personas.create(scope, PersonaCreate(name="Ops lead")).id
    webinar = campaigns.create(scope, CampaignCreate.model_validate({
        "name": "Clinic webinar", "channel": "webinar", "start_on": "2026-04-01",
        "end_on": "2026-04-30", "budget": 1500, "goal": "80 sign-ups"})).id
    email = campaigns.create(scope, CampaignCreate.model_validate({
        "name": "Launch email", "launch_id": launch})).id
    with pytest.raises(Invalid) as backwards:
        campaigns.create(scope, CampaignCreate.model_validate({
            "name": "Backwards", "start_on": "2026-04-02", "end_on": "2026-04-01"}))
    assert backwards.value.field == "end_on"
    with pytest.raises(Invalid) as undated:
        campaigns.create(scope, CampaignCreate.model_validate(
            {"name": "Undated", "status": "running"}))
    assert undated.value.field == "start_on"

    links.link(scope, "segments", segment, "campaigns", webinar)
    links.link(scope, "personas", persona, "campaigns", webinar)
    links.link(scope, "personas", persona, "launches", launch)
    assert [c.name for c in profile.for_segment(scope, segment).campaigns] == \
        ["Clinic webinar"]
    known = profile.for_persona(scope, persona)
    assert {c.id for c in known.campaigns} == {webinar, email}  # by hand, and its launch's
    assert [i.id for i in known.by_hand["campaigns"]] == [webinar]
    campaigns.delete(scope, webinar)
    assert profile.for_segment(scope, segment).campaigns == []


def test_winloss_report_pdf(scope: Scope) -> None:
    winloss.record(scope, DealCreate.model_validate({
        "name": "Harbor", "outcome": "won", "reasons": ["Payroll export"],
        "quote": "Saved us hours", "closed_on": "2026-02-03"}))
    data = winloss.pdf("Acme", winloss.report(scope), "Generated 2026-03-01")
    assert data.startswith(b"%PDF") and len(data) > 2000
