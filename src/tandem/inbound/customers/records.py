"""The two record kinds, companies and contacts, with the rules their values follow.

A company's revenue is kept as entered (amount and period) and as one annual figure,
`arr`, which sums and sorts use. A contact with no name is named by its email, and a
contact with an email but no company finds its company by the email's domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.inbound.customers.models import Company, Contact, Period
from tandem.inbound.customers.schemas import CompanyCreate, ContactCreate, email_domain
from tandem.schema import public_model
from tandem.scope import Scope

MONTHS = 12


def annual(revenue: int | None, period: str) -> int | None:
    """The yearly figure for an entered amount: MRR times twelve, ARR as it is."""
    if revenue is None:
        return None
    return revenue * MONTHS if period == Period.monthly.value else revenue


def _prepare_company(scope: Scope, values: dict[str, Any], current: Company | None) -> None:
    if "revenue" in values or "revenue_period" in values:
        revenue = values.get("revenue", current.revenue if current is not None else None)
        period = values.get("revenue_period") or (
            current.revenue_period if current is not None else Period.annual.value)
        values["arr"] = annual(revenue, str(getattr(period, "value", period)))


def company_by_domain(scope: Scope, domain: str) -> Company | None:
    return scope.session.scalars(select(Company).where(
        Company.workspace_id == scope.workspace_id, Company.domain == domain.lower())).first()


def company_by_name(scope: Scope, name: str) -> Company | None:
    return scope.session.scalars(select(Company).where(
        Company.workspace_id == scope.workspace_id,
        func.lower(Company.name) == name.strip().lower())).first()


def _prepare_contact(scope: Scope, values: dict[str, Any], current: Contact | None) -> None:
    email = values.get("email", current.email if current is not None else None)
    if "name" in values and not values["name"]:
        if not email:
            raise Invalid("A contact needs a name or an email address.", "name")
        values["name"] = email
    company_given = "company_id" in values and values["company_id"] is not None
    has_company = company_given or (current is not None and current.company_id is not None
                                    and "company_id" not in values)
    if email and not has_company:
        found = company_by_domain(scope, email_domain(email))
        if found is not None:
            values["company_id"] = found.id


def _contact_rule(item: Mapping[str, Any]) -> None:
    if not item.get("name") and not item.get("email"):
        raise Invalid("A contact needs a name or an email address.", "name")


companies: Resource[Company] = Resource(
    name="companies",
    label="Company",
    plural="Companies",
    model=Company,
    create_schema=CompanyCreate,
    title_field="name",
    unique=("name", "domain"),
    search=("name", "domain", "plan"),
    filters={"stage": Company.stage, "segment_id": Company.segment_id, "plan": Company.plan},
    order_by=(func.lower(Company.name), Company.id),
    sorts={
        "name": (func.lower(Company.name), Company.id),
        "-arr": (Company.arr.desc().nulls_last(), func.lower(Company.name)),
        "arr": (Company.arr.asc().nulls_last(), func.lower(Company.name)),
        "stage": (Company.stage, func.lower(Company.name)),
        "-updated": (Company.updated_at.desc(), Company.id.desc()),
    },
    prepare=_prepare_company,
)
# The API also returns the normalised annual figure the service computes.
companies.public_schema = public_model(CompanyCreate, arr=(int | None, None))

contacts: Resource[Contact] = Resource(
    name="contacts",
    label="Contact",
    plural="Contacts",
    model=Contact,
    create_schema=ContactCreate,
    title_field="name",
    unique=("email",),
    search=("name", "email", "title"),
    filters={"company_id": Contact.company_id, "persona_id": Contact.persona_id},
    order_by=(Contact.name, Contact.id),
    rules=(_contact_rule,),
    prepare=_prepare_contact,
)
