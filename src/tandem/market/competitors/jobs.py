"""The background scan: link every piece of evidence that names a competitor."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tandem.market.competitors.service import scan
from tandem.platform.jobs.kind import JobContext, JobKind

SCAN = "competitors.scan"


def run_scan(ctx: JobContext) -> dict[str, Any]:
    competitor_id = ctx.args.get("competitor_id")

    def progress(done: int, total: int) -> None:
        percent = 100 if total == 0 else min(99, done * 100 // total)
        ctx.progress(percent, f"{done:,} of {total:,} pieces of evidence read")

    with ctx.scope() as scope:
        scanned, linked = scan(scope, progress,
                               competitor_id if isinstance(competitor_id, int) else None)
    return {"evidence_read": scanned, "mentions_linked": linked}


scan_job = JobKind(SCAN, "Link evidence that mentions a competitor", run_scan,
                   time_limit=timedelta(minutes=30), max_attempts=3)
