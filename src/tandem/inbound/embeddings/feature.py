"""Evidence embeddings: a background job fills vectors after evidence is committed."""

from __future__ import annotations

from tandem.inbound.embeddings.jobs import embed_job
from tandem.inbound.embeddings.service import on_event
from tandem.platform.feature import Feature

feature = Feature(
    name="embeddings",
    api="tandem.inbound.embeddings.api:router",
    cli="tandem.inbound.embeddings.cli:register",
    jobs=(embed_job,),
    subscribers=(on_event,),
)
