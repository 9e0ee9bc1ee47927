"""Demo packaging and go-to-market: Shiftwell's plans, its competitors' prices as seen on
their pricing pages (one of them raised lately, so the timeline shows it), and two
campaigns aimed at the demo's segments and personas. Invented, written by our own code."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tandem.scope import Scope

PLANS: list[dict[str, Any]] = [
    {"name": "Starter", "description": "One site getting off paper rotas", "prices": [
        {"amount": 0, "currency": "EUR", "period": "monthly", "unit": "flat"}]},
    {"name": "Team", "description": "Two to five sites", "prices": [
        {"amount": 8, "currency": "EUR", "period": "monthly", "unit": "per_seat"},
        {"amount": 80, "currency": "EUR", "period": "annual", "unit": "per_seat"}]},
    {"name": "Business", "description": "Multi-site groups with payroll", "prices": [
        {"amount": 12, "currency": "EUR", "period": "monthly", "unit": "per_seat"},
        {"amount": 120, "currency": "EUR", "period": "annual", "unit": "per_seat"}]},
]
INC, LIM = "included", "limit"
FEATURES: list[tuple[str, dict[str, tuple[str, str]]]] = [
    ("Drag-and-drop rota", {"Starter": (INC, ""), "Team": (INC, ""), "Business": (INC, "")}),
    ("Locations", {"Starter": (LIM, "1 site"), "Team": (LIM, "up to 5"),
                   "Business": (INC, "")}),
    ("Staff", {"Starter": (LIM, "15 staff"), "Team": (INC, ""), "Business": (INC, "")}),
    ("Mobile time clock", {"Starter": (INC, ""), "Team": (INC, ""), "Business": (INC, "")}),
    ("Shift swaps (Swap Center)", {"Team": (INC, ""), "Business": (INC, "")}),
    ("Labour cost warnings", {"Team": (INC, ""), "Business": (INC, "")}),
    ("Break and rest rules", {"Team": (LIM, "EU defaults"), "Business": (INC, "")}),
    ("Payroll export", {"Team": (LIM, "CSV"), "Business": (LIM, "CSV + 4 payroll tools")}),
    ("Regional managers and permissions", {"Business": (INC, "")}),
    ("Support", {"Starter": (LIM, "help centre"), "Team": (LIM, "chat"),
                 "Business": (LIM, "chat + onboarding call")}),
]

# (competitor, plan, amount, currency, period, unit, included, days ago)
PRICES: list[tuple[str, str, float | None, str, str, str, str, int]] = [
    ("RotaBoard", "Free", 0, "EUR", "monthly", "flat", "One location, up to 15 staff", 40),
    ("RotaBoard", "Plus", 29, "EUR", "monthly", "flat",
     "Per location; unlimited staff, CSV payroll export", 120),
    ("RotaBoard", "Plus", 35, "EUR", "monthly", "flat",
     "Per location; unlimited staff, CSV payroll export", 21),
    ("Punchline HR", "Scheduling add-on", 6, "EUR", "monthly", "per_seat",
     "On top of the HR and payroll suite", 60),
    ("Punchline HR", "HR + Payroll", 14, "EUR", "monthly", "per_seat",
     "HR records, payroll, time clock; scheduling extra", 60),
    ("CrewCast", "Lite", 9, "EUR", "monthly", "per_seat",
     "Multi-site scheduling, no forecasting; annual contract", 30),
    ("CrewCast", "Enterprise", None, "", "annual", "per_seat",
     "Forecasting, labour-law engine; 25-location minimum", 30),
]

CAMPAIGNS: list[dict[str, Any]] = [
    {"name": "Swap Center launch emails", "channel": "email", "status": "done",
     "start": 52, "end": 38, "budget": 800,
     "goal": "60% of active accounts approve a swap within 30 days.",
     "launch": True, "segments": ["Restaurant groups"], "personas": ["Operations Olivia"]},
    {"name": "Clinic managers webinar: rotas without overtime surprises",
     "channel": "webinar", "status": "planned", "start": -20, "end": -20, "budget": 2500,
     "goal": "120 registrations from multi-site clinics, 25 trials.",
     "launch": False, "segments": ["Multi-site clinics"], "personas": ["District Dana"]},
]


def load_packaging(scope: Scope, today: date) -> None:
    """Plans for the demo product, competitors' prices, and the campaigns."""
    from tandem.market.competitor import competitors
    from tandem.market.competitors import prices
    from tandem.market.competitors.schemas import PriceObserved
    from tandem.market.packaging import service as packaging
    from tandem.market.packaging.schemas import PackagingIn
    from tandem.market.product import products

    product = products.all(scope)[0]
    packaging.replace(scope, product.id, PackagingIn.model_validate({
        "plans": PLANS,
        "features": [{"name": name, "cells": {
            plan: {"state": state, "limit": limit} for plan, (state, limit) in cells.items()}}
            for name, cells in FEATURES]}))
    ids = {c.name: c.id for c in competitors.all(scope)}
    for rival, plan, amount, currency, period, unit, included, days_ago in PRICES:
        if rival in ids:
            site = rival.lower().replace(" ", "")
            prices.observe(scope, ids[rival], PriceObserved.model_validate({
                "plan": plan, "amount": amount, "currency": currency, "period": period,
                "unit": unit, "included": included,
                "source_url": f"https://{site}.example/pricing",
                "observed_on": today - timedelta(days=days_ago)}))
    _campaigns(scope, today)


def _campaigns(scope: Scope, today: date) -> None:
    from tandem.loop import links
    from tandem.market.persona import personas
    from tandem.market.segment import segments
    from tandem.outbound.campaign import CampaignCreate, campaigns
    from tandem.outbound.launch import launches

    launch = next(iter(launches.all(scope)), None)
    segment_ids = {s.name: s.id for s in segments.all(scope)}
    persona_ids = {p.name: p.id for p in personas.all(scope)}
    for c in CAMPAIGNS:
        made = campaigns.create(scope, CampaignCreate.model_validate({
            "name": c["name"], "channel": c["channel"], "status": c["status"],
            "start_on": today - timedelta(days=c["start"]),
            "end_on": today - timedelta(days=c["end"]), "budget": c["budget"],
            "goal": c["goal"], "launch_id": launch.id if c["launch"] and launch else None}))
        for name in c["segments"]:
            if name in segment_ids:
                links.link(scope, "segments", segment_ids[name], "campaigns", made.id)
        for name in c["personas"]:
            if name in persona_ids:
                links.link(scope, "personas", persona_ids[name], "campaigns", made.id)
