"""The one manifest: every feature, in the order faces list them.

The app mounts each feature's API and web routers from here, the web builds its navigation
from here, the CLI registers each feature's commands from here, the worker finds job kinds
and event subscribers here, and the registry of record kinds is derived from here. Nothing
else lists features by hand.
"""

from __future__ import annotations

from tandem.accounts.feature import feature as accounts
from tandem.inbound.bulk.feature import feature as bulk
from tandem.inbound.customers.feature import feature as customers
from tandem.inbound.duplicates.feature import feature as duplicates
from tandem.inbound.embeddings.feature import feature as embeddings
from tandem.inbound.evidence.feature import feature as evidence
from tandem.inbound.feature import feature as inbound_records
from tandem.inbound.requirements.feature import feature as requirements
from tandem.inbound.roadmap.feature import feature as roadmap
from tandem.inbound.scoring.feature import feature as scoring
from tandem.inbound.search.feature import feature as evidence_search
from tandem.inbound.strategy.feature import feature as strategy
from tandem.inbound.suggestions.feature import feature as suggestions
from tandem.inbound.themes.feature import feature as themes
from tandem.loop.feature import feature as loop
from tandem.market.competitors.feature import feature as competitor_intel
from tandem.market.feature import feature as market
from tandem.market.packaging.feature import feature as packaging
from tandem.market.pricing.feature import feature as pricing
from tandem.market.profile.feature import feature as market_profile
from tandem.market.sizing.feature import feature as sizing
from tandem.market.winloss.feature import feature as winloss
from tandem.outbound.assets.feature import feature as assets
from tandem.outbound.checklists.feature import feature as checklists
from tandem.outbound.claims.feature import feature as claims
from tandem.outbound.feature import feature as outbound_records
from tandem.outbound.messaging.feature import feature as messaging
from tandem.outbound.positioning.feature import feature as positioning
from tandem.platform.events.feature import feature as audit
from tandem.platform.feature import Feature, Kind, NavEntry
from tandem.platform.jobs.feature import feature as jobs
from tandem.platform.jobs.kind import JobKind, Periodic
from tandem.roles.feature import feature as roles
from tandem.roles.health.feature import feature as health
from tandem.roles.phases.feature import feature as phases
from tandem.roles.workshop.feature import feature as workshop

FEATURES: tuple[Feature, ...] = (
    accounts,
    evidence,
    customers,
    inbound_records,
    roadmap,
    strategy,
    scoring,
    suggestions,
    requirements,
    outbound_records,
    checklists,
    roles,
    workshop,
    phases,
    health,
    market,
    packaging,
    pricing,
    sizing,
    competitor_intel,
    market_profile,
    winloss,
    loop,
    audit,
    jobs,
    positioning,
    messaging,
    assets,
    claims,
    evidence_search,
    duplicates,
    themes,
    embeddings,
    bulk,
)

NAV_GROUPS = ("Inbound", "Outbound", "Market", "Workspace")


def kinds() -> list[Kind]:
    return [kind for feature in FEATURES for kind in feature.kinds]


def job_kinds() -> dict[str, JobKind]:
    """Every job kind by name; a name declared twice is a programming error."""
    found: dict[str, JobKind] = {}
    for feature in FEATURES:
        for job in feature.jobs:
            if job.name in found:
                raise RuntimeError(f"Job kind {job.name!r} is declared twice.")
            found[job.name] = job
    return found


def periodic_jobs() -> list[Periodic]:
    return [p for feature in FEATURES for p in feature.periodic]


def nav() -> list[tuple[str, list[NavEntry]]]:
    """The sidebar: each group's entries in order; groups in NAV_GROUPS order."""
    groups: dict[str, list[NavEntry]] = {name: [] for name in NAV_GROUPS}
    for feature in FEATURES:
        for entry in feature.nav:
            groups.setdefault(entry.group, []).append(entry)
    return [(name, sorted(entries, key=lambda e: e.order))
            for name, entries in groups.items() if entries]
