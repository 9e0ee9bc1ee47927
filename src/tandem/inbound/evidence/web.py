"""Evidence CSV import: upload a file, get either the number created or every bad row.

Rows are all checked before anything is written (tandem.inbound.evidence.importer), so a file
with one bad row imports nothing and the page lists each problem with its line number.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from tandem.errors import Invalid
from tandem.inbound.evidence.importer import COLUMNS, RowProblem, import_csv, parse_csv
from tandem.inbound.evidence.models import Source
from tandem.platform.policy import Action
from tandem.web.context import FormDep, redirect_with, workspace, ws_url
from tandem.web.render import plural, render

router = APIRouter()

MAX_BYTES = 10 * 1024 * 1024
SHOWN_PROBLEMS = 200
EXAMPLE = ("text,source,customer_company,customer_contact,received_on,tags\n"
           '"Exporting the rota to payroll takes me two hours every week",interview,'
           'Harbor Cafe,Mia Chen,2025-03-04,"payroll, export"\n')


def _page(request: Request, slug: str, error: str | None = None,
          problems: list[RowProblem] | None = None, status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        scope.require(Action.import_data)
        return render(request, "evidence/import.html", {
            "current": "evidence", "columns": COLUMNS, "sources": [s.value for s in Source],
            "example": EXAMPLE, "error": error,
            "problems": (problems or [])[:SHOWN_PROBLEMS],
            "more": max(len(problems or []) - SHOWN_PROBLEMS, 0),
        }, status=status)


@router.get("/w/{slug}/evidence/import")
def import_page(request: Request, slug: str) -> Response:
    return _page(request, slug)


def _read(upload: Any) -> tuple[str, str]:
    """The uploaded file's text and name; Invalid with a clear reason otherwise."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise Invalid("Choose a CSV file to upload.", "file")
    data = upload.file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Invalid(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it.", "file")
    if not data.strip():
        raise Invalid(f"{upload.filename} is empty.", "file")
    try:
        return data.decode("utf-8-sig"), upload.filename
    except UnicodeDecodeError:
        raise Invalid(f"{upload.filename} is not UTF-8 text: save it as 'CSV UTF-8' and try "
                      "again.", "file") from None


@router.post("/w/{slug}/evidence/import")
def import_upload(request: Request, slug: str, form: FormDep) -> Response:
    try:
        text, name = _read(form.get("file"))
        _rows, problems = parse_csv(text, name)
    except Invalid as exc:
        return _page(request, slug, error=exc.message, status=422)
    skip = form.get("skip_invalid") == "1"
    if problems and not skip:
        return _page(request, slug, error=f"{name}: {plural(len(problems), 'row')} "
                     "cannot be imported, so nothing was imported. Fix these and upload again, "
                     "or tick 'Import the valid rows':", problems=problems, status=422)
    try:
        with workspace(request, slug) as scope:
            result = import_csv(scope, text, name, skip_invalid=skip)
    except Invalid as exc:
        return _page(request, slug, error=exc.message, status=422)
    if result.created == 0:
        message = (f"{name} has a header but no rows." if not problems
                   else f"None of the rows of {name} could be imported:")
        return _page(request, slug, error=message, problems=problems, status=422)
    done = f"Imported {plural(result.created, 'piece')} of evidence from {name}."
    if result.skipped:
        return _page(request, slug, error=done + f" Skipped {plural(len(result.skipped), 'row')}:",
                     problems=result.skipped, status=200)
    return redirect_with(request, ws_url(slug, "evidence"), done)
