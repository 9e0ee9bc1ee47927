"""Customer evidence: the record kind with its filters, CSV import, and its own CLI group."""

from __future__ import annotations

from tandem.inbound.evidence.jobs import import_job
from tandem.inbound.evidence.service import evidence
from tandem.platform.feature import (
    Feature,
    FilterWidget,
    Kind,
    KindView,
    NavEntry,
    PageLink,
)

feature = Feature(
    name="evidence",
    kinds=(
        Kind(evidence, KindView(
            ("text", "company_id", "source", "received_on", "tags"),
            "What customers said, in their words: the raw material of every decision.",
            "No evidence yet — add the first piece or import a file.",
            quote=True,
            byline=(("customer_contact", "customer_company"), ("source",), ("received_on",)),
            filters={
                "linked": FilterWidget("Linked", "select", (
                    ("yes", "Linked to an opportunity"), ("no", "Not linked yet"))),
                "tag": FilterWidget("Tag", "text"),
                "opportunity_id": FilterWidget("Opportunity", "hidden", ref="opportunities"),
                "company_id": FilterWidget("Company", "hidden", ref="companies"),
                "contact_id": FilterWidget("Contact", "hidden", ref="contacts"),
                "theme_id": FilterWidget("Theme", "hidden"),  # an id, or none: unsorted
            },
            quick_link="opportunities",
            searched=True,
            list_actions=(PageLink("Import", "evidence/import"),)),
            generic_cli=False),
    ),
    api="tandem.inbound.evidence.api:router",
    web="tandem.inbound.evidence.web:router",
    cli="tandem.inbound.evidence.cli:register",
    jobs=(import_job,),
    nav=(NavEntry("Evidence", "evidence", "Inbound", order=10),),
)

