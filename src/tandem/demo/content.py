"""Seed content for the demo workspace: Shiftwell, a fictional B2B SaaS startup.

Shiftwell sells shift scheduling, a time clock and labour-cost control to independent
businesses with several locations (clinics, restaurant groups, retail chains). Everything
here is invented: the product, its customers, competitors, payroll tools and people.

The module is pure data plus one deterministic generator, `generate_evidence`, which
assembles realistic customer feedback from hand-written fragments using a seeded
`random.Random`. It uses the standard library only.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Literal, TypedDict

__all__ = [
    "ASSIGNMENTS",
    "COMPETITORS",
    "LAUNCHES",
    "MESSAGES",
    "OPPORTUNITIES",
    "PERSONAS",
    "PRODUCT",
    "RELEASES",
    "SEGMENTS",
    "AssignmentSeed",
    "CompetitorSeed",
    "EvidenceSeed",
    "LaunchSeed",
    "MessageSeed",
    "OpportunitySeed",
    "PersonaSeed",
    "ProductSeed",
    "ReleaseSeed",
    "SegmentSeed",
    "generate_evidence",
]

# --------------------------------------------------------------------------- shapes

_OpportunityStatus = Literal["new", "exploring", "validated", "planned", "parked"]
_Horizon = Literal["now", "next", "later"]
_ReleaseStatus = Literal["planned", "in_progress", "shipped"]
_LaunchStatus = Literal["planning", "ready", "launched"]
_MessageKind = Literal["positioning_statement", "value_proposition", "pillar", "proof_point"]
_Role = Literal["Founder", "PM", "PMM", "Marcom", "Sales", "Engineering"]
_Raci = Literal["R", "A", "C", "I"]
_Source = Literal[
    "interview", "support", "sales_call", "survey", "review", "email", "win_loss",
    "community", "other",
]


class ProductSeed(TypedDict):
    name: str
    description: str


class SegmentSeed(TypedDict):
    name: str
    description: str


class PersonaSeed(TypedDict):
    """Goals, pains, jobs and the rest of each profile are in demo/profiles.py."""

    name: str
    title: str
    segment: str
    description: str


class CompetitorSeed(TypedDict):
    name: str
    website: str
    description: str
    strengths: str
    weaknesses: str


class OpportunitySeed(TypedDict):
    key: str
    title: str
    problem: str
    status: _OpportunityStatus


class ReleaseSeed(TypedDict):
    key: str
    name: str
    version: str
    description: str
    horizon: _Horizon
    status: _ReleaseStatus
    target_date: str | None
    shipped_on: str | None
    opportunities: list[str]


class LaunchSeed(TypedDict):
    release: str
    name: str
    tier: int
    status: _LaunchStatus
    launch_date: str
    goals: str


class MessageSeed(TypedDict):
    kind: _MessageKind
    title: str
    body: str
    launch: str | None
    persona: str | None


class AssignmentSeed(TypedDict):
    activity: str
    person: str
    role: _Role
    raci: _Raci


class EvidenceSeed(TypedDict):
    text: str
    source: _Source
    customer_company: str
    customer_contact: str | None
    received_on: str
    tags: list[str]
    opportunity: str | None
    importance: int | None


# --------------------------------------------------------------------------- market

PRODUCT: ProductSeed = {
    "name": "Shiftwell",
    "description": (
        "Shiftwell is shift scheduling, a time clock and labour-cost control for independent "
        "businesses with more than one location: clinic groups, restaurant groups and retail "
        "chains with two to twenty sites. Managers build next week's schedule in minutes, "
        "staff swap and pick up shifts from their phones and clock in where they work, and "
        "owners see hours, overtime and labour cost across every site before payroll runs "
        "instead of after."
    ),
}

SEGMENTS: list[SegmentSeed] = [
    {
        "name": "Multi-site clinics",
        "description": (
            "Dental, physiotherapy, veterinary, eye care and walk-in medical clinics with two "
            "to ten locations and 30 to 200 staff. The appointment book drives staffing, "
            "clinical roles need qualified cover, and a short-staffed morning means cancelled "
            "patients. Usually run by an operations director or practice manager who reports "
            "to the owning clinicians."
        ),
    },
    {
        "name": "Restaurant groups",
        "description": (
            "Independent restaurant, cafe and bakery groups with two to twelve locations. High "
            "turnover, many part-timers and students, labour at 25-35% of sales and schedules "
            "that change every day. Owner-led, with a general manager per site and a small "
            "back office that handles payroll and tips."
        ),
    },
    {
        "name": "Independent retail chains",
        "description": (
            "Specialty retailers (books, hardware, outdoor, pet, home goods, grocery) with "
            "three to twenty stores. Long, seasonal trading hours, staff who float between "
            "nearby stores, and district managers measured on a weekly labour budget set "
            "against sales."
        ),
    },
]

PERSONAS: list[PersonaSeed] = [
    {
        "name": "Operations Olivia",
        "title": "Director of Operations",
        "segment": "Multi-site clinics",
        "description": (
            "Runs operations for a dental or physio group of four to eight clinics. Owns "
            "staffing, the schedule and the labour budget, and is the person everyone calls "
            "when a hygienist is off sick at 7am. Chooses the tools; the partners sign off on "
            "anything over a few hundred dollars a month."
        ),
    },
    {
        "name": "Owner-Operator Omar",
        "title": "Owner and Managing Partner",
        "segment": "Restaurant groups",
        "description": (
            "Co-owns a group of three to six restaurants and still works the pass on busy "
            "nights. Makes buying decisions himself, mostly on his phone, and weighs every "
            "subscription against the hours or dollars it saves."
        ),
    },
    {
        "name": "Payroll Priya",
        "title": "Payroll and Office Manager",
        "segment": "Restaurant groups",
        "description": (
            "The one-person back office of a restaurant group: payroll, onboarding paperwork, "
            "tip-outs and supplier invoices. She doesn't build schedules, but she lives with "
            "every scheduling mistake on payday."
        ),
    },
    {
        "name": "District Dana",
        "title": "District Manager",
        "segment": "Independent retail chains",
        "description": (
            "Looks after six to eight stores for an independent retailer and visits two or "
            "three of them a day. Approves every store's schedule against its weekly labour "
            "budget and moves floaters between stores to cover gaps."
        ),
    },
]

COMPETITORS: list[CompetitorSeed] = [
    {
        "name": "RotaBoard",
        "website": "https://rotaboard.example",
        "description": (
            "Low-cost drag-and-drop scheduling app, popular with single-location cafes and "
            "restaurants. Free up to 15 staff, then a flat fee per location."
        ),
        "strengths": (
            "Very quick to start. Generous free tier. Staff like the mobile app. Strong word of "
            "mouth among restaurant owners."
        ),
        "weaknesses": (
            "Every location is a separate account. Payroll export is a plain CSV. No labour "
            "cost or overtime warnings. Basic permissions and no break rules."
        ),
    },
    {
        "name": "Punchline HR",
        "website": "https://punchlinehr.example",
        "description": (
            "All-in-one HR and payroll suite for small businesses, with scheduling and a time "
            "clock bundled in as add-on modules. Often recommended by accountants."
        ),
        "strengths": (
            "Payroll, HR records and time tracking in one system. Pay and break compliance "
            "built in. Sold through a large network of accounting firms."
        ),
        "weaknesses": (
            "Scheduling is an afterthought and slow to use. Expensive per employee. "
            "Implementation takes weeks. The staff mobile app is poorly rated."
        ),
    },
    {
        "name": "CrewCast",
        "website": "https://crewcast.example",
        "description": (
            "Enterprise workforce management platform for large chains that recently launched "
            "a cheaper 'Lite' plan aimed at mid-sized multi-site businesses."
        ),
        "strengths": (
            "Demand forecasting from sales data. Deep labour-law rules engine. Strong "
            "multi-site reporting. Recognised name with larger chains and franchise groups."
        ),
        "weaknesses": (
            "Full plans need a 25-location minimum and an annual contract. The Lite plan drops "
            "forecasting. Setup usually needs an implementation partner. Priced out of reach "
            "for most independents."
        ),
    },
]

# --------------------------------------------------------------------------- inbound

OPPORTUNITIES: list[OpportunitySeed] = [
    {
        "key": "shift-swaps",
        "title": "Shift swaps and call-outs run through group chats",
        "problem": (
            "When someone can't make a shift, staff arrange swaps and cover in group chats and "
            "text threads that managers only half see. The official schedule drifts away from "
            "reality, managers approve changes by phone at all hours, and no-shows happen when "
            "a swap was agreed but never confirmed."
        ),
        "status": "planned",
    },
    {
        "key": "payroll-export",
        "title": "Timesheets don't flow cleanly into payroll",
        "problem": (
            "Hours are exported as spreadsheets and re-keyed or fixed by hand before every pay "
            "run. Missed punches, edits and different pay rules per site mean payroll prep "
            "takes a day or more, and mistakes surface as underpaid staff and awkward "
            "conversations."
        ),
        "status": "planned",
    },
    {
        "key": "overtime-surprises",
        "title": "Overtime is discovered after it has happened",
        "problem": (
            "Managers learn that someone went into overtime only when timesheets are approved "
            "or payroll runs. Late clock-outs, swaps and people working at two sites push hours "
            "over the limit without anyone noticing, and by then the cost can't be undone."
        ),
        "status": "planned",
    },
    {
        "key": "labour-cost",
        "title": "No live view of labour cost against sales",
        "problem": (
            "Owners set a labour budget as a share of sales but can only check it weeks later "
            "in the P&L. Managers schedule by habit instead of expected demand, so quiet days "
            "are overstaffed and busy ones run short."
        ),
        "status": "validated",
    },
    {
        "key": "multi-site-view",
        "title": "Managing staff across several sites is fragmented",
        "problem": (
            "Each location runs as an island with its own schedule, staff list and login. "
            "Owners can't see coverage across sites at a glance, and lending someone to a "
            "nearby site means double entry and arguments about whose budget pays for the "
            "hours."
        ),
        "status": "validated",
    },
    {
        "key": "availability",
        "title": "Availability and time-off requests get lost",
        "problem": (
            "Staff give their availability and time-off requests in person, by text or on "
            "paper, and schedules get built without them. People are scheduled on days they "
            "asked for off, which causes last-minute changes and resentment."
        ),
        "status": "exploring",
    },
    {
        "key": "break-compliance",
        "title": "Break and rest rules are tracked from memory",
        "problem": (
            "Local rules require meal and rest breaks, minimum rest between shifts and limits "
            "for minors, but managers track them from memory. Missed breaks and close-then-open "
            "shifts are found only in complaints or audits, which exposes the business to "
            "penalties."
        ),
        "status": "exploring",
    },
    {
        "key": "buddy-punching",
        "title": "Clock-ins can be faked or forgotten",
        "problem": (
            "Staff clock in for each other on shared tablets, clock in from the car park, or "
            "forget to clock out. Managers spend time correcting punches and suspect they pay "
            "for hours nobody worked, but have no evidence either way."
        ),
        "status": "new",
    },
    {
        "key": "tip-pooling",
        "title": "Tip pools are calculated by hand",
        "problem": (
            "Restaurants that pool tips split them by role and hours worked in a spreadsheet "
            "built from the timesheet. It is slow, easy to get wrong and sensitive, because "
            "staff check every cent."
        ),
        "status": "parked",
    },
]

RELEASES: list[ReleaseSeed] = [
    {
        "key": "swap-center",
        "name": "Swap Center",
        "version": "2.4",
        "description": (
            "Staff offer, swap and pick up shifts from the mobile app. Shiftwell offers a shift "
            "only to people qualified for it, warns when a swap would cause overtime, and lets "
            "managers approve in one tap. Replaces the group chat for call-outs and cover."
        ),
        "horizon": "now",
        "status": "shipped",
        "target_date": "2026-09-29",
        "shipped_on": "2026-10-06",
        "opportunities": ["shift-swaps"],
    },
    {
        "key": "payroll-sync",
        "name": "Payroll Sync",
        "version": "2.5",
        "description": (
            "Approve and lock timesheets per site, fix missed punches before the pay period "
            "closes, and send hours straight to the payroll provider with per-site pay rules "
            "applied. Starts with the three providers customers use most plus a configurable "
            "CSV."
        ),
        "horizon": "now",
        "status": "in_progress",
        "target_date": "2026-12-15",
        "shipped_on": None,
        "opportunities": ["payroll-export"],
    },
    {
        "key": "labour-guardrails",
        "name": "Labour Guardrails",
        "version": "2.6",
        "description": (
            "Live labour cost and projected overtime on the schedule while it is being built, "
            "a weekly budget per site, and alerts before a shift or swap pushes someone into "
            "overtime."
        ),
        "horizon": "next",
        "status": "planned",
        "target_date": "2027-03-01",
        "shipped_on": None,
        "opportunities": ["overtime-surprises", "labour-cost"],
    },
    {
        "key": "regions",
        "name": "Regions",
        "version": "3.0",
        "description": (
            "Group-level schedules across sites, one staff profile that works at several "
            "locations, area-manager permissions and roll-up reporting for the whole group."
        ),
        "horizon": "later",
        "status": "planned",
        "target_date": None,
        "shipped_on": None,
        "opportunities": ["multi-site-view"],
    },
    {
        "key": "break-rules",
        "name": "Break & Rest Rules",
        "version": "3.1",
        "description": (
            "Meal-break, rest-period and minor-hour rules per location, break punches on the "
            "time clock and a compliance report ready for an audit."
        ),
        "horizon": "later",
        "status": "planned",
        "target_date": None,
        "shipped_on": None,
        "opportunities": ["break-compliance"],
    },
]

# --------------------------------------------------------------------------- outbound

LAUNCHES: list[LaunchSeed] = [
    {
        "release": "swap-center",
        "name": "Swap Center launch",
        "tier": 2,
        "status": "launched",
        "launch_date": "2026-10-07",
        "goals": (
            "60% of active accounts approve at least one swap in Swap Center within 30 days. "
            "Halve the swap-related support tickets. Give sales a clear story against "
            "RotaBoard in restaurant deals. Turn three beta customers into public references."
        ),
    },
    {
        "release": "labour-guardrails",
        "name": "Labour Guardrails launch",
        "tier": 1,
        "status": "planning",
        "launch_date": "2027-03-01",
        "goals": (
            "Reposition Shiftwell from scheduling app to labour-cost control for multi-site "
            "operators: 200 qualified demos in the first month, a win rate against RotaBoard "
            "above 40% in deals over five locations, two analyst briefings."
        ),
    },
]

MESSAGES: list[MessageSeed] = [
    {
        "kind": "positioning_statement",
        "title": "Shiftwell positioning",
        "body": (
            "For owners and operations leads of independent businesses with two to twenty "
            "locations, Shiftwell is the shift scheduling and time clock app that keeps every "
            "site covered and labour costs on budget before payday, unlike single-site "
            "scheduling apps and heavyweight HR suites that only show problems after the money "
            "is spent."
        ),
        "launch": None,
        "persona": None,
    },
    {
        "kind": "value_proposition",
        "title": "Cover every shift without the late-night texts",
        "body": (
            "Staff swap and pick up open shifts from their phones, Shiftwell checks "
            "qualifications and overtime for you, and managers approve in one tap. The schedule "
            "stays true, and nobody has to run a group chat at 11pm."
        ),
        "launch": "swap-center",
        "persona": "Operations Olivia",
    },
    {
        "kind": "pillar",
        "title": "Coverage without chaos",
        "body": (
            "Every change to the schedule happens in one place: swaps, call-outs, open shifts "
            "and cover. Only qualified people are offered a shift, and there is a full history "
            "of who agreed to what."
        ),
        "launch": "swap-center",
        "persona": None,
    },
    {
        "kind": "pillar",
        "title": "Labour cost you can see before payday",
        "body": (
            "Hours, overtime and cost per site are visible while the schedule is being built, "
            "so owners fix problems on Tuesday instead of reading about them in next month's "
            "P&L."
        ),
        "launch": None,
        "persona": "Owner-Operator Omar",
    },
    {
        "kind": "proof_point",
        "title": "Open shifts filled in under two hours",
        "body": (
            "In the Swap Center beta, 18 customers across 64 locations filled 87% of open "
            "shifts within two hours, and managers reported handling about half as many "
            "swap messages as before."
        ),
        "launch": "swap-center",
        "persona": None,
    },
]

ASSIGNMENTS: list[AssignmentSeed] = [
    {"activity": "Market problems", "person": "Daniel Reyes", "role": "PM", "raci": "A"},
    {"activity": "Market problems", "person": "Maya Okafor", "role": "Founder", "raci": "C"},
    {"activity": "Win/loss analysis", "person": "Hannah Lindqvist", "role": "PMM", "raci": "A"},
    {"activity": "Product roadmap", "person": "Maya Okafor", "role": "Founder", "raci": "A"},
    {"activity": "Product roadmap", "person": "Daniel Reyes", "role": "PM", "raci": "R"},
    {"activity": "Requirements", "person": "Daniel Reyes", "role": "PM", "raci": "A"},
    {"activity": "Requirements", "person": "Leo Tanaka", "role": "Engineering", "raci": "C"},
    {"activity": "Pricing", "person": "Maya Okafor", "role": "Founder", "raci": "A"},
    {"activity": "Positioning", "person": "Hannah Lindqvist", "role": "PMM", "raci": "A"},
    {"activity": "Launch", "person": "Hannah Lindqvist", "role": "PMM", "raci": "A"},
    # Nobody is accountable for sales tools: the demo should warn about it.
    {"activity": "Sales tools", "person": "Tom Becker", "role": "Sales", "raci": "R"},
    {"activity": "Sales tools", "person": "Hannah Lindqvist", "role": "PMM", "raci": "C"},
]

# --------------------------------------------------------------------------- evidence data


class _Kind(TypedDict):
    segment: str
    site: str
    sites: str
    workers: list[str]
    manager: str
    customers: str
    systems: list[str]


_KINDS: dict[str, _Kind] = {
    "dental": {
        "segment": "Multi-site clinics", "site": "practice", "sites": "practices",
        "workers": ["hygienist", "dental assistant", "receptionist"],
        "manager": "practice manager", "customers": "patients",
        "systems": ["ChartDesk", "Practiq"],
    },
    "physio": {
        "segment": "Multi-site clinics", "site": "clinic", "sites": "clinics",
        "workers": ["physiotherapist", "front desk coordinator", "clinic assistant"],
        "manager": "clinic manager", "customers": "patients",
        "systems": ["Practiq", "BookWell Clinic"],
    },
    "vet": {
        "segment": "Multi-site clinics", "site": "clinic", "sites": "clinics",
        "workers": ["vet tech", "receptionist", "kennel assistant"],
        "manager": "practice manager", "customers": "clients",
        "systems": ["PawChart", "Practiq"],
    },
    "eyecare": {
        "segment": "Multi-site clinics", "site": "practice", "sites": "practices",
        "workers": ["optician", "optometrist", "front desk coordinator"],
        "manager": "practice manager", "customers": "patients",
        "systems": ["ChartDesk", "LensLedger"],
    },
    "medical": {
        "segment": "Multi-site clinics", "site": "clinic", "sites": "clinics",
        "workers": ["nurse", "medical assistant", "receptionist"],
        "manager": "clinic manager", "customers": "patients",
        "systems": ["ChartDesk", "Practiq"],
    },
    "restaurant": {
        "segment": "Restaurant groups", "site": "restaurant", "sites": "restaurants",
        "workers": ["server", "line cook", "host", "dishwasher", "bartender"],
        "manager": "GM", "customers": "guests",
        "systems": ["Sliceline POS", "TillTrack"],
    },
    "cafe": {
        "segment": "Restaurant groups", "site": "cafe", "sites": "cafes",
        "workers": ["barista", "shift lead", "kitchen hand"],
        "manager": "cafe manager", "customers": "customers",
        "systems": ["TillTrack", "Sliceline POS"],
    },
    "bakery": {
        "segment": "Restaurant groups", "site": "bakery", "sites": "bakeries",
        "workers": ["baker", "counter assistant", "barista"],
        "manager": "shop manager", "customers": "customers",
        "systems": ["TillTrack"],
    },
    "retail": {
        "segment": "Independent retail chains", "site": "store", "sites": "stores",
        "workers": ["sales associate", "cashier", "key holder", "stock associate"],
        "manager": "store manager", "customers": "customers",
        "systems": ["Countertop POS", "TillTrack"],
    },
    "grocery": {
        "segment": "Independent retail chains", "site": "store", "sites": "stores",
        "workers": ["cashier", "stock clerk", "deli assistant"],
        "manager": "store manager", "customers": "shoppers",
        "systems": ["Countertop POS", "GrocerLink"],
    },
}

# (company, kind, number of sites)
_CUSTOMERS: list[tuple[str, str, int]] = [
    # Multi-site clinics
    ("Harbor Dental Group", "dental", 6),
    ("Brightside Family Dental", "dental", 3),
    ("Cedar Creek Physio", "physio", 4),
    ("Northgate Veterinary Partners", "vet", 5),
    ("Kestrel Eye Care", "eyecare", 3),
    ("Maple Row Dental", "dental", 2),
    ("Stonebridge Physical Therapy", "physio", 7),
    ("Willowbend Animal Clinics", "vet", 3),
    ("Clearview Optometry", "eyecare", 4),
    ("Tidewater Urgent Care", "medical", 5),
    ("Pinecrest Smiles", "dental", 4),
    ("Ridgeline Sports Physio", "physio", 3),
    ("Copperfield Vet Group", "vet", 8),
    ("Summit Family Medicine", "medical", 4),
    ("Bluebird Pediatric Dental", "dental", 3),
    ("Oakhaven Physiotherapy", "physio", 2),
    ("Lakeshore Animal Hospital", "vet", 2),
    ("Riverbend Dental Care", "dental", 9),
    ("Meadowlark Eye Studio", "eyecare", 2),
    ("Granite Peak Urgent Care", "medical", 6),
    ("Fernhill Chiropractic & Physio", "physio", 5),
    ("Hollow Oak Dental", "dental", 2),
    ("Saltmarsh Veterinary", "vet", 4),
    ("Brookstone Medical Clinics", "medical", 3),
    # Restaurant groups
    ("Luna Taqueria", "restaurant", 4),
    ("Copper Kettle Cafes", "cafe", 6),
    ("Nonna Rosa Pizzeria", "restaurant", 3),
    ("Ramen Hana", "restaurant", 2),
    ("The Salted Fig", "restaurant", 2),
    ("Golden Crust Bakehouse", "bakery", 5),
    ("Smokestack BBQ Co.", "restaurant", 3),
    ("Pho Lantern", "restaurant", 3),
    ("Blue Door Bistro", "restaurant", 2),
    ("Fire & Fennel", "restaurant", 4),
    ("Harvest Table Group", "restaurant", 7),
    ("Bean & Barrow Coffee", "cafe", 8),
    ("Tandoor House", "restaurant", 3),
    ("Dockside Oyster Bar", "restaurant", 2),
    ("Papaya Street Food", "restaurant", 5),
    ("Morning Glory Diner", "restaurant", 3),
    ("Sunday Crumb Bakery", "bakery", 4),
    ("Paloma Cantina", "restaurant", 3),
    ("Bramble & Oak Kitchen", "restaurant", 2),
    ("Greenleaf Salad Co.", "restaurant", 9),
    ("Ferro Wood-Fired Pizza", "restaurant", 6),
    ("Koji Noodle Bar", "restaurant", 3),
    ("The Hungry Heron", "restaurant", 2),
    ("Olive & Ember", "restaurant", 4),
    ("Saffron Lane", "restaurant", 3),
    ("Burrow Burger", "restaurant", 11),
    # Independent retail chains
    ("Tall Pines Outfitters", "retail", 5),
    ("Pageturner Books", "retail", 3),
    ("Good Dog Pet Supply", "retail", 7),
    ("Hammer & Hinge Hardware", "retail", 4),
    ("Fern & Foliage Garden Centers", "retail", 3),
    ("Spoke & Chain Bicycles", "retail", 3),
    ("Threadline Boutique", "retail", 4),
    ("Little Acorn Toys", "retail", 3),
    ("Lantern Street Gifts", "retail", 3),
    ("Northwind Surf & Skate", "retail", 3),
    ("Paper Moon Stationery", "retail", 5),
    ("Pantry & Co. Fine Foods", "grocery", 4),
    ("Vintage Vault Records", "retail", 3),
    ("Blue Heron Home Goods", "retail", 6),
    ("Trailhead Running Co.", "retail", 4),
    ("Kindred Kitchenware", "retail", 3),
    ("Maker's Mercantile", "retail", 3),
    ("Highland Wool & Yarn", "retail", 3),
    ("Glow Beauty Supply", "retail", 8),
    ("Quarry Street Hardware", "retail", 3),
    ("Ember & Wick Candle Co.", "retail", 5),
    ("Sprout Natural Grocer", "grocery", 6),
]

_CONTACT_TITLES: dict[str, list[str]] = {
    "Multi-site clinics": [
        "Practice Manager", "Director of Operations", "Clinical Director", "Office Manager",
        "Owner",
    ],
    "Restaurant groups": [
        "Owner", "General Manager", "Operations Manager", "Payroll Manager", "Kitchen Manager",
    ],
    "Independent retail chains": [
        "District Manager", "Store Manager", "Owner", "HR Manager", "Operations Lead",
    ],
}

_FIRST_NAMES = [
    "Alicia", "Ben", "Carmen", "Dev", "Elena", "Farid", "Hiro", "Isabel", "Jonah", "Keisha",
    "Liam", "Mateo", "Nadia", "Owen", "Paula", "Quinn", "Rosa", "Samir", "Tessa", "Vera",
    "Wes", "Ximena", "Yusuf", "Zoe", "Aaron", "Bianca", "Connor", "Daria", "Eli", "Fatima",
    "Gus", "Hana", "Ivan", "June", "Kofi", "Lena", "Marco", "Noor", "Rhys", "Sofia",
]

_LAST_NAMES = [
    "Abbott", "Baptiste", "Castillo", "Doyle", "Eriksen", "Fontaine", "Gallagher", "Haddad",
    "Ibarra", "Jovanovic", "Kowalski", "Lindgren", "Moreau", "Nakamura", "Okonkwo", "Petrov",
    "Quintero", "Rahman", "Santos", "Thornton", "Ueda", "Varga", "Whitfield", "Xu", "Yilmaz",
    "Zamora", "Brennan", "Chowdhury", "Delgado", "Ferreira", "Holloway", "Iyer", "Kaur", "Lam",
    "Mendes", "Novak", "Osei", "Park",
]

_PAYROLL_TOOLS = ["PayNest", "Wageline", "Tallyworks", "Paybridge", "Ledgerloop"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_TIMES = ["5am", "5:45am", "6am", "6:30am", "7am", "9:15pm", "10pm", "11:30pm"]
_TEAM = ["Maya", "Tom", "Hannah", "Daniel"]
_COMPETITOR_NAMES = [c["name"] for c in COMPETITORS]
_NUMBER_WORDS = {
    2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
    9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth",
}


class _Fragments(TypedDict):
    weight: int
    kinds: list[str] | None  # None means every kind of business
    min_sites: int
    openings: list[str]
    details: list[str]
    consequences: list[str]
    wants: list[str]
    topics: list[str]
    tags: list[str]  # the first tag is always used


# Openings, details and consequences are first-person sentences from the customer; they
# are turned into third-person notes for interviews and calls. Wants are noun phrases.
_FRAGMENTS: dict[str, _Fragments] = {
    "shift-swaps": {
        "weight": 22,
        "kinds": None,
        "min_sites": 2,
        "openings": [
            "Swaps still happen in our group chat and the schedule never gets updated.",
            "Every time someone calls out sick I spend the morning texting people to find "
            "cover.",
            "Our {workers} trade shifts between themselves and I only find out when the wrong "
            "person shows up.",
            "Finding cover for a last-minute call-out is the worst part of my week.",
            "There's no way for staff to swap a shift without messaging me first.",
            "Half of our schedule changes happen over text and never make it back into the "
            "app.",
            "When {a_worker} drops a shift, nobody knows who is actually coming in.",
            "We had two people show up for the same shift again because a swap was agreed in "
            "the chat but never approved.",
            "The {managers} have basically become a switchboard for shift trades.",
            "I get swap requests at 11pm on my personal phone.",
            "Open shifts just sit there until I start calling around.",
            "Our staff don't trust the schedule because swaps aren't reflected in it.",
            "Call-outs on weekend mornings are a nightmare for us.",
            "swap requests get lost between the app, texts and the paper sheet in the back "
            "office",
        ],
        "details": [
            "Last {day} {a_worker} called out at {time} and it took {minutes} minutes of phone "
            "calls to fill the gap.",
            "Across {n_sites} {sites_noun} that's easily {hours} hours a week of someone's "
            "time.",
            "Our group chat has {staff} people in it and important messages just scroll away.",
            "We had {n} no-shows last month that all traced back to swaps nobody confirmed.",
            "The {manager} at our busiest {site} keeps a paper list of who agreed to cover "
            "what.",
            "On {day} mornings we're short at least one {worker} almost every week.",
            "Some of our {workers} work at two {sites_noun}, so a swap at one affects the "
            "other.",
            "We made a rule that swaps must be approved by {time} the day before and nobody "
            "follows it.",
            "Right now the only record of a swap is a screenshot of a text.",
            "Our part-timers would happily pick up extra shifts if they could see them.",
            "It's usually the same {n} reliable people who end up covering, and they're "
            "burning out.",
            "When a swap puts someone into overtime we only notice on payday.",
            "Every one of our {managers} says shift trades are the main reason they dread "
            "their phone.",
            "Last {day} we opened {minutes} minutes late because the cover never turned up.",
        ],
        "consequences": [
            "It's exhausting and it makes the {managers} look disorganised.",
            "We've lost good people over this, honestly.",
            "Our {customers} notice when we're short-staffed.",
            "If this doesn't get easier we'll probably look at {competitor}.",
            "It's the number one complaint in our staff survey.",
            "It makes the schedule feel like a suggestion rather than a plan.",
            "I'd pay more for something that just handled this.",
            "It's costing us real money in overtime and no-shows.",
        ],
        "wants": [
            "a way for staff to offer up a shift and have someone qualified claim it",
            "swap approvals from the phone, in one tap",
            "automatic notifications to everyone who could cover an open shift",
            "a rule that only qualified {workers} can pick up a shift",
            "a history of who swapped what",
            "an open shift board staff can see",
            "a warning when a swap would push someone into overtime",
            "one place where swaps, call-outs and cover live",
        ],
        "topics": ["shift swaps", "finding cover", "open shifts"],
        "tags": ["shift-swap", "coverage", "call-outs", "mobile", "notifications", "group-chat"],
    },
    "payroll-export": {
        "weight": 20,
        "kinds": None,
        "min_sites": 2,
        "openings": [
            "Payroll day is still a full day of copying hours into {payroll}.",
            "The CSV export doesn't match the columns {payroll} expects.",
            "Every pay period I fix missed punches by hand before I can run payroll.",
            "Our bookkeeper rebuilds the timesheet export in a spreadsheet every two weeks.",
            "We keep finding mistakes in pay because someone keyed hours in twice.",
            "Different {sites_noun} have different pay rules and the export doesn't know about "
            "any of them.",
            "I dread the last {day} of the month because that's payroll prep.",
            "The hours in Shiftwell and the hours in {payroll} never agree.",
            "We pay somebody wrong at least once a month because of the export.",
            "Exporting timesheets is the most manual part of using the product.",
            "Our accountant asked why we pay for a time clock if we still retype everything.",
            "Approving timesheets per {site} and then merging them is painful.",
            "holiday pay and split shifts break the export every time",
            "Payroll prep takes longer now than before we had a time clock.",
        ],
        "details": [
            "It takes me about {hours} hours per pay run for {staff} employees.",
            "We run payroll every two weeks across {n_sites} {sites_noun}.",
            "Last pay run {n} people were underpaid and we had to do off-cycle payments.",
            "Pay codes for evenings and weekends have to be added manually.",
            "The export splits people who work at two {sites_noun} into two rows and {payroll} "
            "rejects the file.",
            "We switched to {payroll} in the spring and nothing has lined up since.",
            "Our {managers} approve hours on {day} and I can't start until all {n_sites} are "
            "in.",
            "One {worker} had {hours} hours missing because a punch was edited after the "
            "export.",
            "The file uses decimal hours and {payroll} wants hours and minutes.",
            "The fix usually involves me, a spreadsheet and a very long {day} evening.",
            "We have {staff} staff on {n} different pay rates.",
            "The export leaves out allowances, so we add them separately every time.",
            "I re-check about {many} timesheets by hand every single pay run.",
        ],
        "consequences": [
            "Nobody likes explaining to {a_worker} why their pay is short.",
            "It's the main reason our finance person wants to switch tools.",
            "Errors here cost us trust with the team.",
            "It's a lot of risk sitting on the one person who knows how the spreadsheet works.",
            "Honestly it's the piece that would make or break our renewal.",
            "We're paying for a time clock and still doing the hard part by hand.",
            "It pushes payroll late more often than I'd like to admit.",
        ],
        "wants": [
            "a direct sync with {payroll}",
            "an export that matches {payroll} column for column",
            "a way to lock approved hours before export",
            "pay rules per {site} applied before the export",
            "a warning about missed punches before payroll closes",
            "one combined export for all {sites_noun}",
            "an audit trail for timesheet edits",
        ],
        "topics": ["payroll exports", "the timesheet export", "payroll integrations"],
        "tags": ["payroll", "export", "timesheets", "integrations", "pay-rules"],
    },
    "overtime-surprises": {
        "weight": 14,
        "kinds": None,
        "min_sites": 2,
        "openings": [
            "We only find out about overtime when payroll comes back.",
            "Nobody noticed {a_worker} was on {hours} hours of overtime until the pay run.",
            "Overtime creeps in from late clock-outs and nobody sees it during the week.",
            "People who work at two of our {sites_noun} go into overtime and neither {manager} "
            "knows.",
            "The schedule looks fine on Monday and by {day} half the team is close to "
            "overtime.",
            "I get no warning before someone goes over 40 hours.",
            "Swaps keep pushing people into overtime behind my back.",
            "Our overtime bill is out of control and I can't tell where it comes from.",
            "The app shows hours worked but not who is about to tip into overtime.",
            "Overtime is our biggest labour surprise every month.",
            "we keep approving shifts that put people into OT without realising",
            "I want to stop overtime before it happens, not read about it afterwards.",
            "Overtime is the line on the P&L I can never explain.",
        ],
        "details": [
            "Last month overtime was about {money} we hadn't budgeted for.",
            "It's usually the same {n} people, the ones who always say yes to extra shifts.",
            "Our overtime went up {pct}% since we opened the new {site}.",
            "Most of it comes from clock-outs {short_minutes} minutes after the shift ends.",
            "The {manager} at one {site} approved a swap that put {a_worker} {hours} hours "
            "over for the week.",
            "We close the week on {day}, and by then it's too late to move anything.",
            "With {staff} people on the schedule I can't check everyone's hours by hand.",
            "Some of our staff are on daily overtime rules as well, which makes it even harder "
            "to track.",
            "Overtime is time and a half for us and it adds up fast.",
            "I found out on {day} that {n} people were already over for the week.",
            "We set a target of under {pct}% overtime and we've never hit it.",
            "Our accountant flagged overtime as the biggest cost increase this quarter.",
        ],
        "consequences": [
            "Those are dollars we could have kept with a simple heads-up.",
            "It eats most of the margin at our smaller {sites_noun}.",
            "The owners ask me why and I don't have a good answer.",
            "It makes budgeting labour feel like guesswork.",
            "If we could see it coming we'd just move a shift.",
            "We end up being the bad guys telling people to go home early.",
        ],
        "wants": [
            "an alert when someone is about to go into overtime",
            "overtime shown right on the schedule while it's being built",
            "a block on approving swaps that cause overtime",
            "weekly hours per person across all {sites_noun}",
            "a daily overtime check sent to each {manager}",
            "projected overtime for the week before the schedule is published",
        ],
        "topics": ["overtime alerts", "overtime surprises", "keeping overtime down"],
        "tags": ["overtime", "labour-cost", "alerts", "compliance"],
    },
    "labour-cost": {
        "weight": 10,
        "kinds": None,
        "min_sites": 2,
        "openings": [
            "I have no idea what labour costs us until the accountant sends the monthly "
            "numbers.",
            "Our labour target is {labour_pct}% of sales and I can't see it during the week.",
            "The schedule doesn't show what the shifts actually cost.",
            "We schedule by habit, not by how busy we're going to be.",
            "Quiet {day}s are overstaffed and busy {day2}s are short.",
            "I want to see labour cost next to sales for each {site}.",
            "Our {managers} don't know what a shift costs, so they can't make trade-offs.",
            "We pull sales from {pos} and hours from Shiftwell and glue them together in a "
            "spreadsheet.",
            "There's no budget on the schedule, so every {manager} just adds shifts.",
            "I'd love to see what each hour of opening costs before we commit to the "
            "schedule.",
            "we have no way to compare labour % between our {sites_noun}",
            "The owners want a weekly labour number and it takes me half a day to produce.",
        ],
        "details": [
            "Our best {site} runs at around {labour_pct}% labour and the worst is much higher.",
            "The spreadsheet has {n} tabs and only I understand it.",
            "We're open twelve hours a day and the busy stretch is only a few of those.",
            "Sales data lives in {pos}, which doesn't talk to anything.",
            "Last quarter we went {money} over our labour budget.",
            "Our {managers} get a bonus on labour % but only see it monthly.",
            "We staff {several} {workers} on {day} afternoons and honestly two would do.",
            "With {n_sites} {sites_noun} it's impossible to eyeball it.",
            "Wage rates differ by role, so counting hours isn't enough.",
            "I found out about a {money} overspend three weeks after the fact.",
            "Payroll is our largest cost after rent.",
            "The first hour after opening is always dead and we still staff it fully.",
        ],
        "consequences": [
            "By the time I see the number the month is over.",
            "It's the one metric the owners ask about every week.",
            "We're basically flying blind on our biggest controllable cost.",
            "I'd schedule very differently if I could see the cost.",
            "It's the difference between a good month and a bad one for us.",
        ],
        "wants": [
            "labour cost shown while the schedule is being built",
            "a weekly labour budget per {site}",
            "a labour-to-sales percentage using data from {pos}",
            "a simple labour report the owners can read on their phone",
            "a warning when the schedule goes over budget",
            "a comparison of labour % across {sites_noun}",
        ],
        "topics": ["labour cost reports", "labour budgets", "labour vs sales"],
        "tags": ["labour-cost", "budget", "reporting", "forecasting", "pos-integration"],
    },
    "multi-site-view": {
        "weight": 9,
        "kinds": None,
        "min_sites": 3,
        "openings": [
            "I have to switch between {n_sites} schedules to see who's working where.",
            "There's no single view of all our {sites_noun} for the week.",
            "When we lend {a_worker} to another {site} we have to add them twice.",
            "Our {managers} can see their own {site} but not the one down the road that has "
            "spare people.",
            "I log in and out of each location to check coverage.",
            "Staff who work across {sites_noun} get two schedules and mix them up.",
            "Sharing staff between {sites_noun} is basically done by phone call.",
            "Since we opened our {ord} {site} the tool feels like it was built for one "
            "location.",
            "Group-level reporting is impossible, everything is per {site}.",
            "i want one screen with every location on it",
            "Hours for people who float between {sites_noun} end up charged to the wrong "
            "location.",
            "Permissions are all or nothing: a {manager} either sees everything or only their "
            "own {site}.",
        ],
        "details": [
            "We have {n} {workers} who float between {sites_noun} every week.",
            "Two of our {sites_noun} are {minutes} minutes apart and constantly borrow people.",
            "I spend {day} evenings checking each location one by one.",
            "We plan to open {small_n} more {sites_noun} next year.",
            "Our area managers look after {small_n} {sites_noun} each and want to see just "
            "theirs.",
            "Hours worked at a sister {site} land on the home {site}'s labour cost.",
            "Last {day} one {site} was overstaffed and another was short by {small_n} people, "
            "a few blocks apart.",
            "Each {site} has its own staff list with slightly different spellings of the same "
            "names.",
            "The owner wants a Monday morning summary across all {n_sites} {sites_noun}.",
            "New {managers} get access to the wrong location about half the time.",
            "Our head office team of {small_n} needs a login to every single location.",
            "Floaters get double-booked because each {site} schedules them without seeing the "
            "other.",
        ],
        "consequences": [
            "It's fine for one {site}, it doesn't scale to {n_sites}.",
            "We're paying twice for people we could share.",
            "It's the main thing stopping us from rolling it out to the rest of the group.",
            "Every new location makes it worse.",
            "It takes away the flexibility that should be the point of having several "
            "{sites_noun}.",
        ],
        "wants": [
            "a group-level schedule across all {sites_noun}",
            "one staff profile that works at several {sites_noun}",
            "area manager permissions for a subset of {sites_noun}",
            "cross-site shift offers for nearby {sites_noun}",
            "hours charged to the {site} where they were worked",
            "a roll-up report for the whole group",
        ],
        "topics": ["multi-location scheduling", "sharing staff between sites"],
        "tags": ["multi-site", "permissions", "reporting", "floaters"],
    },
    "availability": {
        "weight": 9,
        "kinds": None,
        "min_sites": 2,
        "openings": [
            "Time-off requests come in by text, email, sticky note and sometimes shouted "
            "across the room.",
            "We scheduled someone on a day they'd asked off, again.",
            "Availability changes every semester for our students and nobody updates it.",
            "Our {managers} build the schedule from memory of who can work when.",
            "Staff tell me their availability in passing and I forget.",
            "I can't see approved holidays when I'm building next week's schedule.",
            "There's no way for {a_worker} to say they can only do mornings.",
            "Time-off approval is a paper form in the back office.",
            "people keep asking for days off after the schedule is published",
            "Recurring availability like school pick-up isn't stored anywhere.",
            "Our holiday calendar is a separate spreadsheet from the schedule.",
            "Two {managers} approved time off for the same week without knowing about each "
            "other.",
        ],
        "details": [
            "We have {n} {workers} who are students and their hours change every few months.",
            "Last {day} {n} people had to be rescheduled after the schedule went out.",
            "Requests are supposed to come with two weeks' notice but we don't enforce it.",
            "Summer is the worst, half the team wants the same {small_n} weeks.",
            "{staff} staff, and each one has their own little rules about when they can work.",
            "I keep a notes app list of who can't work {day}s.",
            "One of our {workers} has asked for {day}s off for months and keeps getting "
            "scheduled.",
            "We publish the schedule on {day}, usually {small_n} days before the week starts.",
            "Most of our part-time staff can only do four-hour shifts.",
            "A denied request usually turns into a call-out anyway.",
            "Approvals happen over text, so there's no record when someone disputes it.",
            "Around the holidays we get {n} requests a day.",
        ],
        "consequences": [
            "It makes people feel like we don't listen.",
            "It causes half of our last-minute swaps.",
            "It's a small thing that drives a lot of turnover.",
            "Every mistake here turns into a phone call on my day off.",
            "It's the kind of thing that makes good staff quit.",
        ],
        "wants": [
            "staff-entered availability that the schedule respects",
            "time-off requests with approval in the app",
            "approved time off visible on the schedule",
            "a blackout calendar for the busy weeks",
            "recurring availability like 'mornings only'",
            "a warning when scheduling someone on a requested day off",
        ],
        "topics": ["time-off requests", "staff availability"],
        "tags": ["availability", "time-off", "scheduling", "mobile"],
    },
    "break-compliance": {
        "weight": 7,
        "kinds": None,
        "min_sites": 2,
        "openings": [
            "We're supposed to give a 30-minute break after five hours and nobody tracks it.",
            "We had a complaint about missed breaks and had no records to show.",
            "Close-then-open shifts keep sneaking into the schedule.",
            "I can't tell who actually took their break.",
            "The rules for under-18s are in a binder nobody reads.",
            "Our {managers} don't know the break rules for each location.",
            "I'm worried about an audit on breaks.",
            "The time clock doesn't record when a break starts and ends.",
            "Rest time between shifts isn't checked at all.",
            "break rules are different in our two states and i can't keep them straight",
            "We got a letter about rest periods last year and still have no system.",
            "Minors are getting scheduled later than they're allowed to work.",
        ],
        "details": [
            "We have {small_n} {workers} under 18 on the schedule.",
            "{A_worker} closed on {day} and opened at {early} the next morning.",
            "Our policy says {break_minutes}-minute breaks but the clock doesn't enforce anything.",
            "One of our {sites_noun} is in a different state with stricter rules.",
            "The penalty for a missed meal break is an extra hour of pay, and it adds up.",
            "Last month I found {n} shifts with less than ten hours between them.",
            "We print break sheets and they end up in the bin.",
            "Our lawyer told us to keep break records for {small_n} years.",
            "During the {day} rush nobody takes a break on time.",
            "We only checked because a former employee raised it.",
            "{staff} staff across {n_sites} {sites_noun} and I'm the only one who knows the "
            "rules.",
            "Breaks are paid at some of our {sites_noun} and unpaid at others.",
        ],
        "consequences": [
            "It's a legal risk we're not handling well.",
            "One claim could wipe out a month of profit.",
            "I'd sleep better if the system just flagged it.",
            "Our staff deserve their breaks and right now it's down to luck.",
        ],
        "wants": [
            "break rules per location that flag violations",
            "break punches on the time clock",
            "a warning when a shift breaks the minimum rest rule",
            "limits for minors built into the schedule",
            "a break compliance report for audits",
        ],
        "topics": ["break compliance", "rest rules between shifts"],
        "tags": ["compliance", "breaks", "labour-law", "minors", "time-clock"],
    },
    "buddy-punching": {
        "weight": 5,
        "kinds": None,
        "min_sites": 2,
        "openings": [
            "We suspect people are clocking in for each other.",
            "Someone clocked in from home last week, I'm sure of it.",
            "Forgotten clock-outs are a daily thing.",
            "The time clock trusts whatever anyone types into the tablet.",
            "people clock in from the parking lot and then go get coffee",
            "I spend every {day} fixing punches people forgot.",
            "We have no proof of who actually clocked in on the shared tablet.",
            "Our PIN codes are basically public.",
            "Early clock-ins are costing us and I can't prove it.",
            "{A_worker} was clocked in while I could see they weren't there.",
            "The tablet at the front is the weakest part of the whole setup.",
            "There's no way to check that a clock-in was made at the {site}.",
        ],
        "details": [
            "We have {many} punches to correct in an average week.",
            "People clock in {short_minutes} minutes early and it adds up to real money.",
            "One {site} has a single tablet for {staff} staff.",
            "We caught one case of buddy punching and it had been going on for months.",
            "In most cases the PIN is the person's birthday.",
            "I estimate it's {hours} hours a week of paid time nobody worked.",
            "We don't want cameras, that feels like too much.",
            "One {site} has a parking lot right outside, so a check by address wouldn't be "
            "enough.",
            "Clock-outs are missing on about {n} shifts a week.",
            "We round punches to the nearest {short_minutes} minutes and people have figured it "
            "out.",
            "The shared tablet crashes on {day}s and people write their times on paper.",
            "Half of our {workers} would rather clock in from their phone.",
        ],
        "consequences": [
            "It's not a fortune but it's not nothing either.",
            "It makes everyone distrust the timesheets.",
            "I don't want to police people, I just want the data to be right.",
        ],
        "wants": [
            "a location check on phone clock-ins",
            "a photo at clock-in",
            "automatic clock-out reminders",
            "early clock-in rules that round to the shift start",
            "personal logins instead of a shared PIN",
        ],
        "topics": ["clock-in fraud", "missed clock-outs"],
        "tags": ["time-clock", "buddy-punching", "geofencing", "mobile"],
    },
    "tip-pooling": {
        "weight": 4,
        "kinds": ["restaurant", "cafe"],
        "min_sites": 2,
        "openings": [
            "We split tips by hours worked and it's all done in a spreadsheet.",
            "Tip-out calculations take up my whole {day} night.",
            "Staff question the tip split every single week.",
            "We pool tips between front and back of house and the maths is a mess.",
            "Our tip pool uses points per role and nobody can check it.",
            "Card tips come from {pos} and hours come from Shiftwell, and I combine them by "
            "hand.",
            "I got the tip split wrong last week and had to fix it out of pocket.",
            "Tips aren't in the payroll export, so we handle them separately.",
            "the tip sheet is the most fought-over document in the building",
            "We'd love the app to calculate the tip pool from actual hours.",
            "Every new {manager} gets the tip calculation wrong for the first month.",
            "Cash tips and card tips are pooled differently and it confuses everyone.",
        ],
        "details": [
            "We take about {money} in tips a week across {n_sites} locations.",
            "Hosts get {pct}% of the pool and everyone else splits the rest by hours.",
            "It takes {hours} hours every week.",
            "We use {small_n} different point values by role.",
            "The spreadsheet breaks when someone works two roles in one shift.",
            "{payroll} wants tips as a separate column.",
            "We had a staff meeting about the tip pool that lasted {minutes} minutes.",
            "Tips are paid out on {day}s.",
            "Some of our {workers} keep screenshots of their hours to check the split.",
            "Kitchen staff only joined the pool this year and the rules changed.",
            "There are {small_n} different ways people clock in and only one counts for tips.",
            "The pool is split per shift, not per day, which doubles the work.",
        ],
        "consequences": [
            "It's a trust issue more than a maths issue.",
            "Any mistake turns into team drama.",
            "I'd switch tools for this alone, honestly.",
        ],
        "wants": [
            "tip pooling by hours and role",
            "tips included in the payroll export",
            "a tip report staff can check themselves",
            "an import of card tips from {pos}",
        ],
        "topics": ["tip pooling", "tip-outs"],
        "tags": ["tips", "payroll", "restaurants"],
    },
}

# Frames put fragments into the voice of each source. Slots: {o} {d} {c} (first person),
# {o3} {d3} {c3} (third person), {ol} {o3l} (first letter lowered), {w} want, {topic},
# plus the business placeholders.
_FRAMES: dict[_Source, list[str]] = {
    "support": [
        "{greet}{o} {d}",
        "{greet}{o} {d} Is there a way to get {w}?",
        "{greet}{o} Can you add {w}?",
        "{greet}{o} {d} {c}",
        "[Ticket #{ticket}] {o} {d} Please advise.",
        "{raw}",
        "{greet}{d} {o} Any workaround?",
        "Not urgent, but {ol} {d}",
    ],
    "interview": [
        "Said that {o3l} {d3}",
        "Said that {o3l} {d3} {c3}",
        "Interview with {first} ({title}, {company}): {o3} {d3} Wants {w}.",
        "{o3} {d3} Asked for {w}.",
        "- {o3}\n- {d3}\n- wants {w}",
        "Customer interview, {n_sites} {sites_noun}. {o3} {c3}",
        "{first} said {o3l} {c3}",
        'Key quote: "{o}" {d3}',
    ],
    "sales_call": [
        "Discovery call, {n_sites} {sites_noun}, ~{staff} staff. {o3} Asked whether we have "
        "{w}.",
        "Demo with {first}: {o3} {d3} Follow up re {w}.",
        "Call notes: currently on {competitor}. {o3} {c3}",
        "Prospect has {n_sites} {sites_noun}. {d3} Big ask is {w}.",
        "Pricing call went fine, but {o3l} Won't sign without {w}.",
        "Renewal call: {o3} {d3} {c3}",
        '{first} on the call: "{o}" Needs {w}.',
    ],
    "survey": [
        "{raw}",
        "{ol}",
        "{o} {c}",
        "Would love {w}.",
        "{w} please",
        "{o} Honestly {w} would fix it.",
        "{d} {c}",
        "Q: What would make Shiftwell more useful? A: {w}",
    ],
    "review": [
        "\u2605\u2605\u2606\u2606\u2606 {o} {c}",
        "\u2605\u2605\u2605\u2606\u2606 Good for basic scheduling, but {ol} {c}",
        "{stars}/5. {o} {d}",
        "\u2605\u2605\u2605\u2605\u2606 Really like it overall. {o} Please add {w}!",
        "Decent app. {o}",
        "\u2605\u2606\u2606\u2606\u2606 {o} {d} {c}",
    ],
    "email": [
        "Hi {csm}, {ol} {d} Could we talk about {w}? Thanks, {sign}",
        "Hi {csm},\n\n{o} {d} {c}\n\n{sign}",
        "Hello, following up on our call: {ol} {c} Is {w} on the roadmap?",
        "Quick one: {ol} Any plans for {w}?",
        "Hi {csm}, {o} {d} Thanks, {sign}",
    ],
    "win_loss": [
        "Lost to {competitor}: {o3} {d3}",
        "Lost to {competitor}. Main reason: we don't offer {w}.",
        "Loss review ({company}, {n_sites} {sites_noun}): went with {competitor}. {o3} {c3}",
        "Won vs {competitor}, but close. {o3} Renewal depends on {w}.",
        "Won against {competitor} on the mobile app, but {o3l}",
        "Churned to {competitor}. {o3} {d3}",
    ],
    "community": [
        "Anyone else struggling with {topic}? {o} {d}",
        "Feature request: {w}. {o}",
        "+1 to this. {o} {c}",
        "How are other {site} owners handling {topic}? {o}",
        "{o} {d} Would love to hear how others deal with it.",
        "+1 for {w}",
    ],
    "other": [
        "From the onboarding call: {o3}",
        "NPS comment (score {score}): {o}",
        "Mentioned at the customer meetup: {o3} {c3}",
        "Via our accounting partner: {o3} {d3}",
        "Note from CS: {o3} {d3} Asked about {w}.",
        'Overheard at the trade show booth: "{o}"',
    ],
}

_SOURCES: list[_Source] = [
    "support", "interview", "sales_call", "survey", "review", "email", "win_loss",
    "community", "other",
]
_SOURCE_WEIGHTS = [22, 14, 14, 14, 8, 10, 6, 8, 4]
_GREETINGS = ["", "", "Hi,\n", "Hello,\n", "Hi team,\n", "Hey Shiftwell team,\n"]

_PRAISE_OPENINGS = [
    "Love the new mobile app.",
    "Setup took us an afternoon, which was a nice surprise.",
    "The team actually checks the schedule now.",
    "Your support team is great, {csm} sorted our issue in minutes.",
    "Best scheduling tool we've tried, and we've tried a few.",
    "Our {managers} like how fast it is to copy last week's schedule.",
    "Staff love getting their shifts as a notification.",
    "Switching from {competitor} was painless.",
    "Clean, simple, does what it says.",
    "The weekly schedule view is really easy to read.",
    "Onboarding was smooth for all {n_sites} {sites_noun}.",
    "It's saved me a couple of hours every week.",
    "Publishing the schedule used to take an evening, now it's twenty minutes.",
]
_PRAISE_ENDINGS = [
    "Keep it up!",
    "Thank you!",
    "Would recommend it to any {site} owner.",
    "",
    "Even our least techy {worker} figured it out.",
    "Worth every cent.",
]
_SWAP_PRAISE = [
    "Swap Center is exactly what we needed, the group chat is finally quiet.",
    "Since the swap update our {managers} approve trades from their phones in seconds.",
    "The new open shift board got {n} shifts picked up on {day} without me lifting a finger.",
    "Swap Center is great. Staff figured it out without any training.",
]
_REQUESTS = [
    "Could you add a dark mode? The app is very bright at 6am.",
    "Would be fun if the schedule showed staff birthdays.",
    "Can we pick the colour of each shift type?",
    "Any plans for a smartwatch app?",
    "It'd be great to order supplies from the same app.",
    "Please add a Spanish version for our {workers}.",
    "Can the schedule print in landscape?",
    "Let staff rate their shifts, could be interesting data.",
    "Could the schedule show the weather forecast?",
    "Can you integrate with our door access system?",
    "We'd like emoji reactions on shift notes.",
    "Can we export the schedule as a PDF for the break room wall?",
    "Could you add a chat so we can drop the group chat completely?",
    "Is there a way to track uniform sizes per employee?",
    "A leaderboard for who picks up the most shifts would be fun.",
    "Can the app remind staff to bring their name badges?",
    "Would love a way to add training videos for new {workers}.",
]
_REQUEST_PREFIXES = ["", "", "Small thing: ", "Idea: ", "Feature request - ", "not urgent but "]
_REQUEST_TAGS = ["ux", "mobile", "integrations", "localization", "reporting"]
_NOISE = [
    "How do I reset my password?",
    "Please update our billing address to the new office.",
    "Can I get a copy of last month's invoice?",
    "We're closed on {day} for a staff party, no action needed.",
    "Wrong inbox, sorry, meant to send this to our accountant.",
    "Is the app down? Can't log in this morning. (Resolved itself.)",
    "Please remove {contact} from our account, they left last month.",
    "Who do I talk to about adding another location to our plan?",
    "Out of office until {day}.",
    "Our {manager} changed, please move the admin rights to the new one.",
    "Can you resend the login email for our new {worker}?",
    "Do you offer a discount for annual billing?",
    "The {site} on {street} is closing for renovation for two weeks.",
    "thanks!",
]
_NOISE_TAGS = ["account", "billing", "admin", "support"]
_STREETS = ["Main Street", "Elm Avenue", "Harbour Road", "5th Street", "Mill Lane"]

_PRONOUNS = {
    "i am": "they are", "i was": "they were", "i'm": "they're", "i've": "they've",
    "i'd": "they'd", "i'll": "they'll", "i": "they", "me": "them", "my": "their",
    "mine": "theirs", "myself": "themselves", "we're": "they're", "we've": "they've",
    "we'd": "they'd", "we'll": "they'll", "we": "they", "us": "them", "our": "their",
    "ours": "theirs", "ourselves": "themselves", "you're": "we're", "you": "we",
    "your": "our",
}
_PRONOUN_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_PRONOUNS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_KEEP_CAPS = {
    *_DAYS, *_PAYROLL_TOOLS, *_COMPETITOR_NAMES, "Shiftwell", "I",
    *(system.split()[0] for kind in _KINDS.values() for system in kind["systems"]),
    *(name.split()[0] for name in _COMPETITOR_NAMES),
}
_TYPOS = [
    ("schedule", "schedual"), ("don't", "dont"), ("can't", "cant"), ("it's", "its"),
    ("really", "realy"), ("because", "bc"), ("I'm", "im"),
    ("every", "evry"), ("you", "u"),
]


# --------------------------------------------------------------------------- helpers


def _third_person(text: str) -> str:
    """Turn a customer's first-person sentence into a note about them."""

    def swap(match: re.Match[str]) -> str:
        new = _PRONOUNS[match.group(0).lower()]
        before = text[: match.start()].rstrip()
        if not before or before[-1] in ".!?:-\n":
            return new[0].upper() + new[1:]
        return new

    return _PRONOUN_RE.sub(swap, text)


def _lower_first(text: str) -> str:
    """Lower the first letter unless the sentence starts with a name or an acronym."""
    first = text.split(" ", 1)[0].strip(".,!?:;'\"")
    if not first or first.split("'")[0] in _KEEP_CAPS or (len(first) > 1 and first.isupper()):
        return text
    return text[0].lower() + text[1:]


def _typo(rng: random.Random, text: str) -> str:
    """Make a text look typed in a hurry: lowercase, a dropped full stop, a typo."""
    if rng.random() < 0.5:
        text = text.lower()
    if text.endswith(".") and rng.random() < 0.7:
        text = text[:-1]
    candidates = [pair for pair in _TYPOS if pair[0] in text]
    if candidates:
        old, new = rng.choice(candidates)
        text = text.replace(old, new, 1)
    return text


def _ordinal(n: int) -> str:
    return _NUMBER_WORDS.get(n, f"{n}th")


def _money(rng: random.Random) -> str:
    return f"${rng.randint(8, 240) * 50:,}"


def _placeholders(rng: random.Random, customer: tuple[str, str, int]) -> dict[str, str]:
    name, kind_key, n_sites = customer
    kind = _KINDS[kind_key]
    worker = rng.choice(kind["workers"])
    day, day2 = rng.sample(_DAYS, 2)
    return {
        "company": name,
        "site": kind["site"],
        "sites_noun": kind["sites"],
        "n_sites": str(n_sites),
        "ord": _ordinal(n_sites),
        "worker": worker,
        "a_worker": ("an " if worker[0] in "aeiou" else "a ") + worker,
        "A_worker": ("An " if worker[0] in "aeiou" else "A ") + worker,
        "workers": worker + "s",
        "manager": kind["manager"],
        "managers": kind["manager"] + "s",
        "customers": kind["customers"],
        "staff": str(n_sites * rng.randint(9, 24)),
        "hours": str(rng.randint(2, 12)),
        "day": day,
        "day2": day2,
        "time": rng.choice(_TIMES),
        "early": rng.choice(["5am", "5:30am", "6am", "6:30am"]),
        "payroll": rng.choice(_PAYROLL_TOOLS),
        "pos": rng.choice(kind["systems"]),
        "competitor": rng.choice(_COMPETITOR_NAMES),
        "money": _money(rng),
        "pct": str(rng.randint(5, 25)),
        "labour_pct": str(rng.randint(24, 36)),
        "minutes": str(rng.choice([10, 15, 20, 25, 30, 40, 45, 60, 90])),
        "short_minutes": str(rng.choice([5, 10, 15, 20])),
        "break_minutes": str(rng.choice([10, 15, 20, 30])),
        "n": str(rng.randint(2, 9)),
        "several": str(rng.randint(4, 8)),
        "small_n": str(rng.randint(2, 4)),
        "many": str(rng.randint(10, 60)),
        "csm": rng.choice(_TEAM),
        "contact": f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}",
        "street": rng.choice(_STREETS),
    }


def _tidy(text: str) -> str:
    text = re.sub(r"[ ]{2,}", " ", text)
    return "\n".join(line.strip() for line in text.strip().splitlines())


def _build_contacts(rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """One to three named people per customer, each with a job title."""
    contacts: dict[str, list[tuple[str, str]]] = {}
    for name, kind_key, _sites in _CUSTOMERS:
        titles = _CONTACT_TITLES[_KINDS[kind_key]["segment"]]
        people = []
        for _ in range(rng.randint(1, 3)):
            person = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
            people.append((person, rng.choice(titles)))
        contacts[name] = people
    return contacts


_CONTACT_CHANCE: dict[_Source, float] = {
    "support": 0.8, "interview": 0.95, "sales_call": 0.9, "survey": 0.35, "review": 0.1,
    "email": 0.95, "win_loss": 0.6, "community": 0.5, "other": 0.5,
}
_IMPORTANCE_WEIGHTS: dict[_Source, list[int]] = {
    "win_loss": [5, 20, 40, 35],
    "sales_call": [5, 25, 40, 30],
    "review": [25, 40, 25, 10],
    "community": [25, 40, 25, 10],
    "survey": [25, 40, 25, 10],
}
_DEFAULT_IMPORTANCE = [15, 35, 35, 15]
_PRAISE_SOURCES: list[_Source] = ["review", "review", "survey", "email", "community"]
_REQUEST_SOURCES: list[_Source] = ["support", "email", "community", "survey"]
_NOISE_SOURCES: list[_Source] = ["support", "support", "email", "other"]
_HURRIED: tuple[_Source, ...] = ("survey", "review", "community", "support")


def _sentence(text: str) -> str:
    """A fragment ready to be followed by another sentence."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _linked_item(
    rng: random.Random,
    key: str,
    source: _Source,
    customer: tuple[str, str, int],
    contact: tuple[str, str] | None,
) -> tuple[str, list[str], int]:
    frags = _FRAGMENTS[key]
    values = _placeholders(rng, customer)

    def fill(text: str) -> str:
        return text.format_map(values)

    raw = fill(rng.choice(frags["openings"]))
    o = _sentence(raw)
    d = fill(rng.choice(frags["details"]))
    c = fill(rng.choice(frags["consequences"]))
    o3, d3, c3 = _third_person(o), _third_person(d), _third_person(c)
    first = contact[0].split()[0] if contact else ""
    slots = {
        **values,
        "raw": raw, "o": o, "d": d, "c": c, "o3": o3, "d3": d3, "c3": c3,
        "ol": _lower_first(o), "o3l": _lower_first(o3),
        "w": fill(rng.choice(frags["wants"])),
        "topic": rng.choice(frags["topics"]),
        "greet": rng.choice(_GREETINGS),
        "first": first,
        "title": contact[1] if contact else "",
        "sign": first or f"the {customer[0]} team",
        "ticket": str(rng.randint(10400, 48999)),
        "stars": str(rng.randint(2, 4)),
        "score": str(rng.randint(3, 8)),
    }
    frames = [f for f in _FRAMES[source] if contact or "{first}" not in f]
    text = rng.choice(frames).format_map(slots)
    if source in _HURRIED and rng.random() < 0.15:
        text = _typo(rng, text)
    extra = rng.choices([0, 1, 2], weights=[45, 40, 15])[0]
    tags = [frags["tags"][0], *rng.sample(frags["tags"][1:], extra)]
    weights = _IMPORTANCE_WEIGHTS.get(source, _DEFAULT_IMPORTANCE)
    importance = rng.choices([0, 1, 2, 3], weights=weights)[0]
    return _tidy(text), tags, importance


def _unlinked_item(
    rng: random.Random, customer: tuple[str, str, int], after_swap_launch: bool
) -> tuple[str, _Source, list[str]]:
    values = _placeholders(rng, customer)
    roll = rng.random()
    source: _Source
    if roll < 0.45:
        if after_swap_launch and rng.random() < 0.35:
            text = rng.choice(_SWAP_PRAISE)
            tags = ["praise", "shift-swap"]
        else:
            text = f"{rng.choice(_PRAISE_OPENINGS)} {rng.choice(_PRAISE_ENDINGS)}"
            extra = rng.sample(["mobile", "onboarding", "ux", "support"], rng.randint(0, 1))
            tags = ["praise", *extra]
        source = rng.choice(_PRAISE_SOURCES)
        if source == "review":
            text = f"\u2605\u2605\u2605\u2605\u2605 {text}"
    elif roll < 0.8:
        prefix, request = rng.choice(_REQUEST_PREFIXES), rng.choice(_REQUESTS)
        text = prefix + (_lower_first(request) if prefix.islower() else request)
        tags = ["feature-request", rng.choice(_REQUEST_TAGS)]
        source = rng.choice(_REQUEST_SOURCES)
    else:
        text = rng.choice(_NOISE)
        tags = [rng.choice(_NOISE_TAGS)]
        source = rng.choice(_NOISE_SOURCES)
    text = text.format_map(values)
    if source in _HURRIED and rng.random() < 0.15:
        text = _typo(rng, text)
    return _tidy(text), source, tags


# --------------------------------------------------------------------------- generator

_LINKED_SHARE = 0.82
_WINDOW_DAYS = 180


def generate_evidence(
    seed: int = 7, count: int = 300, today: date = date(2026, 11, 25)
) -> list[EvidenceSeed]:
    """`count` pieces of customer feedback received in the 180 days before `today`.

    The same seed always gives the same list. About 82% is linked to an opportunity
    (unevenly: swaps and payroll dominate); the rest is praise, odd requests and noise.
    The list is sorted by `received_on`.
    """
    rng = random.Random(seed)
    contacts = _build_contacts(rng)
    keys = [o["key"] for o in OPPORTUNITIES]
    weights = [_FRAGMENTS[k]["weight"] for k in keys]
    shipped = next(r for r in RELEASES if r["status"] == "shipped")
    swap_shipped = date.fromisoformat(shipped["shipped_on"] or today.isoformat())
    days_since_swaps = (today - swap_shipped).days

    n_linked = round(count * _LINKED_SHARE)
    plan: list[str | None] = [*rng.choices(keys, weights=weights, k=n_linked)]
    plan += [None] * (count - n_linked)
    rng.shuffle(plan)

    items: list[EvidenceSeed] = []
    for key in plan:
        days_ago = rng.randint(0, _WINDOW_DAYS - 1)
        if key is None:
            customer = rng.choice(_CUSTOMERS)
        else:
            frags = _FRAGMENTS[key]
            kinds = frags["kinds"]
            pool = [
                cust for cust in _CUSTOMERS
                if (kinds is None or cust[1] in kinds) and cust[2] >= frags["min_sites"]
            ]
            customer = rng.choice(pool)
            # Swap complaints fade once Swap Center shipped.
            fading = key == "shift-swaps" and 0 < days_since_swaps < _WINDOW_DAYS - 1
            if fading and rng.random() < 0.75:
                days_ago = rng.randint(days_since_swaps, _WINDOW_DAYS - 1)
        received = today - timedelta(days=days_ago)

        importance: int | None = None
        if key is None:
            text, source, tags = _unlinked_item(rng, customer, received >= swap_shipped)
        else:
            source = rng.choices(_SOURCES, weights=_SOURCE_WEIGHTS)[0]
        contact: tuple[str, str] | None = rng.choice(contacts[customer[0]])
        if rng.random() >= _CONTACT_CHANCE[source]:
            contact = None
        if key is not None:
            text, tags, importance = _linked_item(rng, key, source, customer, contact)
        items.append({
            "text": text,
            "source": source,
            "customer_company": customer[0],
            "customer_contact": contact[0] if contact else None,
            "received_on": received.isoformat(),
            "tags": tags,
            "opportunity": key,
            "importance": importance,
        })
    items.sort(key=lambda item: item["received_on"])
    return items
