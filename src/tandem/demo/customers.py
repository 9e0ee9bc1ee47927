"""Demo customers: every company the demo evidence names, with a domain, revenue, plan,
stage and segment, and its named people as contacts with emails, titles and personas.

Created before the evidence, so that each item's free-text company and contact resolve to
these records (tandem.inbound.customers.resolve) and every item has a customer. One company
in nine is left without a segment, as in a real CRM, so most (not all) items have one.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tandem.demo import content, profiles
from tandem.inbound.customers.models import Period, Stage
from tandem.inbound.customers.records import companies, contacts
from tandem.inbound.customers.schemas import CompanyCreate, ContactCreate
from tandem.scope import Scope

# Monthly price per location by segment, in dollars (fictional).
_PRICE_PER_SITE = {"Multi-site clinics": 240, "Restaurant groups": 170,
                   "Independent retail chains": 150}
# Which persona a contact's job title suggests, by words in the title.
_PERSONA_BY_TITLE = (("payroll", "Payroll Priya"), ("district", "District Dana"),
                     ("operations", "Operations Olivia"), ("owner", "Owner-Operator Omar"))
_NO_SEGMENT_EVERY = 9
_CHURNED_EVERY = 13
_TRIAL_EVERY = 7


def _domain(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower().replace("&", "and")) + ".example"


def _plan(sites: int) -> str:
    return "Starter" if sites <= 2 else "Growth" if sites <= 6 else "Scale"


def _stage(index: int) -> Stage:
    if index % _CHURNED_EVERY == _CHURNED_EVERY - 1:
        return Stage.churned
    if index % _TRIAL_EVERY == _TRIAL_EVERY - 1:
        return Stage.trial
    return Stage.customer


def _persona(title: str, segment: str, persona_ids: dict[str, int],
             persona_segments: dict[str, str]) -> int | None:
    lowered = title.lower()
    for word, persona in _PERSONA_BY_TITLE:
        if word in lowered and persona_segments.get(persona) == segment:
            return persona_ids.get(persona)
    return None


def load_customers(scope: Scope, segment_ids: dict[str, int], persona_ids: dict[str, int],
                   seed: int = 7) -> None:
    """The demo's companies and contacts (the evidence generator's people, with the same
    seed, so their names match the evidence)."""
    kinds: dict[str, Any] = content._KINDS
    people = content._build_contacts(random.Random(seed))  # the generator's first draw
    persona_segments = {p["name"]: p["segment"] for p in content.PERSONAS}
    for index, (name, kind, sites) in enumerate(content._CUSTOMERS):
        segment = kinds[kind]["segment"]
        monthly = _PRICE_PER_SITE[segment] * sites
        # Some entered as MRR, most as ARR: both end up as the same annual figure.
        period = Period.monthly if index % 3 == 0 else Period.annual
        company = companies.create(scope, CompanyCreate(
            name=name, domain=_domain(name),
            revenue=monthly if period is Period.monthly else monthly * 12,
            revenue_period=period, plan=_plan(sites), stage=_stage(index),
            **profiles.firmographics(index, kind, segment, sites),
            segment_id=None if index % _NO_SEGMENT_EVERY == 4 else segment_ids[segment]))
        seen: set[str] = set()
        for person, title in people[name]:
            if person in seen:
                continue
            seen.add(person)
            first, last = person.lower().split(" ", 1)
            contacts.create(scope, ContactCreate(
                name=person, email=f"{first}.{last.replace(' ', '')}@{company.domain}",
                title=title, company_id=company.id,
                persona_id=_persona(title, segment, persona_ids, persona_segments)))
