"""The roadmap board: releases by horizon, what each addresses, and whether it has a launch."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.errors import TandemError
from tandem.inbound.release import Horizon
from tandem.inbound.roadmap import share
from tandem.inbound.roadmap.service import move, roadmap
from tandem.web.context import (
    FormDep,
    form_text,
    redirect_with,
    runtime_of,
    workspace,
    ws_url,
)
from tandem.web.render import render

router = APIRouter()


@router.get("/w/{slug}/roadmap")
def roadmap_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        return render(request, "roadmap/roadmap.html",
                      {"current": "roadmap", "board": roadmap(scope),
                       "shares": share.shares(scope)})


@router.post("/w/{slug}/roadmap/shares")
def make_share(request: Request, slug: str, form: FormDep) -> Response:
    label = form_text(form, "label")[:100]
    with workspace(request, slug) as scope:
        row, token = share.create_share(scope, label)
        context = {"current": "roadmap", "board": roadmap(scope), "shares": share.shares(scope),
                   "new_link": str(request.base_url).rstrip("/") + f"/share/roadmap/{token}",
                   "new_id": row.id}
        return render(request, "roadmap/roadmap.html", context, status=201)


@router.post("/w/{slug}/roadmap/shares/{share_id:int}/revoke")
def revoke(request: Request, slug: str, share_id: int) -> Response:
    with workspace(request, slug) as scope:
        row = share.revoke_share(scope, share_id)
        name = row.label or row.prefix
    return redirect_with(request, ws_url(slug, "roadmap"),
                         f"Revoked the link '{name}': it no longer opens the roadmap.")


@router.get("/share/roadmap/{token}")
def shared_page(request: Request, token: str) -> Response:
    with runtime_of(request).session() as session:
        board = share.shared_board(session, token)
        return render(request, "roadmap/shared.html", {"shared": board})


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
