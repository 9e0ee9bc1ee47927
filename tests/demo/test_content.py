"""The demo seed content: shapes, cross-references and the evidence generator."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from tandem.demo import content as c

TODAY = date(2026, 11, 25)
OPPORTUNITY_STATUSES = {"new", "exploring", "validated", "planned", "parked"}
SOURCES = {
    "interview", "support", "sales_call", "survey", "review", "email", "win_loss",
    "community", "other",
}
OUTBOUND_ACTIVITIES = {
    "Launch", "Sales tools", "Content", "Awareness", "Marketing plan", "Sales alignment",
    "Collateral", "Campaigns", "Lead generation", "Presentations and demos",
}
TAG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PERSON = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+$")


def keys_of(shape: type) -> set[str]:
    return set(shape.__annotations__)


@pytest.fixture(scope="module")
def evidence() -> list[c.EvidenceSeed]:
    return c.generate_evidence()


# --------------------------------------------------------------------------- static data


def test_counts() -> None:
    assert len(c.SEGMENTS) == 3
    assert len(c.PERSONAS) == 4
    assert len(c.COMPETITORS) == 3
    assert 7 <= len(c.OPPORTUNITIES) <= 9
    assert 4 <= len(c.RELEASES) <= 5
    assert len(c.LAUNCHES) == 2
    assert 4 <= len(c.MESSAGES) <= 6
    assert 8 <= len(c.ASSIGNMENTS) <= 12


@pytest.mark.parametrize(
    ("items", "shape"),
    [
        ([c.PRODUCT], c.ProductSeed),
        (c.SEGMENTS, c.SegmentSeed),
        (c.PERSONAS, c.PersonaSeed),
        (c.COMPETITORS, c.CompetitorSeed),
        (c.OPPORTUNITIES, c.OpportunitySeed),
        (c.RELEASES, c.ReleaseSeed),
        (c.LAUNCHES, c.LaunchSeed),
        (c.MESSAGES, c.MessageSeed),
        (c.ASSIGNMENTS, c.AssignmentSeed),
    ],
)
def test_shapes_and_text(items: list[dict[str, object]], shape: type) -> None:
    for item in items:
        assert set(item) == keys_of(shape)
        for value in item.values():
            if isinstance(value, str):
                assert value == value.strip() and value


def test_names_are_unique() -> None:
    columns: dict[str, list[str]] = {
        "segment": [s["name"] for s in c.SEGMENTS],
        "persona": [p["name"] for p in c.PERSONAS],
        "competitor": [x["name"] for x in c.COMPETITORS],
        "opportunity key": [o["key"] for o in c.OPPORTUNITIES],
        "opportunity title": [o["title"] for o in c.OPPORTUNITIES],
        "release key": [r["key"] for r in c.RELEASES],
        "release name": [r["name"] for r in c.RELEASES],
        "launch": [launch["name"] for launch in c.LAUNCHES],
        "message": [m["title"] for m in c.MESSAGES],
        "assignment": [f"{a['activity']}/{a['person']}" for a in c.ASSIGNMENTS],
    }
    for column, values in columns.items():
        assert len(values) == len(set(values)), column


def test_product_and_market() -> None:
    assert c.PRODUCT["name"] == "Shiftwell"
    segments = {s["name"] for s in c.SEGMENTS}
    for persona in c.PERSONAS:
        assert persona["segment"] in segments
        assert persona["title"] and persona["description"]
    # Every segment is covered by at least one persona.
    assert {p["segment"] for p in c.PERSONAS} == segments
    for competitor in c.COMPETITORS:
        assert re.fullmatch(r"https://[a-z0-9-]+\.example", competitor["website"])


def test_opportunities() -> None:
    for opp in c.OPPORTUNITIES:
        assert opp["status"] in OPPORTUNITY_STATUSES
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", opp["key"])
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", opp["problem"]) if s]
        assert 2 <= len(sentences) <= 4, opp["key"]
    assert len({o["status"] for o in c.OPPORTUNITIES}) >= 4


def test_releases() -> None:
    opp_keys = {o["key"] for o in c.OPPORTUNITIES}
    for release in c.RELEASES:
        assert release["horizon"] in {"now", "next", "later"}
        assert release["status"] in {"planned", "in_progress", "shipped"}
        assert release["opportunities"]
        assert set(release["opportunities"]) <= opp_keys
        if release["target_date"] is not None:
            date.fromisoformat(release["target_date"])
        if release["status"] == "shipped":
            assert release["shipped_on"] is not None
        else:
            assert release["shipped_on"] is None
    shipped = [r for r in c.RELEASES if r["status"] == "shipped"]
    assert len(shipped) == 1
    assert shipped[0]["horizon"] == "now"
    shipped_on = date.fromisoformat(shipped[0]["shipped_on"] or "")
    assert abs((shipped_on - date(2026, 10, 6)).days) <= 7
    assert shipped_on < TODAY
    others = [r for r in c.RELEASES if r["horizon"] != "now"]
    assert {r["horizon"] for r in others} == {"next", "later"}
    assert all(r["status"] == "planned" for r in others)


def test_upcoming_release_without_launch() -> None:
    launched = {launch["release"] for launch in c.LAUNCHES}
    upcoming = [r for r in c.RELEASES if r["horizon"] == "now" and r["status"] != "shipped"]
    assert len(upcoming) == 1
    release = upcoming[0]
    assert release["status"] == "in_progress"
    assert release["key"] not in launched
    target = date.fromisoformat(release["target_date"] or "")
    assert TODAY < target <= date(2026, 12, 31)


def test_launch_is_for_the_shipped_release() -> None:
    releases = {r["key"]: r for r in c.RELEASES}
    (launch,) = [x for x in c.LAUNCHES if x["status"] == "launched"]
    release = releases[launch["release"]]
    assert release["status"] == "shipped"
    assert 1 <= launch["tier"] <= 4
    assert launch["status"] in {"planning", "ready", "launched"}
    launch_date = date.fromisoformat(launch["launch_date"])
    assert date.fromisoformat(release["shipped_on"] or "") <= launch_date <= TODAY


def test_the_planned_launch_is_for_the_next_release() -> None:
    releases = {r["key"]: r for r in c.RELEASES}
    (launch,) = [x for x in c.LAUNCHES if x["status"] == "planning"]
    release = releases[launch["release"]]
    assert release["horizon"] == "next" and release["status"] == "planned"
    assert launch["launch_date"] == release["target_date"]


def test_messages() -> None:
    launches = {launch["release"] for launch in c.LAUNCHES}
    personas = {p["name"] for p in c.PERSONAS}
    kinds = Counter(m["kind"] for m in c.MESSAGES)
    assert set(kinds) <= {"positioning_statement", "value_proposition", "pillar", "proof_point"}
    assert kinds["positioning_statement"] == 1
    for message in c.MESSAGES:
        assert message["launch"] is None or message["launch"] in launches
        assert message["persona"] is None or message["persona"] in personas
    statement = next(m for m in c.MESSAGES if m["kind"] == "positioning_statement")
    assert re.fullmatch(r"For .+, Shiftwell is the .+ that .+, unlike .+\.", statement["body"])
    assert any(m["launch"] for m in c.MESSAGES)
    assert any(m["persona"] for m in c.MESSAGES)


def test_assignments() -> None:
    for assignment in c.ASSIGNMENTS:
        assert assignment["role"] in {"Founder", "PM", "PMM", "Marcom", "Sales", "Engineering"}
        assert assignment["raci"] in {"R", "A", "C", "I"}
        assert PERSON.fullmatch(assignment["person"])
    assert {"Founder", "PM", "PMM"} <= {a["role"] for a in c.ASSIGNMENTS}
    accountable = Counter(a["activity"] for a in c.ASSIGNMENTS if a["raci"] == "A")
    assert max(accountable.values()) == 1  # never two people accountable for one activity
    activities = {a["activity"] for a in c.ASSIGNMENTS}
    unowned_outbound = (activities & OUTBOUND_ACTIVITIES) - set(accountable)
    assert unowned_outbound, "the demo needs an outbound activity nobody is accountable for"
    # The rest of the work is owned, so that warning stands out.
    assert len(activities - set(accountable)) == len(unowned_outbound)


# --------------------------------------------------------------------------- evidence


def test_evidence_is_deterministic() -> None:
    assert c.generate_evidence(seed=7) == c.generate_evidence(seed=7)
    assert c.generate_evidence(seed=11, count=40) == c.generate_evidence(seed=11, count=40)


def test_other_seed_gives_other_evidence() -> None:
    first = [e["text"] for e in c.generate_evidence(seed=7)]
    second = [e["text"] for e in c.generate_evidence(seed=8)]
    assert first != second
    assert len(set(first) & set(second)) < len(first) // 5


@pytest.mark.parametrize("count", [0, 1, 25, 300, 500])
def test_evidence_count(count: int) -> None:
    assert len(c.generate_evidence(count=count)) == count


def test_evidence_fields(evidence: list[c.EvidenceSeed]) -> None:
    opp_keys = {o["key"] for o in c.OPPORTUNITIES}
    for item in evidence:
        assert set(item) == keys_of(c.EvidenceSeed)
        assert item["text"] and item["text"] == item["text"].strip()
        assert item["source"] in SOURCES
        assert item["customer_company"]
        contact = item["customer_contact"]
        assert contact is None or PERSON.fullmatch(contact)
        assert 1 <= len(item["tags"]) <= 3
        assert len(set(item["tags"])) == len(item["tags"])
        assert all(TAG.fullmatch(tag) for tag in item["tags"])
        if item["opportunity"] is None:
            assert item["importance"] is None
        else:
            assert item["opportunity"] in opp_keys
            assert item["importance"] in {0, 1, 2, 3}
    assert {item["source"] for item in evidence} == SOURCES
    assert {0, 1, 2, 3} <= {item["importance"] for item in evidence}


@pytest.mark.parametrize("today", [TODAY, date(2025, 3, 1)])
def test_evidence_dates(today: date) -> None:
    items = c.generate_evidence(today=today)
    days = [(today - date.fromisoformat(item["received_on"])).days for item in items]
    assert all(0 <= d <= 180 for d in days)
    assert max(days) - min(days) > 150  # spread over the whole window
    received = [item["received_on"] for item in items]
    assert received == sorted(received)


def test_evidence_linking(evidence: list[c.EvidenceSeed]) -> None:
    linked = [e["opportunity"] for e in evidence if e["opportunity"] is not None]
    assert 0.80 <= len(linked) / len(evidence) <= 0.85
    per_opportunity = Counter(linked)
    # Every problem has some evidence, but unevenly: two big ones, a tail of small ones.
    assert set(per_opportunity) == {o["key"] for o in c.OPPORTUNITIES}
    ranked = [n for _, n in per_opportunity.most_common()]
    assert ranked[0] + ranked[1] >= 0.35 * len(linked)
    assert ranked[-1] < 0.06 * len(linked)
    assert ranked[0] >= 3 * ranked[-1]


@pytest.mark.parametrize("seed", [7, 1, 2, 3, 42])
def test_evidence_duplicates_are_rare(seed: int) -> None:
    texts = [e["text"] for e in c.generate_evidence(seed=seed)]
    assert len(texts) - len(set(texts)) < 0.05 * len(texts)


def test_evidence_customers(evidence: list[c.EvidenceSeed]) -> None:
    companies = Counter(e["customer_company"] for e in evidence)
    assert len(companies) >= 50
    everyone: set[str] = set()
    for seed in range(5):
        everyone |= {e["customer_company"] for e in c.generate_evidence(seed=seed)}
    assert 60 <= len(everyone) <= 90
    assert sum(1 for e in evidence if e["customer_contact"] is None) > 0
    # A named contact always belongs to the same company.
    homes: dict[str, set[str]] = {}
    for e in evidence:
        if e["customer_contact"]:
            homes.setdefault(e["customer_contact"], set()).add(e["customer_company"])
    assert sum(1 for h in homes.values() if len(h) == 1) >= 0.9 * len(homes)


def test_evidence_reads_like_feedback(evidence: list[c.EvidenceSeed]) -> None:
    texts = [e["text"] for e in evidence]
    lengths = sorted(len(t) for t in texts)
    assert lengths[0] < 60 and lengths[-1] > 200
    assert any(t.startswith("Said that ") for t in texts)
    assert any(t.startswith("Lost to ") for t in texts)
    assert any("\u2605" in t for t in texts)
    assert any(t == t.lower() for t in texts)  # some typed in a hurry
    assert any(re.search(r"\b\d+ (stores|clinics|practices|restaurants|cafes)\b", t)
               for t in texts)
    assert not any("{" in t or "}" in t for t in texts)  # every placeholder filled
    assert not any(re.search(r"\ba [aeiou]", t) for t in texts)
    # Interview and call notes are written about the customer (quotes aside), and "we"
    # there means the Shiftwell team.
    for e in evidence:
        if e["source"] in {"interview", "sales_call"} and '"' not in e["text"]:
            assert not re.search(r"\b(I|I'm|I've|my|me)\b", e["text"]), e["text"]


def test_unlinked_evidence_is_triage_material(evidence: list[c.EvidenceSeed]) -> None:
    unlinked = [e for e in evidence if e["opportunity"] is None]
    tags = Counter(tag for e in unlinked for tag in e["tags"])
    assert tags["praise"] > 0 and tags["feature-request"] > 0
    assert len({e["text"] for e in unlinked}) >= 0.8 * len(unlinked)
