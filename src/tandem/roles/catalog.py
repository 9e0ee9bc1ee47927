"""The activity catalog: product activities from inbound (PM) to outbound (PMM, marcom).

Built on the seven-column activity map (market, focus, business, planning, programs,
enablement, support) plus the activities the source texts name for startups. Names and
descriptions are Tandem's own. See docs/architecture.md for the sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    inbound = "inbound"
    outbound = "outbound"
    shared = "shared"


@dataclass(frozen=True)
class Activity:
    name: str
    column: str
    direction: Direction


_I, _O, _S = Direction.inbound, Direction.outbound, Direction.shared

CATALOG: tuple[Activity, ...] = (
    Activity("Market problems", "Market", _I),
    Activity("Win/loss analysis", "Market", _I),
    Activity("Distinctive competencies", "Market", _I),
    Activity("Competitive landscape", "Market", _S),
    Activity("Asset assessment", "Market", _I),
    Activity("Market definition", "Focus", _S),
    Activity("Distribution strategy", "Focus", _O),
    Activity("Product portfolio", "Focus", _I),
    Activity("Product roadmap", "Focus", _I),
    Activity("Business plan", "Business", _I),
    Activity("Pricing", "Business", _S),
    Activity("Buy, build or partner", "Business", _I),
    Activity("Product profitability", "Business", _I),
    Activity("Innovation", "Business", _I),
    Activity("Positioning", "Planning", _S),
    Activity("Buyer experience", "Planning", _O),
    Activity("Buyer personas", "Planning", _S),
    Activity("User personas", "Planning", _I),
    Activity("Requirements", "Planning", _I),
    Activity("Use scenarios", "Planning", _I),
    Activity("Stakeholder communications", "Planning", _S),
    Activity("Marketing plan", "Programs", _O),
    Activity("Revenue growth", "Programs", _O),
    Activity("Revenue retention", "Programs", _O),
    Activity("Launch", "Programs", _O),
    Activity("Awareness", "Programs", _O),
    Activity("Nurturing", "Programs", _O),
    Activity("Advocacy", "Programs", _O),
    Activity("Measurement", "Programs", _O),
    Activity("Sales alignment", "Enablement", _O),
    Activity("Content", "Enablement", _O),
    Activity("Sales tools", "Enablement", _O),
    Activity("Channel training", "Enablement", _O),
    Activity("Presentations and demos", "Support", _O),
    Activity("Special calls", "Support", _O),
    Activity("Event support", "Support", _O),
    Activity("Channel support", "Support", _O),
    Activity("Product vision and strategy", "Focus", _I),
    Activity("Product discovery", "Planning", _I),
    Activity("Development hand-off", "Planning", _I),
    Activity("Lifecycle management", "Focus", _I),
    Activity("Go-to-market strategy", "Programs", _S),
    Activity("Lead generation", "Programs", _O),
    Activity("Campaigns", "Programs", _O),
    Activity("Collateral", "Enablement", _O),
    Activity("Segmentation", "Focus", _S),
    Activity("Market sizing (TAM/SAM/SOM)", "Focus", _S),
    Activity("Value proposition", "Planning", _S),
)

BY_NAME: dict[str, Activity] = {a.name.lower(): a for a in CATALOG}


def direction_of(activity: str) -> Direction:
    """Direction of a catalog activity; activities outside the catalog count as shared."""
    found = BY_NAME.get(activity.strip().lower())
    return found.direction if found else Direction.shared
