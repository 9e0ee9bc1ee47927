"""The background scan: link every piece of evidence that names a competitor."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tandem.market.competitors.service import scan_step
from tandem.platform.jobs.kind import JobContext, JobKind

SCAN = "competitors.scan"


def run_scan(ctx: JobContext) -> dict[str, Any]:
    """One transaction per batch, progress between them (cancel and time limit apply)."""
    raw = ctx.args.get("competitor_id")
    competitor_id = raw if isinstance(raw, int) else None
    read, linked, after = 0, 0, 0
    while True:
        with ctx.scope() as scope:
            step = scan_step(scope, after, competitor_id)
        if step.read == 0:
            return {"evidence_read": read, "mentions_linked": linked}
        read, linked, after = read + step.read, linked + step.linked, step.last_id
        percent = 100 if step.total == 0 else min(99, read * 100 // step.total)
        ctx.progress(percent, f"{read:,} of {step.total:,} pieces of evidence read")


scan_job = JobKind(SCAN, "Link evidence that mentions a competitor", run_scan,
                   time_limit=timedelta(minutes=30), max_attempts=3)
