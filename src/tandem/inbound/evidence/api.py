"""Evidence routes beyond the generic record routes: CSV import."""

from __future__ import annotations

from fastapi import APIRouter, Request

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.errors import Invalid
from tandem.inbound.evidence.importer import import_csv
from tandem.inbound.evidence.schemas import (
    ImportReport,
)

router = APIRouter()
MAX_UPLOAD = 20 * 1024 * 1024

@router.post("/workspaces/{workspace}/evidence/import", response_model=ImportReport,
             status_code=201, tags=["Evidence"],
             summary="Import evidence from CSV (text/csv body)",
             description="Columns: text (required), source, customer_company, "
             "customer_contact, received_on, tags. All rows or none, unless skip_invalid.",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "text/csv": {"schema": {"type": "string"}}}}})
async def import_evidence(workspace: str, request: Request, runtime: RuntimeDep,
                          actor: ActorDep, skip_invalid: bool = False) -> ImportReport:
    raw = await request.body()
    if len(raw) > MAX_UPLOAD:
        raise Invalid("The CSV is larger than 20 MB.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid("The CSV must be UTF-8 text.") from None
    with runtime.scope(actor, workspace) as scope:
        result = import_csv(scope, text, "CSV", skip_invalid)
    return ImportReport(created=result.created, skipped=[str(p) for p in result.skipped])
