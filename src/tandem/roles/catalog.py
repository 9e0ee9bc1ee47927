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
    description: str = ""
    proof: str = ""  # the Tandem objects that show the activity is being done


# What each activity means here, and where Tandem shows it being done (kind names).
ABOUT: dict[str, tuple[str, str]] = {
    "Market problems": ("Find and size the problems customers pay to have solved.",
                        "evidence, opportunities"),
    "Win/loss analysis": ("Ask buyers why they chose us or someone else, and act on it.",
                          "evidence"),
    "Distinctive competencies": ("Know what the company does better than anyone.", ""),
    "Competitive landscape": ("Track the alternatives buyers weigh against us.",
                              "competitors"),
    "Asset assessment": ("Take stock of what can be reused: code, brand, channels.", ""),
    "Market definition": ("Decide which markets and segments to serve.", "segments"),
    "Distribution strategy": ("Choose how the product reaches buyers.", ""),
    "Product portfolio": ("Keep the set of products coherent.", "products"),
    "Product roadmap": ("Plan what ships when, and why.", "releases"),
    "Business plan": ("Make the case that the product is worth building.", ""),
    "Pricing": ("Set prices and packages that buyers accept and that pay.", ""),
    "Buy, build or partner": ("Decide how each capability is obtained.", ""),
    "Product profitability": ("Watch that the product makes money.", ""),
    "Innovation": ("Look past the next release for new value.", ""),
    "Positioning": ("Say who the product is for and why it beats the alternatives.",
                    "messages"),
    "Buyer experience": ("Shape how buyers learn about, try and buy the product.", ""),
    "Buyer personas": ("Describe who decides and pays.", "personas"),
    "User personas": ("Describe who uses the product day to day.", "personas"),
    "Requirements": ("Turn market problems into what development builds.", "opportunities"),
    "Use scenarios": ("Show how people will use the product in their work.", ""),
    "Stakeholder communications": ("Keep the company informed about the product.", ""),
    "Marketing plan": ("Choose the programs that reach the market and their budget.", ""),
    "Revenue growth": ("Programs that win new customers.", ""),
    "Revenue retention": ("Programs that keep and grow existing customers.", ""),
    "Launch": ("Bring a release to market on time, with the right weight.", "launches"),
    "Awareness": ("Make the right buyers know the product exists.", ""),
    "Nurturing": ("Move interested buyers towards a decision.", ""),
    "Advocacy": ("Turn happy customers into references and voices.", ""),
    "Measurement": ("Check which programs work.", ""),
    "Sales alignment": ("Agree with sales on who to sell to and how.", ""),
    "Content": ("Write what buyers and sellers read.", "messages"),
    "Sales tools": ("Equip sellers: battlecards, decks, demo scripts.", "messages"),
    "Channel training": ("Teach partners and sellers the product and its story.", ""),
    "Presentations and demos": ("Show the product to prospects and analysts.", ""),
    "Special calls": ("Join sales calls where product knowledge decides.", ""),
    "Event support": ("Staff events and trade shows.", ""),
    "Channel support": ("Answer partners' product questions.", ""),
    "Product vision and strategy": ("Say where the product is going and what it is not.", ""),
    "Product discovery": ("Test ideas with customers before building them.", "evidence"),
    "Development hand-off": ("Hand development what to build, clearly and on time.",
                             "opportunities, releases"),
    "Lifecycle management": ("Run the product through growth, maturity and retirement.",
                             "products"),
    "Go-to-market strategy": ("Plan how the product is taken to market.", "launches"),
    "Lead generation": ("Bring in new prospects for sales.", ""),
    "Campaigns": ("Run time-boxed programs with a goal.", ""),
    "Collateral": ("Produce brochures, sheets and pages.", "messages"),
    "Segmentation": ("Split the market into groups worth serving differently.", "segments"),
    "Market sizing (TAM/SAM/SOM)": ("Estimate how big each market is and what we can win.",
                                    "segments"),
    "Value proposition": ("State the value each segment gets.", "messages"),
}


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

CATALOG = tuple(Activity(a.name, a.column, a.direction, *ABOUT.get(a.name, ("", "")))
                for a in CATALOG)
COLUMNS = ("Market", "Focus", "Business", "Planning", "Programs", "Enablement", "Support")
BY_NAME: dict[str, Activity] = {a.name.lower(): a for a in CATALOG}

