"""The full themes run in the background (`themes.discover`), with progress."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tandem.inbound.themes import service
from tandem.platform.jobs.kind import JobContext, JobKind


def run_discover(ctx: JobContext) -> dict[str, Any]:
    """Cluster the workspace's embedded evidence and keep what people decided."""
    model = str(ctx.args.get("model") or ctx.embedder.name)
    with ctx.scope() as scope:
        outcome = service.run(scope, model, ctx.progress)
    ctx.progress(100, f"{outcome.themes} themes ({outcome.new_themes} new), "
                      f"{outcome.unsorted:,} items unsorted")
    return {"items": outcome.items, "themes": outcome.themes, "new_themes": outcome.new_themes,
            "removed_themes": outcome.removed_themes, "unsorted": outcome.unsorted}


discover_job = JobKind(service.DISCOVER_JOB, "Find themes", run_discover,
                       time_limit=timedelta(minutes=30), max_attempts=2)
