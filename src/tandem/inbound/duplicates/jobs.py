"""Duplicate scans in the background: a whole workspace on demand, and new vectors as a chore."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tandem.accounts.service import scope_by_id
from tandem.inbound.duplicates import service
from tandem.platform.actor import SystemJob
from tandem.platform.jobs.kind import JobContext, JobKind, Periodic

SCAN = "duplicates.scan"
SCAN_NEW = "duplicates.scan_new"


def run_scan(ctx: JobContext) -> dict[str, Any]:
    """Every evidence item against every other, for the model named in the arguments."""
    model = str(ctx.args.get("model") or "")
    threshold = float(ctx.args.get("threshold", service.DEFAULT_THRESHOLD))

    def progress(done: int, total: int) -> None:
        percent = 100 if total == 0 else min(99, done * 100 // total)
        ctx.progress(percent, f"{done:,} of {total:,} items compared")

    with ctx.scope() as scope:
        found = service.scan(scope, model, None, threshold, progress)
        open_pairs = service.open_count(scope)
    ctx.progress(100, f"{found:,} new pair(s); {open_pairs:,} waiting for review")
    return {"new_pairs": found, "open_pairs": open_pairs}


def run_scan_new(ctx: JobContext) -> dict[str, Any]:
    """For each workspace whose evidence vectors changed: compare just the changed items."""
    with ctx.session() as session:
        pending = service.pending_scans(session)
    found = 0
    for done, (workspace_id, model) in enumerate(pending, start=1):
        with ctx.session() as session:
            scope = scope_by_id(session, SystemJob(SCAN_NEW, ctx.job_id), workspace_id)
            found += service.scan_new(scope, model)
        ctx.progress(done * 100 // len(pending), f"{done} of {len(pending)} workspace(s)")
    return {"workspaces": len(pending), "new_pairs": found}


scan_job = JobKind(SCAN, "Find near-duplicate evidence", run_scan,
                   time_limit=timedelta(minutes=60), max_attempts=2)
scan_new_job = JobKind(SCAN_NEW, "Check new evidence for duplicates", run_scan_new,
                       time_limit=timedelta(minutes=30), max_attempts=1)
scan_new_every = Periodic(SCAN_NEW, timedelta(minutes=2))
