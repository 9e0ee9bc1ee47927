"""The demo's segment criteria and sizes, company firmographics, and persona profiles.

Fictional, written for Tandem's demo: Shiftwell sells scheduling to multi-site clinics,
restaurant groups and retail chains. Market sizes are invented round figures, labelled so.
"""

from __future__ import annotations

from typing import Any

from tandem.loop import links
from tandem.scope import Scope

# Industry per kind of customer (demo/content.py `_KINDS`), as the companies record it.
INDUSTRY = {"dental": "Dental", "physio": "Physiotherapy", "vet": "Veterinary",
            "eyecare": "Eye care", "medical": "Medical", "restaurant": "Restaurants",
            "cafe": "Cafes", "bakery": "Bakeries", "retail": "Specialty retail",
            "grocery": "Grocery"}
STAFF_PER_SITE = {"Multi-site clinics": 17, "Restaurant groups": 21,
                  "Independent retail chains": 13}
REGIONS = ("Northeast", "Midwest", "South", "West", "West", "South", "Northeast")


def firmographics(index: int, kind: str, segment: str, sites: int) -> dict[str, Any]:
    """A company's industry, head count and region, varied by its place in the list."""
    return {"industry": INDUSTRY[kind],
            "employees": sites * STAFF_PER_SITE[segment] + (index * 7) % 11,
            "region": REGIONS[index % len(REGIONS)]}


SEGMENTS: dict[str, dict[str, Any]] = {
    "Multi-site clinics": {
        "criteria": [
            {"field": "industry", "op": "one_of",
             "value": "Dental, Physiotherapy, Veterinary, Eye care, Medical"},
            {"field": "employees", "op": "between", "value": "30-200"},
        ],
        "market_size": 14_500,
        "market_size_source": "Demo estimate: clinic groups with 2 to 10 sites in the US, "
                              "rounded from a business-register count (fictional).",
    },
    "Restaurant groups": {
        "criteria": [
            {"field": "industry", "op": "one_of", "value": "Restaurants, Cafes, Bakeries"},
            {"field": "employees", "op": "at_least", "value": "40"},
        ],
        "market_size": 38_000,
        "market_size_source": "Demo estimate: independent groups of 2 to 12 restaurants, "
                              "cafes or bakeries (fictional).",
    },
    "Independent retail chains": {
        "criteria": [
            {"field": "industry", "op": "one_of", "value": "Specialty retail, Grocery"},
            {"field": "employees", "op": "between", "value": "30-300"},
            {"field": "plan", "op": "is_not", "value": "Starter"},
        ],
        "market_size": 21_000,
        "market_size_source": "Demo estimate: specialty retailers with 3 to 20 stores "
                              "(fictional).",
    },
}

PERSONAS: dict[str, dict[str, Any]] = {
    "Operations Olivia": {
        "type": "buyer",
        "buying_roles": ["decision_maker", "champion"],
        "goals": [
            "Every clinic staffed with the right qualifications every day",
            "Fewer appointments cancelled because of staffing",
            "Payroll that closes on time without weekend work",
            "One view of all sites for the monthly partners' meeting",
        ],
        "pains": [
            "Shift cover arranged in text threads she cannot see",
            "Hours re-keyed into payroll every fortnight",
            "Overtime discovered only when payroll runs",
            "Every new clinic adds another spreadsheet and another login",
        ],
        "jobs": [
            {"when": "a hygienist calls in sick before opening",
             "want": "find a qualified stand-in from a nearby clinic in minutes",
             "so_that": "keep every booked appointment"},
            {"when": "the partners ask why labour cost went up",
             "want": "show hours and overtime by clinic for the month",
             "so_that": "agree on a fix in one meeting"},
            {"when": "we open a new clinic",
             "want": "copy our roles, rules and templates to it",
             "so_that": "run it like the others from week one"},
        ],
        "objections": [
            "Our practice-management system already has a rota",
            "The partners will not approve another monthly subscription",
            "Clinicians will not install yet another app",
        ],
        "channels": [
            "Practice-management user groups",
            "Dental and veterinary trade shows",
            "Peer recommendations from other operations directors",
            "LinkedIn",
        ],
    },
    "Owner-Operator Omar": {
        "type": "buyer",
        "buying_roles": ["economic_buyer", "decision_maker"],
        "goals": [
            "Labour under 30% of sales at every location",
            "Fewer hours a week on schedules and payroll",
            "Know which restaurant is drifting before the month closes",
        ],
        "pains": [
            "Labour cost visible only in the monthly P&L",
            "Overtime surprises on payday",
            "GMs who schedule by habit rather than by expected covers",
            "Tools that need a consultant to set up",
        ],
        "jobs": [
            {"when": "I plan next week on Sunday night",
             "want": "see forecast covers next to each restaurant's schedule",
             "so_that": "cut shifts before they cost me"},
            {"when": "a GM asks for more hours",
             "want": "compare their labour percentage with the other sites",
             "so_that": "decide on facts, not on who asks loudest"},
        ],
        "objections": [
            "My POS already does scheduling",
            "I cannot spend a week setting it up",
            "Per-employee pricing punishes my part-timers",
        ],
        "channels": [
            "His POS vendor's marketplace",
            "Restaurant-owner groups and forums",
            "Instagram and short video",
            "Word of mouth from other owners",
        ],
    },
    "Payroll Priya": {
        "type": "user",
        "buying_roles": ["user", "influencer"],
        "goals": [
            "Approved, accurate hours from every site by Monday morning",
            "One export the payroll provider accepts the first time",
            "A clear trail when someone disputes their pay",
        ],
        "pains": [
            "Missed clock-outs and punches edited after approval",
            "CSV files that need reformatting every pay run",
            "Different pay rules per site",
            "Tips worked out in a spreadsheet nobody else understands",
        ],
        "jobs": [
            {"when": "payroll closes on Monday",
             "want": "see every unapproved or edited punch in one list",
             "so_that": "fix them before the export, not after payday"},
            {"when": "an employee says their pay is wrong",
             "want": "show who changed their hours and when",
             "so_that": "settle the dispute with facts"},
        ],
        "objections": [
            "Switching tools mid-year will break payroll",
            "I will be the one doing all the set-up",
        ],
        "channels": [
            "Payroll provider's partner directory",
            "Accounting and bookkeeping newsletters",
            "Her owner's recommendation",
        ],
    },
    "District Dana": {
        "type": "user",
        "buying_roles": ["champion", "user"],
        "goals": [
            "Hit the weekly labour budget in every store",
            "Cover seasonal peaks without over-hiring",
            "Share floaters between nearby stores without double-booking",
            "See all her stores from her phone between visits",
        ],
        "pains": [
            "Each store is a separate schedule with a separate login",
            "Floaters booked twice",
            "Labour against sales visible only after the week closes",
            "Time-off requests that arrive by text and get forgotten",
        ],
        "jobs": [
            {"when": "a store is short on a Saturday",
             "want": "send a floater from a store that is over budget",
             "so_that": "keep both stores on their numbers"},
            {"when": "I approve next week's schedules",
             "want": "see each store's hours against its labour budget",
             "so_that": "approve them in minutes, from my phone"},
        ],
        "objections": [
            "Head office chooses the tools, not me",
            "Store managers will resist a new system before the holidays",
        ],
        "channels": [
            "Retail operations webinars",
            "Her regional manager peers",
            "Mobile app stores",
        ],
    },
}


# Links made by hand: what a team links to a segment or persona beyond what reaches it
# through companies and contacts (segment or persona, opportunity key / launch release key).
HAND_LINKS = (
    ("segments", "Independent retail chains", "opportunities", "multi-site-view"),
    ("segments", "Independent retail chains", "opportunities", "labour-cost"),
    ("personas", "District Dana", "opportunities", "multi-site-view"),
    ("personas", "Payroll Priya", "launches", "swap-center"),
)


def load_links(scope: Scope, segment_ids: dict[str, int], persona_ids: dict[str, int],
               opp_ids: dict[str, int], launch_ids: dict[str, int]) -> None:
    ids = {"segments": segment_ids, "personas": persona_ids}
    targets = {"opportunities": opp_ids, "launches": launch_ids}
    for kind, name, target, key in HAND_LINKS:
        if key in targets[target]:
            links.link(scope, kind, ids[kind][name], target, targets[target][key])
