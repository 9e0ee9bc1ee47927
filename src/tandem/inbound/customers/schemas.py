"""What a person sends to create or change a company or a contact, and the query shapes.

Update and Public are derived by `Resource`; a company's Public also carries `arr`, the
normalised annual figure the service computes from what was entered.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, StringConstraints

from tandem.inbound.customers.models import Period, Stage
from tandem.schema import Name, ShortText, Strict, ref

MAX_REVENUE = 10**13  # ten trillion a year: beyond any company, well inside 64 bits
DOMAIN_LENGTH = 253
EMAIL_LENGTH = 254
PLAN_LENGTH = 100

_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@([^@\s]+)$")


def normal_domain(raw: Any) -> Any:
    """'https://www.Acme.com/about' -> 'acme.com'; '' -> None; refuses what is no domain."""
    if raw is None or not isinstance(raw, str):
        return raw
    value = raw.strip().lower()
    if not value:
        return None
    if len(value) > 2 * DOMAIN_LENGTH:
        raise ValueError(f"at most {DOMAIN_LENGTH} characters")
    value = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value).split("/", 1)[0].split(":", 1)[0]
    value = value.removeprefix("www.").rstrip(".")
    if not _DOMAIN.fullmatch(value):
        raise ValueError(f"'{raw.strip()[:80]}' is not a domain like acme.com")
    return value


def normal_email(raw: Any) -> Any:
    """Trimmed and lower-cased; '' -> None; refuses what is no email address."""
    if raw is None or not isinstance(raw, str):
        return raw
    value = raw.strip().lower()
    if not value:
        return None
    if len(value) > EMAIL_LENGTH:
        raise ValueError(f"at most {EMAIL_LENGTH} characters")
    found = _EMAIL.fullmatch(value)
    if found is None or not _DOMAIN.fullmatch(found.group(1)):
        raise ValueError(f"'{raw.strip()[:80]}' is not an email address like ann@acme.com")
    return value


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1]


Domain = Annotated[Annotated[str, StringConstraints(max_length=253)] | None,
                   BeforeValidator(normal_domain)]
Email = Annotated[Annotated[str, StringConstraints(max_length=254)] | None,
                  BeforeValidator(normal_email)]
Plan = Annotated[str, StringConstraints(strip_whitespace=True, max_length=PLAN_LENGTH)]
Firmographic = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]


class CompanyCreate(Strict):
    name: Name = Field(title="Name")
    domain: Domain = Field(default=None, title="Domain",
                           description="Web domain, such as acme.com: contacts with an email "
                           "at this domain belong to the company.")
    revenue: int | None = Field(default=None, ge=0, le=MAX_REVENUE, title="Revenue",
                                description="What the company pays, in whole currency units; "
                                "per year or per month as the period says.")
    revenue_period: Period = Field(default=Period.annual, title="Revenue period")
    plan: Plan = Field(default="", title="Plan")
    industry: Firmographic = Field(default="", title="Industry")
    employees: int | None = Field(default=None, ge=0, le=10_000_000, title="Employees",
                                  description="Company size, in people.")
    region: Firmographic = Field(default="", title="Region",
                                 description="Where it is, e.g. EMEA, DACH or Germany.")
    segment_id: int | None = ref("Segment")
    stage: Stage = Field(default=Stage.customer, title="Lifecycle stage")


class ContactCreate(Strict):
    name: ShortText = Field(default="", title="Name",
                            description="Defaults to the email address when left empty.")
    email: Email = Field(default=None, title="Email")
    title: ShortText = Field(default="", title="Job title")
    persona_id: int | None = ref("Persona")
    company_id: int | None = ref("Company")


class SegmentShare(BaseModel):
    segment_id: int | None
    segment: str
    companies: int
    arr: int


class CustomerSummaryPublic(BaseModel):
    """For a set of evidence: who said it, what they pay, and which segments they are in."""

    evidence: int
    with_company: int
    companies: int
    company_ids: list[int]
    arr: int
    segments: list[SegmentShare]


class SummaryRequest(Strict):
    evidence_ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Field(max_length=10_000)


class CustomersImportReport(BaseModel):
    created: int
    updated: int
    skipped: list[str]
