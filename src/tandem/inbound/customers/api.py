"""Customer routes beyond the generic record routes (which list companies sorted with
`sort=`): CSV imports of companies and contacts, and the customer summary of a set of
evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.errors import Invalid
from tandem.inbound.customers import importer
from tandem.inbound.customers.schemas import (
    CustomersImportReport,
    CustomerSummaryPublic,
    SummaryRequest,
)
from tandem.inbound.customers.service import customer_summary

router = APIRouter()
MAX_UPLOAD = 20 * 1024 * 1024
CSV_BODY = {"requestBody": {"required": True, "content": {
    "text/csv": {"schema": {"type": "string"}}}}}


def _text(raw: bytes) -> str:
    if len(raw) > MAX_UPLOAD:
        raise Invalid("The CSV is larger than 20 MB: split it.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(f"The CSV must be UTF-8 text (byte {exc.start} is not).") from None


def _report(result: importer.CustomersImport) -> CustomersImportReport:
    return CustomersImportReport(created=result.created, updated=result.updated,
                                 skipped=[str(p) for p in result.skipped])


@router.post("/workspaces/{workspace}/companies/import", response_model=CustomersImportReport,
             status_code=201, tags=["Companies"], summary="Import companies from CSV",
             description="Columns: " + ", ".join(importer.COMPANY_COLUMNS) + " (name "
             "required; arr or mrr). A company with the same domain, else name, is updated. "
             "All rows or none, unless skip_invalid.", openapi_extra=CSV_BODY)
def import_companies(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                     body: Annotated[bytes, Body(media_type="text/csv")],
                     skip_invalid: bool = False) -> CustomersImportReport:
    text = _text(body)
    with runtime.scope(actor, workspace) as scope:
        return _report(importer.import_companies(scope, text, "CSV", skip_invalid))


@router.post("/workspaces/{workspace}/contacts/import", response_model=CustomersImportReport,
             status_code=201, tags=["Contacts"], summary="Import contacts from CSV",
             description="Columns: " + ", ".join(importer.CONTACT_COLUMNS) + " (email or "
             "name required). A contact with the same email is updated. All rows or none, "
             "unless skip_invalid.", openapi_extra=CSV_BODY)
def import_contacts(workspace: str, runtime: RuntimeDep, actor: ActorDep,
                    body: Annotated[bytes, Body(media_type="text/csv")],
                    skip_invalid: bool = False) -> CustomersImportReport:
    text = _text(body)
    with runtime.scope(actor, workspace) as scope:
        return _report(importer.import_contacts(scope, text, "CSV", skip_invalid))


@router.post("/workspaces/{workspace}/customers/summary", response_model=CustomerSummaryPublic,
             tags=["Companies"], summary="Who stands behind a set of evidence",
             description="Distinct companies, their total ARR and the segment breakdown for "
             "the evidence ids sent (at most 10,000 per request).")
def summary(workspace: str, body: SummaryRequest, runtime: RuntimeDep,
            actor: ActorDep) -> CustomerSummaryPublic:
    with runtime.scope(actor, workspace) as scope:
        return customer_summary(scope, body.evidence_ids)
