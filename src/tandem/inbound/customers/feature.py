"""Customers: the companies and contacts evidence comes from, with their revenue and segment."""

from __future__ import annotations

from tandem.inbound.customers.models import Stage
from tandem.inbound.customers.records import companies, contacts
from tandem.platform.feature import (
    Feature,
    FilterWidget,
    Kind,
    KindView,
    NavEntry,
    PageLink,
    RelatedCount,
)

feature = Feature(
    name="customers",
    kinds=(
        Kind(companies, KindView(
            ("name", "domain", "arr", "plan", "segment_id", "stage"),
            "The companies your evidence comes from: what they pay, their segment and stage.",
            "No companies yet — add one, import a CSV, or add evidence with a company name.",
            filters={
                "stage": FilterWidget("Stage", "select", tuple(
                    (s.value, s.value.title()) for s in Stage)),
                "plan": FilterWidget("Plan", "text"),
            },
            list_actions=(PageLink("Import CSV", "companies/import"),),
            counts=(RelatedCount("Evidence", "evidence", "company_id", "piece",
                                 " of evidence"),
                    RelatedCount("Contacts", "contacts", "company_id", "contact")),
            delete_note="Its contacts and evidence stay, without a company."),
            generic_cli=False),
        Kind(contacts, KindView(
            ("name", "email", "title", "company_id", "persona_id"),
            "The people at your customers who gave the feedback.",
            "No contacts yet — add one, import a CSV, or add evidence with a contact.",
            filters={"company_id": FilterWidget("Company", "hidden", ref="companies")},
            list_actions=(PageLink("Import CSV", "contacts/import"),),
            counts=(RelatedCount("Evidence", "evidence", "contact_id", "piece",
                                 " of evidence"),),
            delete_note="Their evidence stays, without a contact."),
            generic_cli=False),
    ),
    api="tandem.inbound.customers.api:router",
    web="tandem.inbound.customers.web:router",
    cli="tandem.inbound.customers.cli:register",
    panels=("tandem.inbound.customers.web:company_panel",),
    nav=(NavEntry("Companies", "companies", "Inbound", order=12),
         NavEntry("Contacts", "contacts", "Inbound", order=14)),
)
