"""The background run that embeds evidence lacking a vector for the current model."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tandem.inbound.embeddings.service import EMBED_JOB, embed_missing
from tandem.platform.jobs.kind import JobContext, JobKind


def run_embed(ctx: JobContext) -> dict[str, Any]:
    embedder = ctx.embedder
    ctx.progress(0, f"Embedding evidence with {embedder.name}")

    def progress(done: int, total: int) -> None:
        ctx.progress(min(99, done * 100 // max(total, 1)),
                     f"{done:,} of {total:,} evidence items embedded")

    done = embed_missing(ctx.scope, embedder, progress)
    return {"embedded": done, "model": embedder.name}


embed_job = JobKind(EMBED_JOB, "Embed evidence", run_embed,
                    time_limit=timedelta(hours=2), max_attempts=3)
