"""The loop's background work: rebuilding a workspace's search index (the sample job)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tandem.loop.reindex import reindex_in_steps
from tandem.platform.jobs.kind import JobContext, JobKind

REINDEX = "search.reindex"


def run_reindex(ctx: JobContext) -> dict[str, Any]:
    """One transaction per batch, progress between them (cancel and time limit apply)."""

    def progress(done: int, total: int) -> None:
        percent = 100 if total == 0 else min(99, done * 100 // total)
        ctx.progress(percent, f"{done:,} of {total:,} objects indexed")

    indexed = reindex_in_steps(ctx.scope, progress)
    return {"indexed": indexed}


reindex_job = JobKind(REINDEX, "Rebuild the search index", run_reindex,
                      time_limit=timedelta(minutes=30), max_attempts=3)
