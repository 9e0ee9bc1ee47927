"""Companies and contacts from CSV on both engines: matched and updated rather than copied,
every bad row named with its line and column, nothing written unless all rows are good."""

from __future__ import annotations

import pytest

from tandem.errors import Invalid
from tandem.inbound.customers.importer import (
    ImportRejected,
    import_companies,
    import_contacts,
)
from tandem.inbound.customers.records import companies, contacts
from tandem.market.persona import PersonaCreate, personas
from tandem.market.segment import SegmentCreate, segments
from tandem.scope import Scope


def test_companies_are_created_then_updated(scope: Scope) -> None:
    clinics = segments.create(scope, SegmentCreate(name="Multi-site clinics")).id
    first = import_companies(scope, "name,domain,mrr,plan,segment,stage\n"
                             "Harbor Dental,harbor.example,\"1,000\",Growth,multi-site clinics,"
                             "customer\nLuna,,,,,prospect\n", "crm.csv")
    assert (first.created, first.updated) == (2, 0)
    harbor = next(c for c in companies.all(scope) if c.name == "Harbor Dental")
    assert (harbor.arr, harbor.segment_id, harbor.plan) == (12000, clinics, "Growth")
    # A newer export: the domain finds Harbor even under a new name; Luna by its name.
    again = import_companies(scope, "name,domain,arr\nHarbor Dental Group,harbor.example,"
                             "20000\nluna,luna.example,5\n", "crm.csv")
    assert (again.created, again.updated) == (0, 2)
    assert (harbor.name, harbor.arr, harbor.revenue_period) == (
        "Harbor Dental Group", 20000, "annual")
    assert harbor.plan == "Growth"  # columns not in the file stay as they were
    assert companies.count(scope) == 2


def test_every_bad_company_row_is_named(scope: Scope) -> None:
    text = ("name,domain,arr,mrr,segment,stage\n"
            "Good,good.example,1,,,\n"
            "Both,,1,2,,\n"
            "Nowhere,,,,Moon,\n"
            ",,,,,\n"
            "Lead,,,,,lead\n"
            "Twin,good.example,,,,\n"
            "Bad domain,not a domain,,,,\n")
    with pytest.raises(ImportRejected) as failed:
        import_companies(scope, text, "crm.csv")
    found = [(p.line, p.field) for p in failed.value.problems]
    assert found == [(3, "mrr"), (4, "segment"), (6, "stage"), (7, "domain"), (8, "domain")]
    assert failed.value.message.startswith("crm.csv: 5 invalid row(s), nothing imported: "
                                           "line 3, column 'mrr': give arr or mrr, not both")
    assert companies.count(scope) == 0
    kept = import_companies(scope, text, "crm.csv", skip_invalid=True)
    assert kept.created == 1 and len(kept.skipped) == 5


@pytest.mark.parametrize(("text", "message"), [
    ("", "crm.csv is empty"),
    ("plan\nx\n", "the header needs a 'name' column"),
    ("name,size\nx,1\n", "unknown column 'size'"),
])
def test_a_bad_file_is_refused_whole(scope: Scope, text: str, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        import_companies(scope, text, "crm.csv")


def test_contacts_find_companies_and_personas(scope: Scope) -> None:
    import_companies(scope, "name,domain\nHarbor,harbor.example\n")
    ops = personas.create(scope, PersonaCreate(name="Ops Olivia")).id
    result = import_contacts(scope, "email,name,title,persona,company\n"
                             "mia@harbor.example,Mia,Manager,ops olivia,\n"
                             ",Raj,Owner,,Luna Taqueria\n", "people.csv")
    assert (result.created, result.updated) == (2, 0)
    people = {c.name: c for c in contacts.all(scope)}
    harbor = next(c.id for c in companies.all(scope) if c.name == "Harbor")
    assert (people["Mia"].company_id, people["Mia"].persona_id) == (harbor, ops)
    luna = next(c.id for c in companies.all(scope) if c.name == "Luna Taqueria")
    assert people["Raj"].company_id == luna
    again = import_contacts(scope, "email,name,company\nMIA@harbor.example,Mia Chen,\n"
                            ",Raj,Luna Taqueria\n", "people.csv")
    assert (again.created, again.updated) == (0, 2)
    assert people["Mia"].name == "Mia Chen" and contacts.count(scope) == 2
    with pytest.raises(ImportRejected) as failed:
        import_contacts(scope, "email,name,persona\nbad,X,\n,,\nz@z.example,Z,\n"
                        "y@z.example,Y,Nobody\nZ@z.example,Z2,\n", "people.csv")
    assert [(p.line, p.field) for p in failed.value.problems] == [
        (2, "email"), (5, "persona"), (6, "email")]
