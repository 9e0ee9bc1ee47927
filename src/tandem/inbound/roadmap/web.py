"""The roadmap board: releases by horizon, what each addresses, and whether it has a launch."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.errors import TandemError
from tandem.inbound.release import Horizon
from tandem.inbound.roadmap.service import move, roadmap
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.render import render

router = APIRouter()


@router.get("/w/{slug}/roadmap")
def roadmap_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        return render(request, "roadmap/roadmap.html",
                      {"current": "roadmap", "board": roadmap(scope)})


@router.post("/w/{slug}/roadmap/{release_id:int}/move")
def move_release(request: Request, slug: str, release_id: int, form: FormDep) -> Response:
    back = ws_url(slug, "roadmap")
    raw = form_text(form, "horizon")
    if raw not in {h.value for h in Horizon}:
        return redirect_with(request, back, f"'{raw}' is not now, next or later.", "error")
    try:
        with workspace(request, slug) as scope:
            release = move(scope, release_id, Horizon(raw))
            name = release.name
    except TandemError as exc:
        if exc.status in (403, 404):
            raise
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, f"Moved '{name}' to {Horizon(raw).value.title()}.")
