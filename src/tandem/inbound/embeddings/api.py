"""Embedding routes: how much evidence has vectors, and a run on demand (202 + job)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.jobs import accepted
from tandem.inbound.embeddings import service
from tandem.platform.jobs import service as jobs
from tandem.platform.jobs.service import JobPublic

router = APIRouter()


class CoveragePublic(BaseModel):
    model: str
    embedded: int
    total: int
    missing: int


@router.get("/workspaces/{workspace}/evidence/embeddings", response_model=CoveragePublic,
            tags=["Evidence"], summary="How much evidence has a vector for the current model")
def get_coverage(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> Any:
    with runtime.scope(actor, workspace) as scope:
        found = service.coverage(scope, runtime.embedder.name)
        return CoveragePublic(model=found.model, embedded=found.embedded, total=found.total,
                              missing=found.missing)


@router.post("/workspaces/{workspace}/evidence/embed", status_code=202, tags=["Evidence"],
             response_model=JobPublic, summary="Embed evidence lacking a vector (a job)",
             description="Answers 202 with the job; poll its `url` until it has finished.")
def embed(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> JSONResponse:
    with runtime.scope(actor, workspace) as scope:
        job = service.start(scope)
        return accepted(jobs.public(job, scope.workspace.slug))
