"""Customer pages: the company list (sorted, filtered), CSV import of companies and contacts,
the customer section of a company's page, and the customer card on an evidence item.

A company's own fields, its form and its contacts' pages are the generic record pages; this
module adds what those cannot know: ARR, the evidence, opportunities and deals behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from tandem.errors import Invalid
from tandem.inbound.customers import importer
from tandem.inbound.customers.models import Company, Contact, Stage
from tandem.inbound.customers.records import companies
from tandem.inbound.customers.service import (
    SORT_LABELS,
    SORTS,
    company_overview,
    evidence_counts,
    list_companies,
)
from tandem.inbound.evidence.models import Evidence
from tandem.market.segment import Segment, segments
from tandem.paging import DEFAULT_LIMIT, MAX_LIMIT
from tandem.platform.feature import Panel
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.web.context import FormDep, redirect_with, workspace, ws_url
from tandem.web.pager import page_links, query_int
from tandem.web.render import plural, render

router = APIRouter()

MAX_BYTES = 10 * 1024 * 1024
SHOWN_PROBLEMS = 200
FILTERS = ("stage", "segment_id", "plan")


def money(value: int | None) -> str:
    """12500 -> '12,500'; None -> '—' (unknown, which is not zero)."""
    return "—" if value is None else f"{value:,}"


@router.get("/w/{slug}/companies")
def company_list(request: Request, slug: str) -> Response:
    query = request.query_params
    q = (query.get("q") or "").strip()[:200]
    sort = query.get("sort") or "name"
    sort = sort if sort in SORTS else "name"
    offset = query_int(query.get("offset"), 0, 0, 10**9)
    limit = query_int(query.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT)
    active = {k: query[k].strip()[:100] for k in FILTERS if (query.get(k) or "").strip()}
    problem = None
    with workspace(request, slug) as scope:
        try:
            page = list_companies(scope, q=q or None, filters=active, sort=sort,
                                  offset=offset, limit=limit)
        except Invalid as exc:
            problem, active = exc.message, {}
            page = list_companies(scope, q=q or None, sort=sort, offset=offset, limit=limit)
        segment_names = {s.id: s.name for s in segments.all(scope)}
        counts = evidence_counts(scope, [c.id for c in page.items])
        params = {**active, **({"q": q} if q else {}), **({"sort": sort} if sort != "name"
                                                            else {})}
        return render(request, "customers/companies.html", {
            "current": "companies", "page": page, "q": q, "sort": sort, "active": active,
            "problem": problem, "segment_names": segment_names, "counts": counts,
            "stages": [s.value for s in Stage], "sorts": SORT_LABELS, "money": money,
            "filtered": bool(q or active),
            "pages": page_links(request.url.path, params, page),
        })


def _import_page(request: Request, slug: str, kind: str, error: str | None = None,
                 problems: list[importer.RowProblem] | None = None,
                 status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        scope.require(Action.import_data)
        columns = importer.COMPANY_COLUMNS if kind == "companies" else \
            importer.CONTACT_COLUMNS
        return render(request, "customers/import.html", {
            "current": kind, "kind": kind, "columns": columns, "error": error,
            "stages": [s.value for s in Stage],
            "problems": (problems or [])[:SHOWN_PROBLEMS],
            "more": max(len(problems or []) - SHOWN_PROBLEMS, 0),
        }, status=status)


@router.get("/w/{slug}/companies/import")
def company_import_page(request: Request, slug: str) -> Response:
    return _import_page(request, slug, "companies")


@router.get("/w/{slug}/contacts/import")
def contact_import_page(request: Request, slug: str) -> Response:
    return _import_page(request, slug, "contacts")


def _read(upload: Any) -> tuple[str, str]:
    """The uploaded file's text and name; Invalid with a clear reason otherwise."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise Invalid("Choose a CSV file to upload.", "file")
    name = upload.filename[:120]
    data = upload.file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Invalid(f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB: split it.",
                      "file")
    if not data.strip():
        raise Invalid(f"{name} is empty.", "file")
    try:
        return data.decode("utf-8-sig"), name
    except UnicodeDecodeError:
        raise Invalid(f"{name} is not UTF-8 text: save it as 'CSV UTF-8' and try again.",
                      "file") from None


def _upload(request: Request, slug: str, kind: str, form: FormDep) -> Response:
    run = importer.import_companies if kind == "companies" else importer.import_contacts
    skip = form.get("skip_invalid") == "1"
    try:
        text, name = _read(form.get("file"))
        with workspace(request, slug) as scope:
            result = run(scope, text, name, skip_invalid=skip)
    except importer.ImportRejected as exc:
        return _import_page(
            request, slug, kind, problems=exc.problems, status=422,
            error=f"{name}: {plural(len(exc.problems), 'row')} cannot be imported, so "
            "nothing was imported. Fix these and upload again, or tick 'Import the valid "
            "rows':")
    except Invalid as exc:
        return _import_page(request, slug, kind, error=exc.message, status=422)
    done = (f"{name}: {plural(result.created, 'new ' + kind[:-1], 'new ' + kind)}, "
            f"{result.updated} updated.")
    if result.created + result.updated == 0:
        return _import_page(request, slug, kind, status=422, problems=result.skipped,
                            error=f"Nothing to import from {name}.")
    if result.skipped:
        return _import_page(request, slug, kind, status=200, problems=result.skipped,
                            error=done + f" Skipped {plural(len(result.skipped), 'row')}:")
    return redirect_with(request, ws_url(slug, kind), done)


@router.post("/w/{slug}/companies/import")
def company_import(request: Request, slug: str, form: FormDep) -> Response:
    return _upload(request, slug, "companies", form)


@router.post("/w/{slug}/contacts/import")
def contact_import(request: Request, slug: str, form: FormDep) -> Response:
    return _upload(request, slug, "contacts", form)


def company_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                  ) -> Panel | None:
    """On a company's page: its revenue, contacts, evidence, opportunities and deals. On an
    evidence item's page: who said it, linked to their company and contact."""
    if kind == "companies":
        view = company_overview(scope, obj_id)
        return Panel("customers/_company.html", {"co": view, "money": money}, wide=True)
    if kind == "evidence":
        item = scope.session.get(Evidence, obj_id)
        if item is None or item.workspace_id != scope.workspace_id:
            return None
        company = scope.session.get(Company, item.company_id) if item.company_id else None
        contact = scope.session.get(Contact, item.contact_id) if item.contact_id else None
        found = scope.session.get(Segment, company.segment_id) \
            if company is not None and company.segment_id is not None else None
        segment = found.name if found is not None else None
        return Panel("customers/_customer.html", wide=True, context={
            "cust_company": company, "cust_contact": contact, "cust_segment": segment,
            "money": money})
    return None


__all__ = ["companies", "company_panel", "router"]
