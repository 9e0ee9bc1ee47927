"""Evidence routes beyond the generic record routes: the import of a file, as a job.

The body is the file itself, streamed to disk in chunks with its own size limit (413 past
it, checked against Content-Length before reading when the client sends one); the rights
are checked before a byte is read, so a viewer gets 403 whatever the body. Then the file's
head is read (422 when it cannot be imported at all) and the import is queued: 202 with the
job, whose result is the report.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.jobs import accepted
from tandem.inbound.evidence import formats
from tandem.inbound.evidence import importer as imports
from tandem.inbound.evidence.jobs import start
from tandem.inbound.evidence.uploads import MEGABYTE, Spool, TooLarge, limit_message, purge
from tandem.platform.actor import Actor
from tandem.platform.jobs import service as jobs
from tandem.platform.policy import Action
from tandem.runtime import Runtime

router = APIRouter()
WRITE_CHUNK = 1024 * 1024  # bytes gathered before each write to disk

FormatName = Literal["csv", "json", "jsonl", "text"]


def _workspace_id(runtime: Runtime, actor: Actor, workspace: str) -> int:
    with runtime.scope(actor, workspace) as scope:
        scope.require(Action.import_data)
        return scope.workspace_id


def _declared_size(request: Request) -> int | None:
    raw = request.headers.get("content-length", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 20 else None


@router.post(
    "/workspaces/{workspace}/evidence/import", status_code=202, tags=["Evidence"],
    response_model=jobs.JobPublic,
    summary="Import evidence from a file (the body): 202 with the job, its result the report",
    description="CSV with a header row, JSON (an array of objects, an object holding one, "
    "or one object per line) or plain text (one item per paragraph). Columns are matched to "
    "fields by name (text, body, comment, review, description, date, email, company, source, "
    "rating, id, url, ...), by a preset's names, and by `map` (FIELD=COLUMN). Every row is "
    "checked first: all rows or none, unless skip_invalid. Items already imported (same id, "
    "or same text, source and customer) are counted as duplicates, not added again.",
    responses={413: {"description": "The file is over the import size limit."},
               403: {"description": "The caller may not import into this workspace."},
               422: {"description": "The file cannot be imported; the message says where."}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        "text/csv": {"schema": {"type": "string"}}}}})
async def import_evidence(
    workspace: str, request: Request, runtime: RuntimeDep, actor: ActorDep,
    name: Annotated[str, Query(max_length=200, description="The file's name; its "
                               "extension picks the format when none is given.")] = "upload",
    format: FormatName | None = None,
    preset: Annotated[str | None, Query(max_length=40, description="One of: " + ", ".join(
        formats.PRESETS))] = None,
    map: Annotated[list[str], Query(max_length=len(formats.FIELDS), description=(
        "FIELD=COLUMN, repeatable: which column feeds which field"))] = [],  # noqa: B006
    skip_invalid: bool = False,
) -> JSONResponse:
    overrides = formats.parse_overrides(item[:300] for item in map)
    formats.preset(preset)
    workspace_id = await run_in_threadpool(_workspace_id, runtime, actor, workspace)
    limit = runtime.settings.import_max_megabytes * MEGABYTE
    declared = _declared_size(request)
    if declared is not None and declared > limit:
        raise TooLarge(limit_message(limit), "file")
    data_dir = runtime.settings.data_dir
    await run_in_threadpool(purge, data_dir)
    spool = await run_in_threadpool(Spool, data_dir, workspace_id, name, limit)
    pending: list[bytes] = []
    held = 0
    try:
        async for chunk in request.stream():
            pending.append(chunk)
            held += len(chunk)
            if held >= WRITE_CHUNK:
                await run_in_threadpool(spool.write, b"".join(pending))
                pending, held = [], 0
        await run_in_threadpool(spool.write, b"".join(pending))
    except TooLarge:
        raise
    except BaseException:
        spool.discard()
        raise
    upload = await run_in_threadpool(spool.finish)
    wanted = imports.Request(upload.name, format, preset, overrides, skip_invalid)

    def enqueue() -> jobs.JobPublic:
        with runtime.scope(actor, workspace) as scope:
            return jobs.public(start(scope, upload, wanted), scope.workspace.slug)

    return accepted(await run_in_threadpool(enqueue))
