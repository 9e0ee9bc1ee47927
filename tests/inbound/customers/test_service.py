"""Customers on both engines: free-text customers resolved into records on every evidence
write, revenue normalised, unique domains and emails, the summary, the company overview."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from tandem.errors import Conflict, Invalid
from tandem.inbound.customers.records import companies, contacts
from tandem.inbound.customers.schemas import CompanyCreate, ContactCreate
from tandem.inbound.customers.service import (
    company_overview,
    customer_summary,
    list_companies,
)
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.loop.models import EvidenceOpportunity
from tandem.market.segment import SegmentCreate, segments
from tandem.scope import Scope


def add_evidence(scope: Scope, text: str, company: str = "", contact: str = "",
                 **extra: object) -> int:
    return evidence.create(scope, EvidenceCreate(text=text, customer_company=company,
                                                 customer_contact=contact, **extra)).id


def company(scope: Scope, **values: object) -> int:
    return companies.create(scope, CompanyCreate(**values)).id


def test_free_text_company_and_contact_become_records(scope: Scope) -> None:
    first = evidence.get(scope, add_evidence(scope, "Payroll export is slow", "Maple Dental",
                                             "Mia Chen"))
    second = evidence.get(scope, add_evidence(scope, "Swaps by text", " maple DENTAL ",
                                              "mia chen"))
    assert first.company_id is not None and first.company_id == second.company_id
    assert first.contact_id is not None and first.contact_id == second.contact_id
    assert companies.get(scope, first.company_id).name == "Maple Dental"
    mia = contacts.get(scope, first.contact_id)
    assert (mia.name, mia.email, mia.company_id) == ("Mia Chen", None, first.company_id)
    assert second.customer_company == "maple DENTAL"  # as entered (trimmed)
    assert companies.count(scope) == 1 and contacts.count(scope) == 1


def test_an_email_finds_its_company_by_domain(scope: Scope) -> None:
    harbor = company(scope, name="Harbor Dental", domain="https://www.HarborDental.example/x")
    assert companies.get(scope, harbor).domain == "harbordental.example"
    item = evidence.get(scope, add_evidence(scope, "Love it", contact="Ann@HarborDental.example"))
    assert item.company_id == harbor
    ann = contacts.get(scope, item.contact_id or 0)
    assert (ann.email, ann.company_id, ann.name) == ("ann@harbordental.example", harbor,
                                                     "ann@harbordental.example")
    # A contact made directly finds its company the same way.
    bob = contacts.create(scope, ContactCreate(email="bob@harbordental.example", name="Bob"))
    assert bob.company_id == harbor
    # An unknown domain creates no company.
    other = evidence.get(scope, add_evidence(scope, "Hi", contact="zed@nowhere.example"))
    assert other.company_id is None and other.contact_id is not None


def test_ids_sent_win_and_fill_the_free_text(scope: Scope) -> None:
    acme = company(scope, name="Acme")
    pat = contacts.create(scope, ContactCreate(name="Pat", company_id=acme)).id
    item = evidence.get(scope, add_evidence(scope, "Exports", contact_id=pat))
    assert (item.company_id, item.contact_id) == (acme, pat)
    assert (item.customer_company, item.customer_contact) == ("", "Pat")
    with pytest.raises(Invalid, match="No company 999"):
        add_evidence(scope, "x", company_id=999)


def test_update_relinks_only_what_changed(scope: Scope) -> None:
    item_id = add_evidence(scope, "Exports", "Acme", "Pat")
    item = evidence.get(scope, item_id)
    acme, pat = item.company_id, item.contact_id
    upd = evidence.update_schema
    evidence.update(scope, item_id, upd(customer_company="Globex"))
    assert item.company_id not in (None, acme)
    assert companies.get(scope, item.company_id or 0).name == "Globex"
    assert item.contact_id == pat
    evidence.update(scope, item_id, upd(customer_company="", customer_contact=""))
    cleared = evidence.get(scope, item_id)
    assert (cleared.company_id, cleared.contact_id) == (None, None)


def test_batch_create_resolves_customers(scope: Scope) -> None:
    """`create_many` is what importers call: it resolves customers the same way."""
    rows = [("one", "Luna Taqueria", "luis@luna.example"),
            ("two", "luna taqueria", "luis@luna.example"), ("three", "Copper Kettle", "")]
    made = evidence.create_many(scope, [EvidenceCreate(
        text=t, customer_company=c, customer_contact=p) for t, c, p in rows])
    assert len(made) == 3
    rows = evidence.all(scope)
    assert len({r.company_id for r in rows}) == 2 and all(r.company_id for r in rows)
    assert len({r.contact_id for r in rows if r.contact_id}) == 1
    assert companies.count(scope) == 2 and contacts.count(scope) == 1


def test_revenue_is_kept_as_entered_and_normalised_to_a_year(scope: Scope) -> None:
    acme = companies.get(scope, company(scope, name="Acme", revenue=1000,
                                        revenue_period="monthly"))
    assert (acme.revenue, acme.revenue_period, acme.arr) == (1000, "monthly", 12000)
    companies.update(scope, acme.id, companies.update_schema(revenue_period="annual"))
    assert companies.get(scope, acme.id).arr == 1000
    companies.update(scope, acme.id, companies.update_schema(revenue=None))
    assert companies.get(scope, acme.id).arr is None
    public = companies.public_schema.model_validate(acme)
    assert public.model_dump()["arr"] is None


def test_unique_and_bounded_fields(scope: Scope) -> None:
    company(scope, name="Acme", domain="acme.example")
    with pytest.raises(Conflict, match=r"domain 'acme\.example' already exists"):
        company(scope, name="Acme Two", domain="ACME.example")
    with pytest.raises(Conflict, match="name 'acme' already exists"):
        company(scope, name="acme")
    company(scope, name="No domain one")
    company(scope, name="No domain two")  # unknown domains never clash
    contacts.create(scope, ContactCreate(email="a@acme.example"))
    with pytest.raises(Conflict, match=r"email 'a@acme\.example' already exists"):
        contacts.create(scope, ContactCreate(email="A@Acme.example", name="A"))
    with pytest.raises(ValidationError, match="not a domain"):
        CompanyCreate(name="X", domain="not a domain")
    with pytest.raises(ValidationError, match="not an email address"):
        ContactCreate(email="ann-at-acme")
    with pytest.raises(ValidationError):
        CompanyCreate(name="X", revenue=-5)
    with pytest.raises(ValidationError):
        CompanyCreate(name="X", stage="lead")
    with pytest.raises(ValidationError):
        CompanyCreate(name="X" * 201)
    with pytest.raises(Invalid, match="needs a name or an email"):
        contacts.create(scope, ContactCreate())


def test_sorted_filtered_list(scope: Scope) -> None:
    clinics = segments.create(scope, SegmentCreate(name="Clinics")).id
    company(scope, name="Small", revenue=100, segment_id=clinics, plan="Starter")
    company(scope, name="Big", revenue=9000, stage="trial")
    company(scope, name="Unknown")
    names = [c.name for c in list_companies(scope, sort="-arr").items]
    assert names == ["Big", "Small", "Unknown"]  # unknown revenue last
    assert [c.name for c in list_companies(scope, sort="arr").items] == [
        "Small", "Big", "Unknown"]
    assert [c.name for c in list_companies(scope, filters={"stage": "trial"}).items] == ["Big"]
    assert [c.name for c in list_companies(
        scope, filters={"segment_id": str(clinics)}).items] == ["Small"]
    assert [c.name for c in list_companies(scope, filters={"plan": "Starter"}).items] == [
        "Small"]
    assert [c.name for c in list_companies(scope, q="big").items] == ["Big"]
    with pytest.raises(Invalid, match="Sort companies by one of"):
        list_companies(scope, sort="size")
    with pytest.raises(Invalid, match="stage"):
        list_companies(scope, filters={"stage": "lead"})


def test_customer_summary_counts_each_company_once(scope: Scope) -> None:
    clinics = segments.create(scope, SegmentCreate(name="Clinics")).id
    shops = segments.create(scope, SegmentCreate(name="Shops")).id
    company(scope, name="A", revenue=1000, segment_id=clinics)
    company(scope, name="B", revenue=100, revenue_period="monthly", segment_id=shops)
    company(scope, name="C", segment_id=clinics)
    company(scope, name="D", revenue=5)
    ids = [add_evidence(scope, "a1", "A"), add_evidence(scope, "a2", "A"),
           add_evidence(scope, "b1", "B"), add_evidence(scope, "c1", "C"),
           add_evidence(scope, "d1", "D"), add_evidence(scope, "nobody")]
    found = customer_summary(scope, [*ids, ids[0], 10**9])
    assert (found.evidence, found.with_company, found.companies) == (6, 5, 4)
    assert found.arr == 1000 + 1200 + 0 + 5
    shares = [(s.segment, s.companies, s.arr) for s in found.segments]
    assert shares == [("Shops", 1, 1200), ("Clinics", 2, 1000), ("No segment", 1, 5)]
    only_a = customer_summary(scope, ids[:2])
    assert (only_a.companies, only_a.arr) == (1, 1000)
    assert customer_summary(scope, []).companies == 0


def test_company_overview(scope: Scope) -> None:
    acme = company(scope, name="Acme", revenue=50)
    opp = opportunities.create(scope, OpportunityCreate(title="Faster payroll")).id
    talk = add_evidence(scope, "Payroll hurts", "Acme", "Pat", received_on=date(2026, 1, 1))
    add_evidence(scope, "Lost to a spreadsheet", "Acme", source="win_loss")
    add_evidence(scope, "Other company", "Globex")
    scope.session.add(EvidenceOpportunity(workspace_id=scope.workspace_id, evidence_id=talk,
                                          opportunity_id=opp, importance=2))
    scope.session.flush()
    view = company_overview(scope, acme)
    assert view.evidence_total == 2 and view.evidence[-1].id == talk
    assert [(o.title, o.evidence) for o in view.opportunities] == [("Faster payroll", 1)]
    assert [d.text for d in view.deals] == ["Lost to a spreadsheet"]
    assert [c.name for c in view.contacts] == ["Pat"]


def test_prefetch_looks_up_a_batchs_customers_in_two_queries(scope: Scope) -> None:
    """What an import does per batch: the companies and contacts the rows name are read at
    once; each row then resolves to the same records as without the prefetch."""
    from tandem.inbound.customers import resolve
    from tests.statements import statements_sent

    names = ["Maple Dental", "Harbor Clinic", "Copper Kettle"]
    expected = {}
    for n in range(12):
        item = evidence.get(scope, add_evidence(scope, f"item {n}", names[n % 3],
                                                f"p{n % 4}@example.com"))
        expected[n] = (item.company_id, item.contact_id, item.segment_id)
    resolve.forget(scope)
    rows = [{"text": f"again {n}", "customer_company": names[n % 3].upper(),
             "customer_contact": f"P{n % 4}@Example.com"} for n in range(12)]
    with statements_sent(scope.session.get_bind()) as sent:
        resolve.prefetch(scope, rows)
        looked_up = len(sent)
        for row in rows:
            resolve.resolve_customer(scope, row)
    statements = [statement for statement, _ in sent]
    assert looked_up == 2
    reads = [s for s in statements[looked_up:] if "companies" in s or "contacts" in s]
    assert reads == []  # every company, contact and segment came from the prefetch
    assert [(r["company_id"], r["contact_id"], r["segment_id"]) for r in rows] \
        == [expected[n] for n in range(12)]
    assert companies.count(scope) == 3 and contacts.count(scope) == 4


def test_prefetch_makes_a_batchs_new_contacts_at_once(scope: Scope) -> None:
    """Emails nobody has yet become contacts in one go, each at the company of the first
    row naming it (by name, else by the email's domain), as row-by-row resolving would."""
    from tandem.inbound.customers import resolve

    harbor = company(scope, name="Harbor Dental", domain="harbordental.example")
    rows = [{"text": "a", "customer_company": "Luna Taqueria", "customer_contact": "Ann@x.example"},
            {"text": "b", "customer_company": "Other", "customer_contact": "ann@x.example"},
            {"text": "c", "customer_company": "", "customer_contact": "bo@harbordental.example"},
            {"text": "d", "customer_company": "", "customer_contact": "cy@nowhere.example"},
            {"text": "e", "customer_company": "Luna Taqueria", "customer_contact": "Di Name"}]
    resolve.prefetch(scope, rows)
    made = {c.email: c for c in contacts.all(scope)}
    assert set(made) == {"ann@x.example", "bo@harbordental.example", "cy@nowhere.example"}
    assert made["cy@nowhere.example"].company_id is None  # no company has that domain
    luna = made["ann@x.example"].company_id
    assert luna is not None and companies.get(scope, luna).name == "Luna Taqueria"
    assert made["bo@harbordental.example"].company_id == harbor
    for row in rows:
        resolve.resolve_customer(scope, row)
    assert rows[0]["contact_id"] == rows[1]["contact_id"] == made["ann@x.example"].id
    assert rows[2]["contact_id"] == made["bo@harbordental.example"].id
    assert rows[2]["company_id"] == harbor
    assert rows[4]["company_id"] == luna and rows[4]["contact_id"] not in {
        c.id for c in made.values()}
