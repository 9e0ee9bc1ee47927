"""The evidence import as a background job: check the whole file, then write it in batches.

The upload is on disk (see uploads.py); the job deletes it when it ends, however it ends,
except when it fails in a way a retry may mend (the database was away), so the retry finds
the file again. A file that cannot be imported fails the job at once with the precise
reason (file, line, column), never retried, and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from tandem.errors import Invalid, NotFound
from tandem.inbound.evidence.importer import Request, import_file, layout_of
from tandem.inbound.evidence.uploads import Upload, discard
from tandem.platform.jobs import service as jobs
from tandem.platform.jobs.kind import JobContext, JobKind, JobStopped
from tandem.platform.jobs.models import Job
from tandem.platform.policy import Action
from tandem.scope import Scope

IMPORT = "evidence.import"
_UPLOAD = re.compile(r"/imports/(\d+)/([0-9a-f]{32})\.upload$")


def upload_of(ctx: JobContext) -> Upload:
    """The job's upload, which must sit in its own workspace's folder."""
    path = Path(str(ctx.args.get("path", "")))
    match = _UPLOAD.search(path.as_posix())
    if match is None or int(match.group(1)) != ctx.workspace_id:
        raise JobStopped("failed", "This import names no upload of its workspace.")
    if not path.exists():
        raise JobStopped("failed", "The uploaded file is gone (it is kept for a day, on "
                         "the server that took it): upload it again.")
    return Upload(match.group(2), str(ctx.args.get("name", "upload")), path.stat().st_size,
                  path)


def run_import(ctx: JobContext) -> dict[str, Any]:
    upload = upload_of(ctx)
    request = Request.of_args(ctx.args)
    try:
        result = import_file(ctx.scope, upload.path, request, ctx.progress)
    except (Invalid, NotFound) as exc:
        discard(upload)
        raise JobStopped("failed", exc.message) from None
    except JobStopped:
        discard(upload)
        raise
    discard(upload)
    return result


import_job = JobKind(IMPORT, "Import evidence", run_import, time_limit=timedelta(hours=2),
                     max_attempts=3)


def start(scope: Scope, upload: Upload, request: Request) -> Job:
    """Queue the import of `upload` after a look at its head, so a file that cannot be
    imported at all (unknown preset, wrong encoding, no text column) is refused at once."""
    scope.require(Action.import_data)
    request = replace(request, name=upload.name)
    try:
        layout_of(upload.path, request)
    except Invalid:
        discard(upload)
        raise
    return jobs.enqueue(scope, IMPORT, {**request.as_args(), "path": str(upload.path)})
