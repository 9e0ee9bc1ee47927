"""Segments and personas as shared models: what every side knows about them (services on both
engines), their structured fields and links, and the pages that show and edit them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tandem.accounts.models import User
from tandem.demo.market import CLINICS_TOP_DOWN
from tandem.errors import Invalid
from tandem.inbound.customers.records import companies, contacts
from tandem.inbound.customers.schemas import CompanyCreate, ContactCreate
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.inbound.scoring.service import add_standard_models
from tandem.loop import links
from tandem.loop.models import EvidenceOpportunity
from tandem.market.persona import Persona, PersonaCreate, job_sentence, personas
from tandem.market.product import ProductCreate, products
from tandem.market.profile import service
from tandem.market.segment import SegmentCreate, segments
from tandem.market.sizing import service as sizing
from tandem.market.sizing.schemas import SizingCreate
from tandem.market.winloss import service as winloss
from tandem.market.winloss.schemas import DealCreate
from tandem.outbound.launch import LaunchCreate, launches
from tandem.outbound.message import MessageCreate, messages
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.schemas import HouseCreate, MatrixRowIn
from tandem.platform.events.models import Event
from tandem.runtime import Runtime
from tandem.scope import Scope
from tests.web.conftest import Browser, owner_scope

CLINIC_CRITERIA = [{"field": "industry", "op": "one_of", "value": "Dental, Vet"},
                   {"field": "employees", "op": "between", "value": "30-200"}]


def _seed(scope: Scope) -> dict[str, int]:
    seg = segments.create(scope, SegmentCreate.model_validate({
        "name": "Clinics", "criteria": CLINIC_CRITERIA, "market_size": 400,
        "market_size_source": "Register count"})).id
    olivia = personas.create(scope, PersonaCreate(name="Operations Olivia", segment_id=seg)).id
    personas.create(scope, PersonaCreate(name="Payroll Priya", segment_id=seg))
    # assigned; assigned and meeting the criteria; meeting them only; neither
    harbor = companies.create(scope, CompanyCreate(
        name="Harbor Dental", revenue=20_000, segment_id=seg, industry="Dental",
        employees=80)).id
    companies.create(scope, CompanyCreate(name="Cedar Physio", revenue=5_000, segment_id=seg,
                                          industry="Physio", employees=40))
    companies.create(scope, CompanyCreate(name="Kestrel Vet", revenue=7_000, industry="vet",
                                          employees=35))
    companies.create(scope, CompanyCreate(name="Big Vet", revenue=90_000, industry="Vet",
                                          employees=900))
    ann = contacts.create(scope, ContactCreate(name="Ann", email="ann@harbor.example",
                                               company_id=harbor, persona_id=olivia)).id
    told = evidence.create(scope, EvidenceCreate(text="Cover for sick days takes hours",
                                                 contact_id=ann, company_id=harbor)).id
    tagged = evidence.create(scope, EvidenceCreate(text="We re-key timesheets",
                                                   segment_id=seg)).id
    evidence.create(scope, EvidenceCreate(text="Unrelated feedback"))
    cover = opportunities.create(scope, OpportunityCreate(
        title="Faster shift cover", reach=100, impact="high", confidence=80, effort=2)).id
    payroll = opportunities.create(scope, OpportunityCreate(
        title="Payroll export", reach=500, impact="massive", confidence=100, effort=1)).id
    opportunities.create(scope, OpportunityCreate(title="Elsewhere"))
    for ev, opp in ((told, cover), (tagged, payroll)):
        scope.session.add(EvidenceOpportunity(workspace_id=scope.workspace_id,
                                              evidence_id=ev, opportunity_id=opp))
    scope.session.flush()
    messages.create(scope, MessageCreate(title="Cover in minutes", body="...",
                                         persona_id=olivia))
    sizing.create(scope, SizingCreate.model_validate({
        "name": "Clinics EU", "method": "top_down", "inputs": CLINICS_TOP_DOWN,
        "segment_id": seg}))
    product = products.create(scope, ProductCreate(name="Shiftwell")).id
    house = messaging.create(scope, HouseCreate.model_validate({
        "name": "Core", "product_id": product, "core_message": "Covered shifts",
        "pillars": [{"title": "Fast"}, {"title": "Simple"}]})).id
    messaging.add_matrix_row(scope, house, MatrixRowIn(
        persona_id=olivia, pain="Late-night texts", key_message="Staff swap, you approve"))
    for outcome in ("won", "won", "lost", "no_decision"):
        winloss.record(scope, DealCreate.model_validate({
            "name": f"Deal {outcome}", "outcome": outcome, "segment_id": seg}))
    return {"segment": seg, "persona": olivia, "cover": cover, "payroll": payroll,
            "told": told, "tagged": tagged}


def test_a_segment_knows_its_companies_evidence_opportunities_and_market(scope: Scope) -> None:
    ids = _seed(scope)
    known = service.for_segment(scope, ids["segment"])
    fits = {f.company.name: f.why for f in known.companies}
    assert fits == {"Harbor Dental": "assigned, meets criteria", "Cedar Physio": "assigned",
                    "Kestrel Vet": "meets criteria"}
    assert known.companies[0].company.name == "Harbor Dental"  # largest ARR first
    assert known.arr == 32_000 and known.assigned == 2 and known.matched == 2
    assert known.coverage == pytest.approx(3 / 400)
    assert known.criteria == ("Industry is one of Dental, Vet and Employees is between "
                              "30-200")
    # evidence tagged with the segment and from its assigned companies; not the unrelated
    assert known.evidence_count == 2
    assert {o.title for o in known.opportunities} == {"Faster shift cover", "Payroll export"}
    assert known.ranked_by == "ARR-weighted demand"  # no scoring model in the workspace
    assert (known.winloss.won, known.winloss.lost, known.winloss.no_decision) == (2, 1, 1)
    assert [p.name for p in known.personas] == ["Operations Olivia", "Payroll Priya"]
    assert [m.title for m in known.messages] == ["Cover in minutes"]
    assert [line.row.key_message for line in known.matrix] == ["Staff swap, you approve"]
    assert known.sizing[0][1][0] == ("TAM", 3.6e9 * 0.30)


def test_opportunities_rank_by_the_default_scoring_model(scope: Scope) -> None:
    ids = _seed(scope)
    add_standard_models(scope)  # RICE becomes the default
    known = service.for_segment(scope, ids["segment"])
    assert known.ranked_by == "RICE"
    # RICE: payroll 500*3*1/1 = 1500 beats cover 100*2*0.8/2 = 80
    assert [(o.title, o.score) for o in known.opportunities] == [
        ("Payroll export", 1500.0), ("Faster shift cover", 80.0)]


def test_a_persona_knows_its_own_evidence_and_outbound_work(scope: Scope) -> None:
    ids = _seed(scope)
    known = service.for_persona(scope, ids["persona"])
    assert known.evidence_count == 1  # through Ann, whose persona it is
    assert [e.text for e in known.latest] == ["Cover for sick days takes hours"]
    assert [o.title for o in known.opportunities] == ["Faster shift cover"]
    assert [p.name for p in known.personas] == ["Payroll Priya"]
    assert known.segment is not None and len(known.companies) == 3
    assert [m.title for m in known.messages] == ["Cover in minutes"]


def test_links_by_hand_add_to_what_they_know(scope: Scope) -> None:
    ids = _seed(scope)
    other = next(o.id for o in opportunities.all(scope) if o.title == "Elsewhere")
    release = releases.create(scope, ReleaseCreate(name="Swap Center")).id
    launch = launches.create(scope, LaunchCreate(name="Swap launch", release_id=release)).id
    spare = messages.create(scope, MessageCreate(title="For buyers", body="...")).id
    links.link(scope, "personas", ids["persona"], "evidence", ids["tagged"])
    links.link(scope, "personas", ids["persona"], "opportunities", other)
    links.link(scope, "launches", launch, "personas", ids["persona"])  # either order
    links.link(scope, "personas", ids["persona"], "messages", spare)
    known = service.for_persona(scope, ids["persona"])
    assert known.evidence_count == 2
    assert {o.title: o.by_hand for o in known.opportunities} == {
        "Faster shift cover": False, "Payroll export": False, "Elsewhere": True}
    assert [la.name for la in known.launches] == ["Swap launch"]
    assert {m.title for m in known.messages} == {"Cover in minutes", "For buyers"}
    assert [i.id for i in known.by_hand["launches"]] == [launch]
    # the loop strip of a launch does not offer segments or personas; their pages do
    assert "personas" not in links.linkable(scope, "launches", market=False)
    assert "personas" in links.linkable(scope, "launches")
    links.unlink(scope, "personas", ids["persona"], "launches", launch)
    assert service.for_persona(scope, ids["persona"]).launches == []
    verbs = scope.session.scalars(select(Event.verb).where(Event.kind == "personas")).all()
    assert verbs.count("linked") == 4 and verbs.count("unlinked") == 1


def test_persona_lists_are_bounded_and_kept(scope: Scope) -> None:
    made = personas.create(scope, PersonaCreate.model_validate({
        "name": "Dana", "type": "user", "goals": "Hit budget\n\n  See all stores  \n",
        "jobs": [{"when": "a store is short", "want": "send a floater",
                  "so_that": "both stores hit their numbers"}],
        "buying_roles": ["champion", "user", "champion"]}))
    assert made.goals == ["Hit budget", "See all stores"]
    assert made.buying_roles == ["champion", "user"]
    assert job_sentence(made.jobs[0]) == ("When a store is short, I want to send a floater, "
                                          "so I can both stores hit their numbers.")
    for bad in ({"goals": ["x" * 301]}, {"goals": ["a"] * 21},
                {"jobs": [{"when": "x", "want": ""}]}, {"buying_roles": ["boss"]},
                {"type": "admin"}, {"channels": ["ok", "bad\x00"]}):
        with pytest.raises(ValueError):
            PersonaCreate.model_validate({"name": "X", **bad})
    stored = scope.session.get(Persona, made.id)
    assert stored is not None and stored.type == "user"


def test_segment_criteria_are_checked_on_every_change(scope: Scope) -> None:
    seg = segments.create(scope, SegmentCreate(name="Retail")).id
    bad = segments.update_schema.model_validate({"criteria": [
        {"field": "region", "op": "is", "value": "West"},
        {"field": "employees", "op": "between", "value": "500-50"}]})
    with pytest.raises(Invalid) as caught:
        segments.update(scope, seg, bad)
    assert caught.value.field == "criteria[1].value"
    assert segments.get(scope, seg).criteria == []
    with pytest.raises(ValueError):  # an unknown field is refused by the schema itself
        SegmentCreate.model_validate({"name": "X", "criteria": [
            {"field": "colour", "op": "is", "value": "red"}]})


def test_the_segment_page_shows_every_side(signed_in: Browser, rt: Runtime,
                                           user: User) -> None:
    with owner_scope(rt, user) as scope:
        ids = _seed(scope)
    page = signed_in.get(f"/w/acme/segments/{ids['segment']}").text
    assert "What every side knows" in page and "2 pieces of evidence" in page
    assert "Industry is one of Dental, Vet" in page and "400</strong> companies" in page
    assert "3 companies" in page and "Kestrel Vet" in page and "meets criteria" in page
    assert "Cover in minutes" in page and "Clinics EU" in page and "TAM 1.08bn" in page
    assert "2 won, 1 lost, 1 no decision" in page and "Staff swap, you approve" in page
    persona = signed_in.get(f"/w/acme/personas/{ids['persona']}").text
    assert "Payroll Priya" in persona and "Edit profile" in persona


def test_criteria_form_saves_rows_and_names_a_bad_one(signed_in: Browser, rt: Runtime,
                                                      user: User) -> None:
    with owner_scope(rt, user) as scope:
        seg = segments.create(scope, SegmentCreate(name="Retail")).id
    url = f"/w/acme/segments/{seg}/criteria"
    assert "Criteria and size of Retail" in signed_in.get(url).text
    bad = signed_in.post(url, {"c0_field": "region", "c0_op": "is", "c0_value": "West",
                               "c1_field": "employees", "c1_op": "between",
                               "c1_value": "lots", "market_size": "12,000"})
    assert bad.status_code == 422 and "Row 2: give two numbers" in bad.text
    assert 'value="lots"' in bad.text  # the input is kept
    saved = signed_in.post(url, {"c0_field": "region", "c0_op": "is", "c0_value": "West",
                                 "c1_field": "", "c1_op": "", "c1_value": "",
                                 "market_size": "12,000", "market_size_source": "Census"})
    assert "Saved" in signed_in.follow(saved).text
    with owner_scope(rt, user) as scope:
        segment = segments.get(scope, seg)
        assert segment.criteria == [{"field": "region", "op": "is", "value": "West"}]
        assert (segment.market_size, segment.market_size_source) == (12_000, "Census")
    # the generic edit form leaves the criteria alone
    edited = signed_in.post(f"/w/acme/segments/{seg}/edit", {"name": "Retail chains",
                                                             "description": ""})
    assert edited.status_code == 303
    with owner_scope(rt, user) as scope:
        assert segments.get(scope, seg).criteria == [
            {"field": "region", "op": "is", "value": "West"}]


def test_persona_profile_form(signed_in: Browser, rt: Runtime,
                              user: User) -> None:
    with owner_scope(rt, user) as scope:
        pid = personas.create(scope, PersonaCreate(name="Omar")).id
    url = f"/w/acme/personas/{pid}/profile"
    bad = signed_in.post(url, {"type": "buyer", "goals": "x" * 301, "j0_when": "busy",
                               "j0_want": "", "j0_so_that": ""})
    assert bad.status_code == 422 and "at most 300 characters" in bad.text
    assert "I want to must not be empty" in bad.text or "must not be empty" in bad.text
    saved = signed_in.post(url, {"type": "user", "goals": "Labour under 30%\nFewer hours",
                                 "pains": "", "objections": "POS does it", "channels": "",
                                 "buying_roles": ["economic_buyer", "champion"],
                                 "j0_when": "I plan the week", "j0_want": "see covers",
                                 "j0_so_that": "I cut shifts"})
    page = signed_in.follow(saved).text
    assert "Labour under 30%" in page and "Economic buyer" in page
    assert "When I plan the week, I want to see covers, so I can I cut shifts." in page
    with owner_scope(rt, user) as scope:
        persona = personas.get(scope, pid)
        assert persona.goals == ["Labour under 30%", "Fewer hours"]
        assert persona.jobs == [{"when": "I plan the week", "want": "see covers",
                                 "so_that": "I cut shifts"}]
        assert persona.type == "user"


def test_linking_from_the_persona_page(signed_in: Browser, rt: Runtime,
                                       user: User) -> None:
    with owner_scope(rt, user) as scope:
        pid = personas.create(scope, PersonaCreate(name="Omar")).id
        opp = opportunities.create(scope, OpportunityCreate(title="Covers forecast")).id
    back = f"/w/acme/personas/{pid}#known"
    made = signed_in.post(f"/w/acme/personas/{pid}/links",
                          {"kind": "opportunities", "id": str(opp), "next": back})
    assert made.headers["location"].startswith(f"/w/acme/personas/{pid}")
    page = signed_in.follow(made).text
    assert "Covers forecast" in page and "linked by hand" in page
    opp_page = signed_in.get(f"/w/acme/opportunities/{opp}").text
    assert "Segments and personas" in opp_page and f"/w/acme/personas/{pid}" in opp_page
    gone = signed_in.post(f"/w/acme/personas/{pid}/links/remove",
                          {"kind": "opportunities", "id": str(opp), "next": back})
    assert "Link removed" in signed_in.follow(gone).text
    assert "Segments and personas" not in signed_in.get(f"/w/acme/opportunities/{opp}").text


def test_company_import_reads_firmographics_that_criteria_match(scope: Scope) -> None:
    from tandem.inbound.customers.importer import import_companies

    seg = segments.create(scope, SegmentCreate.model_validate({
        "name": "Big retail", "criteria": [
            {"field": "industry", "op": "is", "value": "Retail"},
            {"field": "employees", "op": "at_least", "value": "100"},
            {"field": "region", "op": "one_of", "value": "West, South"}]})).id
    import_companies(scope, "name,industry,employees,region\nTall Pines,Retail,250,West\n"
                            "Glow,Retail,40,West\nPaper Moon,retail,120,north\n")
    known = service.for_segment(scope, seg)
    assert [(f.company.name, f.why) for f in known.companies] == [
        ("Tall Pines", "meets criteria")]
    bad = import_companies(scope, "name,employees\nX,many\n", skip_invalid=True)
    assert bad.skipped and "employees" in str(bad.skipped[0])
