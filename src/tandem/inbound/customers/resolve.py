"""Free-text customers into records: what the evidence service calls on every write.

Evidence arrives with the company and contact as typed or imported ("Harbor Dental",
"mia@harbordental.com", "Mia Chen"). `resolve_customer` turns them into a company and a
contact record, finding existing ones first and creating what is missing, so every face and
every importer gets linked customers without knowing about this feature:

- the company: the id sent, else the company named (case-insensitive), else the company
  whose domain matches the contact's email, else a new company with that name;
- the contact: the id sent, else an email finds (or makes) the contact with that email,
  and a name finds the contact of that name at that company (or makes one);
- the segment of new evidence, when none is given: its company's.

Lookups are remembered for the length of the session, so a batch import of thousands of
rows asks the database once per distinct company and contact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from tandem.errors import Invalid
from tandem.inbound.customers.models import Company, Contact
from tandem.inbound.customers.records import companies, company_by_domain, contacts
from tandem.inbound.customers.schemas import (
    CompanyCreate,
    ContactCreate,
    email_domain,
    normal_email,
)
from tandem.schema import MAX_ID
from tandem.scope import Scope

_CACHE_KEY = "tandem.customers.resolver"


@dataclass
class _Cache:
    workspace_id: int
    transaction: Any  # a rollback or commit starts a new one, and the cache with it
    companies: dict[str, int] = field(default_factory=dict)  # lower name -> id
    domains: dict[str, int | None] = field(default_factory=dict)
    emails: dict[str, Contact] = field(default_factory=dict)
    names: dict[tuple[int | None, str], Contact] = field(default_factory=dict)
    segments: dict[int, int | None] = field(default_factory=dict)  # company id -> segment


def _cache(scope: Scope) -> _Cache:
    found = scope.session.info.get(_CACHE_KEY)
    transaction = scope.session.get_transaction()
    if not isinstance(found, _Cache) or found.workspace_id != scope.workspace_id \
            or found.transaction is not transaction:
        found = _Cache(scope.workspace_id, transaction)
        scope.session.info[_CACHE_KEY] = found
    return found


def forget(scope: Scope) -> None:
    """Drop remembered lookups (after companies or contacts were deleted or renamed)."""
    scope.session.info.pop(_CACHE_KEY, None)


def _owned(scope: Scope, model: type[Company] | type[Contact], obj_id: Any, field_name: str
           ) -> Any:
    obj: Any = scope.session.get(model, obj_id) \
        if isinstance(obj_id, int) and 1 <= obj_id <= MAX_ID else None
    if obj is None or obj.workspace_id != scope.workspace_id:
        label = "company" if model is Company else "contact"
        raise Invalid(f"No {label} {obj_id} in this workspace.", field_name)
    return obj


def find_or_create_company(scope: Scope, name: str) -> int:
    cache = _cache(scope)
    key = name.strip().lower()
    if key in cache.companies:
        return cache.companies[key]
    found = scope.session.scalars(select(Company.id).where(
        Company.workspace_id == scope.workspace_id, func.lower(Company.name) == key)).first()
    if found is None:
        found = companies.create(scope, CompanyCreate(name=name.strip())).id
    cache.companies[key] = found
    return found


def _company_for_domain(scope: Scope, domain: str) -> int | None:
    cache = _cache(scope)
    if domain not in cache.domains:
        company = company_by_domain(scope, domain)
        cache.domains[domain] = company.id if company is not None else None
    return cache.domains[domain]


def _contact_by_email(scope: Scope, email: str, company_id: int | None) -> Contact:
    cache = _cache(scope)
    if email not in cache.emails:
        found = scope.session.scalars(select(Contact).where(
            Contact.workspace_id == scope.workspace_id, Contact.email == email)).first()
        if found is None:
            found = contacts.create(scope, ContactCreate(email=email, company_id=company_id))
        cache.emails[email] = found
    return cache.emails[email]


def _contact_by_name(scope: Scope, name: str, company_id: int | None) -> Contact:
    cache = _cache(scope)
    key = (company_id, name.strip().lower())
    if key not in cache.names:
        stmt = select(Contact).where(Contact.workspace_id == scope.workspace_id,
                                     func.lower(Contact.name) == key[1])
        if company_id is not None:
            stmt = stmt.where(Contact.company_id == company_id)
        found = scope.session.scalars(stmt.order_by(Contact.id)).first()
        if found is None:
            found = contacts.create(scope, ContactCreate(name=name.strip(),
                                                         company_id=company_id))
        cache.names[key] = found
    return cache.names[key]


def _segment_of(scope: Scope, company_id: int) -> int | None:
    cache = _cache(scope)
    if company_id not in cache.segments:
        owner = scope.session.get(Company, company_id)
        cache.segments[company_id] = owner.segment_id if owner is not None else None
    return cache.segments[company_id]


def _email_or_none(text: str) -> str | None:
    if "@" not in text:
        return None
    try:
        value = normal_email(text)
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def prefetch(scope: Scope, items: list[dict[str, Any]]) -> None:
    """Look up at once the companies and contacts a batch of new evidence names, so that
    `resolve_customer` on each item finds them remembered: two queries for a batch instead
    of one per distinct company and one per distinct email (an import of 500 rows from 450
    people asked 450 times)."""
    cache = _cache(scope)
    names = {str(v.get("customer_company") or "").strip().lower() for v in items}
    names = {n for n in names if n and n not in cache.companies}
    emails = {e for v in items
              if (e := _email_or_none(str(v.get("customer_contact") or "").strip()))}
    emails -= cache.emails.keys()
    for chunk in _chunks(sorted(names)):
        for company in scope.session.scalars(select(Company).where(
                Company.workspace_id == scope.workspace_id,
                func.lower(Company.name).in_(chunk)).order_by(Company.id.desc())):
            cache.companies[company.name.strip().lower()] = company.id  # the oldest wins
            cache.segments[company.id] = company.segment_id
    for chunk in _chunks(sorted(emails)):
        for contact in scope.session.scalars(select(Contact).where(
                Contact.workspace_id == scope.workspace_id, Contact.email.in_(chunk))
                .order_by(Contact.id.desc())):
            if contact.email is not None:
                cache.emails[contact.email] = contact
    _create_contacts(scope, items, emails - cache.emails.keys())


def _create_contacts(scope: Scope, items: list[dict[str, Any]], missing: set[str]) -> None:
    """The contacts a batch names by an email nobody has yet, made in one go, each with the
    company its first row resolves to (as `resolve_customer` would have made them, one by
    one, in the same order)."""
    if not missing:
        return
    made: dict[str, ContactCreate] = {}
    for values in items:
        if values.get("company_id") is not None or values.get("contact_id") is not None:
            continue  # ids sent: `resolve_customer` decides
        email = _email_or_none(str(values.get("customer_contact") or "").strip())
        if email is None or email not in missing or email in made:
            continue
        company_text = str(values.get("customer_company") or "").strip()
        company_id = find_or_create_company(scope, company_text) if company_text \
            else _company_for_domain(scope, email_domain(email))
        made[email] = ContactCreate(email=email, company_id=company_id)
    cache = _cache(scope)
    for contact in contacts.create_many(scope, list(made.values()), unique_checked=True):
        if contact.email is not None:
            cache.emails[contact.email] = contact


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def resolve_customer(scope: Scope, values: dict[str, Any], current: Any = None) -> None:
    """Fill `company_id` and `contact_id` in an evidence item's `values` from its free-text
    `customer_company` and `customer_contact` (see the module docstring).

    On an update (`current` given) only what changed is resolved again: a new company text
    re-links the company unless a company id was sent with it, and likewise the contact.
    """
    creating = current is None
    company_text = str(values.get("customer_company") or "").strip()
    contact_text = str(values.get("customer_contact") or "").strip()
    company_sent = values.get("company_id") is not None
    contact_sent = values.get("contact_id") is not None
    redo_company = not company_sent and (creating or "customer_company" in values)
    redo_contact = not contact_sent and (creating or "customer_contact" in values)

    company_id: int | None = values.get("company_id") if company_sent else (
        None if redo_company else getattr(current, "company_id", None))
    if company_sent:
        company = _owned(scope, Company, company_id, "company_id")
        if not company_text and creating:
            values["customer_company"] = company.name
    contact: Contact | None = None
    if contact_sent:
        contact = _owned(scope, Contact, values["contact_id"], "contact_id")
        if not contact_text and creating:
            values["customer_contact"] = contact.email or contact.name
        if company_id is None and contact.company_id is not None and redo_company \
                and not company_text:
            company_id = contact.company_id
    email = _email_or_none(contact_text) if redo_contact else None

    if redo_company:
        if company_text:
            company_id = find_or_create_company(scope, company_text)
        elif email is not None:
            company_id = _company_for_domain(scope, email_domain(email))
        values["company_id"] = company_id

    if redo_contact:
        if not contact_text:
            values["contact_id"] = None
        elif email is not None:
            contact = _contact_by_email(scope, email, company_id)
            values["contact_id"] = contact.id
        else:
            contact = _contact_by_name(scope, contact_text, company_id)
            values["contact_id"] = contact.id
        if contact is not None and company_id is None and contact.company_id is not None \
                and not company_sent and "company_id" in values:
            values["company_id"] = contact.company_id
    if creating and values.get("segment_id") is None and values.get("company_id"):
        # New evidence is in its company's segment unless it says otherwise.
        values["segment_id"] = _segment_of(scope, values["company_id"])
