"""The demo's segment criteria, company firmographics and persona profiles hold together."""

from __future__ import annotations

from tandem.demo import content as c
from tandem.demo import profiles
from tandem.demo.customers import _plan
from tandem.market import criteria as rules
from tandem.market.persona import PersonaCreate
from tandem.market.segment import SegmentCreate


def test_every_persona_and_segment_has_a_valid_profile() -> None:
    assert {p["name"] for p in c.PERSONAS} == set(profiles.PERSONAS)
    assert {s["name"] for s in c.SEGMENTS} == set(profiles.SEGMENTS)
    for seed in c.PERSONAS:
        values = {k: v for k, v in seed.items() if k != "segment"}
        persona = PersonaCreate.model_validate(values | profiles.PERSONAS[seed["name"]])
        assert persona.goals and persona.pains and persona.jobs and persona.objections
        assert persona.channels and persona.buying_roles
    for seed in c.SEGMENTS:
        segment = SegmentCreate.model_validate({**seed, **profiles.SEGMENTS[seed["name"]]})
        assert segment.market_size and segment.market_size_source


def test_demo_companies_meet_their_own_segments_criteria_only() -> None:
    found = {name: rules.check(s["criteria"]) for name, s in profiles.SEGMENTS.items()}
    met: dict[str, int] = dict.fromkeys(found, 0)
    for index, (name, kind, sites) in enumerate(c._CUSTOMERS):
        own = c._KINDS[kind]["segment"]
        facts = {**profiles.firmographics(index, kind, own, sites), "plan": _plan(sites),
                 "stage": "customer", "arr": 1000}
        for segment, criteria in found.items():
            if rules.matches(criteria, facts):
                assert segment == own, (name, segment)
                met[segment] += 1
    assert all(count >= 3 for count in met.values()), met
