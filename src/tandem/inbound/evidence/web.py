"""Evidence import in the web: upload a file, check how its columns map with a preview of
the first rows, then follow the import on its job page, which ends with the report.

The upload is written to disk in chunks with the import size limit (uploads.py); nothing
is parsed beyond the file's head until the person starts the import, which runs as a job.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from tandem.errors import Invalid, NotFound
from tandem.inbound.evidence import formats
from tandem.inbound.evidence.importer import Layout, layout_of, sample
from tandem.inbound.evidence.importer import Request as ImportRequest
from tandem.inbound.evidence.jobs import IMPORT, start
from tandem.inbound.evidence.models import Source
from tandem.inbound.evidence.reading import Problem, Record
from tandem.inbound.evidence.rows import make_row
from tandem.inbound.evidence.uploads import (
    MEGABYTE,
    Spool,
    TooLarge,
    Upload,
    discard,
    limit_message,
    load,
    purge,
)
from tandem.platform.jobs import service as jobs
from tandem.platform.jobs.models import JobStatus
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.web.context import (
    FormDep,
    form_text,
    redirect,
    redirect_with,
    settings_of,
    workspace,
    ws_url,
)
from tandem.web.render import render

router = APIRouter()

PREVIEW_ROWS = 5
FORMAT_CHOICES = (("", "Automatic (from the file name)"), ("csv", "CSV"),
                  ("json", "JSON or JSON lines"), ("text", "Plain text: one item per "
                                                            "paragraph"))
EXAMPLE = ("text,source,customer_company,email,received_on,tags\n"
           '"Exporting the rota to payroll takes me two hours every week",interview,'
           'Harbor Cafe,mia@harbor.example,2025-03-04,"payroll, export"\n')


def _choices(form: FormData | dict[str, str]) -> tuple[str | None, str | None]:
    fmt = str(form.get("format") or "").strip() or None
    preset = str(form.get("preset") or "").strip() or None
    return fmt, preset


def _upload_page(request: Request, slug: str, error: str | None = None,
                 chosen: dict[str, str] | None = None, status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        scope.require(Action.import_data)
        limit = settings_of(request).import_max_megabytes
        return render(request, "evidence/import.html", {
            "current": "evidence", "presets": list(formats.PRESETS.values()),
            "formats": FORMAT_CHOICES, "fields": formats.FIELDS, "error": error,
            "chosen": chosen or {}, "limit_mb": limit, "example": EXAMPLE,
            "sources": [s.value for s in Source],
        }, status=status)


@router.get("/w/{slug}/evidence/import")
def import_page(request: Request, slug: str) -> Response:
    return _upload_page(request, slug)


def _declared_too_large(request: Request, limit: int) -> bool:
    raw = request.headers.get("content-length", "")
    return raw.isascii() and raw.isdigit() and len(raw) < 20 and int(raw) > limit + MEGABYTE


@router.post("/w/{slug}/evidence/import")
def import_upload(request: Request, slug: str, form: FormDep) -> Response:
    """Keep the file (in chunks, up to the limit) and go to its mapping page."""
    fmt, preset = _choices(form)
    chosen = {"format": fmt or "", "preset": preset or ""}
    settings = settings_of(request)
    limit = settings.import_max_megabytes * MEGABYTE
    with workspace(request, slug) as scope:
        scope.require(Action.import_data)
        workspace_id = scope.workspace_id
    if _declared_too_large(request, limit):
        return _upload_page(request, slug, limit_message(limit), chosen, 413)
    upload_file = form.get("file")
    if not isinstance(upload_file, UploadFile) or not upload_file.filename:
        return _upload_page(request, slug, "Choose a file to upload.", chosen, 422)
    purge(settings.data_dir)
    spool = Spool(settings.data_dir, workspace_id, upload_file.filename, limit)
    try:
        upload = spool.copy_from(upload_file.file).finish()
    except TooLarge as exc:
        return _upload_page(request, slug, exc.message, chosen, 413)
    try:
        formats.preset(preset)
        layout_of(upload.path, ImportRequest(upload.name, fmt, preset), need_text=False)
    except Invalid as exc:
        discard(upload)
        return _upload_page(request, slug, exc.message, chosen, 422)
    query = urlencode({k: v for k, v in chosen.items() if v})
    return redirect(ws_url(slug, "evidence", "import", upload.token) + (f"?{query}"
                                                                         if query else ""))


def _overrides(form: FormData | Any) -> dict[str, str]:
    """The mapping form's choices: `map_<field>` = a column, or "" for not used."""
    return {target: str(form.get(f"map_{target}"))[:300] for target in formats.FIELDS
            if form.get(f"map_{target}") is not None}


def _preview_rows(records: list[Record | Problem], layout: Layout) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for item in records:
        made = item if isinstance(item, Problem) else make_row(item, layout.plan)
        if isinstance(made, Problem):
            rows.append({"where": f"{made.unit.capitalize()} {made.line}",
                         "problem": str(made).split(": ", 1)[-1]})
            continue
        body = made.body
        rows.append({"where": f"{item.unit.capitalize()} {item.line}", "text": body.text,
                     "received_on": body.received_on.isoformat(), "source": body.source.value,
                     "customer": ", ".join(p for p in (body.customer_contact,
                                                       body.customer_company) if p),
                     "tags": body.tags})
    return rows


def _mapping_page(request: Request, slug: str, token: str, params: FormData | Any,
                  error: str | None = None, status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        scope.require(Action.import_data)
        upload = load(settings_of(request).data_dir, scope.workspace_id, token)
    fmt, preset = _choices(params)
    wanted = ImportRequest(upload.name, fmt, preset, _overrides(params))
    layout: Layout | None
    try:
        layout = layout_of(upload.path, wanted, need_text=False)
        preview = _preview_rows(sample(upload.path, wanted, layout, PREVIEW_ROWS), layout)
    except Invalid as exc:
        # A mapping that no longer fits: show the file with what was detected instead.
        error = error or exc.message
        status = 422
        wanted = ImportRequest(upload.name, fmt, preset)
        try:
            layout = layout_of(upload.path, wanted, need_text=False)
            preview = _preview_rows(sample(upload.path, wanted, layout, PREVIEW_ROWS), layout)
        except Invalid as again:
            layout, preview = None, []
            error = again.message
    if layout is not None and not error and not ({"text", "title"} & set(layout.plan.mapping)):
        error = ("No column was recognised as the text: choose the one that holds what "
                 "the customer said.")
    return render(request, "evidence/mapping.html", {
        "current": "evidence", "upload": upload, "layout": layout, "preview": preview,
        "fields": formats.FIELDS, "error": error, "format": fmt or "", "preset": preset or "",
        "preset_label": formats.PRESETS[preset].label if preset in formats.PRESETS else "",
        "size": _size(upload),
    }, status=status)


def _size(upload: Upload) -> str:
    if upload.size >= MEGABYTE:
        return f"{upload.size / MEGABYTE:,.1f} MB"
    return f"{max(1, upload.size // 1024):,} kB"


@router.get("/w/{slug}/evidence/import/{token}")
def mapping_page(request: Request, slug: str, token: str) -> Response:
    try:
        return _mapping_page(request, slug, token, request.query_params)
    except NotFound as exc:
        return _upload_page(request, slug, exc.message, None, 404)


@router.post("/w/{slug}/evidence/import/{token}")
def start_import(request: Request, slug: str, token: str, form: FormDep) -> Response:
    """Start the import with the mapping chosen: the job page follows it to its report."""
    fmt, preset = _choices(form)
    try:
        with workspace(request, slug) as scope:
            scope.require(Action.import_data)
            upload = load(settings_of(request).data_dir, scope.workspace_id, token)
            wanted = ImportRequest(upload.name, fmt, preset, _overrides(form),
                                   form_text(form, "skip_invalid") == "1")
            formats.preset(preset)
            layout_of(upload.path, wanted)
            job_id = start(scope, upload, wanted).id
    except NotFound as exc:
        return _upload_page(request, slug, exc.message, None, 404)
    except Invalid as exc:
        return _mapping_page(request, slug, token, form, exc.message, 422)
    return redirect_with(request, ws_url(slug, "evidence", "imports", job_id),
                         "Import started. This page follows it to its report.", "info")


def _report_context(scope: Scope, job_id: int) -> dict[str, Any]:
    job = jobs.get(scope, job_id)
    if job.kind != IMPORT:
        raise NotFound(f"No import {job_id}.")
    view = jobs.public(job, scope.workspace.slug)
    result = view.result or {}
    report = {"file": result.get("file") or str((job.args or {}).get("name", "")),
              "format": result.get("format", ""), "preset": result.get("preset", ""),
              **{k: int(result.get(k, 0)) for k in ("rows", "new", "duplicates", "rejected")},
              "problems": list(result.get("problems") or [])}
    page = ws_url(scope.workspace.slug, "evidence", "imports", job.id)
    head, _, listed = view.error.partition("nothing imported: ")
    reasons = listed.rstrip(".").split("; ") if listed else []
    return {"job": view, "report": report, "error_head": head if listed else view.error,
            "reasons": reasons, "page_url": page, "status_url": page + "/status",
            "active": view.status in (JobStatus.queued, JobStatus.running)}


@router.get("/w/{slug}/evidence/imports/{job_id}")
def report_page(request: Request, slug: str, job_id: int) -> Response:
    """The import's progress, live, then its report (new, duplicates, rejected rows)."""
    with workspace(request, slug) as scope:
        context = _report_context(scope, job_id)
    return render(request, "evidence/report.html", {"current": "evidence", **context})


@router.get("/w/{slug}/evidence/imports/{job_id}/status")
def report_status(request: Request, slug: str, job_id: int) -> Response:
    """The live part of the report page, for htmx to swap in."""
    with workspace(request, slug) as scope:
        context = _report_context(scope, job_id)
    return render(request, "evidence/_report.html", context)
