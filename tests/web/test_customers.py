"""Customer pages: the company list (sort, filter, search), a company's page with its
evidence, opportunities, deals and contacts, the evidence page's customer, CSV import."""

from __future__ import annotations

from tandem.accounts.models import User
from tandem.inbound.customers.records import companies, contacts
from tandem.inbound.customers.schemas import CompanyCreate
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.loop.models import EvidenceOpportunity
from tandem.market.segment import SegmentCreate, segments
from tandem.runtime import Runtime
from tests.web.conftest import Browser


def _seed(rt: Runtime, user: User) -> dict[str, int]:
    with rt.scope(user, "acme") as scope:
        clinics = segments.create(scope, SegmentCreate(name="Clinics")).id
        big = companies.create(scope, CompanyCreate(
            name="Harbor Dental", domain="harbor.example", revenue=4000,
            revenue_period="monthly", plan="Scale", segment_id=clinics)).id
        companies.create(scope, CompanyCreate(name="Luna Taqueria", revenue=9000,
                                              stage="trial", plan="Starter"))
        said = evidence.create(scope, EvidenceCreate(
            text="Payroll export takes two hours", customer_company="Harbor Dental",
            customer_contact="mia@harbor.example")).id
        evidence.create(scope, EvidenceCreate(text="Lost to a spreadsheet",
                                              customer_company="harbor dental",
                                              source="win_loss"))
        opp = opportunities.create(scope, OpportunityCreate(title="Faster payroll")).id
        scope.session.add(EvidenceOpportunity(workspace_id=scope.workspace_id,
                                              evidence_id=said, opportunity_id=opp,
                                              importance=3))
        return {"big": big, "said": said, "clinics": clinics}


def test_company_list_sorts_filters_and_searches(signed_in: Browser, rt: Runtime,
                                                 user: User) -> None:
    ids = _seed(rt, user)
    page = signed_in.get("/w/acme/companies?sort=-arr")
    assert page.status_code == 200
    text = page.text
    assert text.index("Harbor Dental") < text.index("Luna Taqueria")  # 48,000 before 9,000
    assert "48,000" in text and "9,000" in text
    assert f'href="/w/acme/evidence?company_id={ids["big"]}">2<span' in text
    by_name = signed_in.get("/w/acme/companies").text
    assert by_name.index("Harbor Dental") < by_name.index("Luna Taqueria")
    trial = signed_in.get("/w/acme/companies?stage=trial").text
    assert "Luna Taqueria" in trial and "Harbor Dental" not in trial
    clinic = signed_in.get(f"/w/acme/companies?segment_id={ids['clinics']}").text
    assert "Harbor Dental" in clinic and "Luna Taqueria" not in clinic
    assert "Harbor Dental" not in signed_in.get("/w/acme/companies?plan=Starter").text
    assert "Luna Taqueria" not in signed_in.get("/w/acme/companies?q=harbor").text
    wrong = signed_in.get("/w/acme/companies?stage=lead&sort=nonsense")
    assert wrong.status_code == 200 and "The filters were cleared" in wrong.text


def test_company_page_shows_what_stands_behind_it(signed_in: Browser, rt: Runtime,
                                                  user: User) -> None:
    ids = _seed(rt, user)
    page = signed_in.get(f"/w/acme/companies/{ids['big']}")
    assert page.status_code == 200
    text = page.text
    assert "48,000" in text and "4,000 a month" in text and "Clinics" in text
    assert "Payroll export takes two hours" in text
    assert "Faster payroll" in text and "1 piece" in text  # through its evidence
    deals = text[text.index('id="co-deals-h"'):text.index('id="co-contacts-h"')]
    assert "Lost to a spreadsheet" in deals and "Payroll export" not in deals
    with rt.scope(user, "acme") as scope:
        mia = contacts.all(scope)[0]
    assert f'href="/w/acme/contacts/{mia.id}"' in text
    item = signed_in.get(f"/w/acme/evidence/{ids['said']}").text
    assert f'href="/w/acme/companies/{ids["big"]}">Harbor Dental</a>' in item
    listed = signed_in.get("/w/acme/evidence").text
    assert f'href="/w/acme/companies/{ids["big"]}">Harbor Dental</a>' in listed
    contact = signed_in.get(f"/w/acme/contacts/{mia.id}")
    assert contact.status_code == 200 and "mia@harbor.example" in contact.text


def test_csv_import_all_or_nothing(signed_in: Browser, rt: Runtime, user: User) -> None:
    def upload(kind: str, body: str, skip: bool = False) -> object:
        data = {"csrf_token": signed_in.csrf, **({"skip_invalid": "1"} if skip else {})}
        return signed_in.client.post(f"/w/acme/{kind}/import", data=data,
                                     files={"file": ("crm.csv", body.encode(), "text/csv")})

    assert signed_in.get("/w/acme/companies/import").status_code == 200
    bad = upload("companies", "name,mrr,segment\nGood,10,\nBad,ten,\nOdd,1,Nowhere\n")
    assert bad.status_code == 422  # type: ignore[attr-defined]
    text = bad.text  # type: ignore[attr-defined]
    assert "2 rows cannot be imported, so nothing was imported" in text
    assert "<strong>Line 3</strong>, column <code>mrr</code>" in text
    assert "no segment named &#39;Nowhere&#39;" in text
    with rt.scope(user, "acme") as scope:
        assert companies.count(scope) == 0
    partial = upload("companies", "name,mrr\nGood,10\nBad,ten\n", skip=True)
    assert partial.status_code == 200  # type: ignore[attr-defined]
    assert "Skipped 1 row" in partial.text  # type: ignore[attr-defined]
    done = upload("contacts", "email,name\nann@x.example,Ann\n")
    assert done.status_code == 303  # type: ignore[attr-defined]
    empty = upload("contacts", "")
    assert empty.status_code == 422  # type: ignore[attr-defined]
    assert "crm.csv is empty" in empty.text  # type: ignore[attr-defined]
