"""The loop's background work: rebuilding a workspace's search index (the sample job), and
writing a workspace import in short transactions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from tandem.loop.reindex import reindex_in_steps
from tandem.loop.transfer import discard_import, finish_import, plan_import, write_import
from tandem.platform.jobs.kind import JobContext, JobKind
from tandem.platform.jobs.models import Job
from tandem.storage.engine import write_intent

REINDEX = "search.reindex"
IMPORT = "workspace.import"


def run_reindex(ctx: JobContext) -> dict[str, Any]:
    """One transaction per batch, progress between them (cancel and time limit apply)."""

    def progress(done: int, total: int) -> None:
        percent = 100 if total == 0 else min(99, done * 100 // total)
        ctx.progress(percent, f"{done:,} of {total:,} objects indexed")

    indexed = reindex_in_steps(ctx.scope, progress)
    return {"indexed": indexed}


reindex_job = JobKind(REINDEX, "Rebuild the search index", run_reindex,
                      time_limit=timedelta(minutes=30), max_attempts=3)


def run_import(ctx: JobContext) -> dict[str, Any]:
    """Write an export into the job's (new) workspace, one batch per transaction; on any
    failure remove what was written, so an import is all or nothing."""
    plan = plan_import(ctx.args.get("data"))
    write_intent.set(True)  # this thread's transactions queue for SQLite's write lock
    # The workspace was made for this import, so anything in it was written by an earlier
    # attempt that died before it could clean up (a killed worker): start from empty, so a
    # retried import adds no duplicates.
    with ctx.session() as session:
        discard_import(session, ctx.workspace_id or 0)

    def progress(done: int, total: int) -> None:
        ctx.progress(min(99, done * 100 // max(total, 1)), f"{done:,} of {total:,} written")

    try:
        written = write_import(ctx.scope, plan, progress)
        ctx.progress(99, f"{written:,} written; rebuilding the search index")
        report = finish_import(ctx.scope, plan)
        ctx.progress(99, f"{written:,} written; search index rebuilt")
    except BaseException:
        with ctx.session() as session:
            discard_import(session, ctx.workspace_id or 0)
        raise
    with ctx.session() as session:  # the file is not kept once it is in the database
        session.execute(update(Job).where(Job.id == ctx.job_id).values(args={}))
    with ctx.scope() as scope:
        return {"workspace": scope.workspace.slug, "name": scope.workspace.name,
                "written": written, **report}


import_job = JobKind(IMPORT, "Import a workspace", run_import,
                     time_limit=timedelta(hours=1), max_attempts=2)
