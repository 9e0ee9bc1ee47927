"""The roadmap board: releases by horizon, what each addresses, and whether it has a launch."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import JSONResponse, Response

from tandem.errors import Stale, TandemError
from tandem.inbound.release import Horizon, releases
from tandem.inbound.roadmap import share, timeline
from tandem.inbound.roadmap.service import move, place, roadmap, timeline_rows
from tandem.market.chartkit import FORMATS
from tandem.web.context import (
    FormDep,
    form_text,
    redirect_with,
    runtime_of,
    workspace,
    ws_url,
)
from tandem.web.render import render
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_pairs, form_version

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
    """Move a release to another column; the form carries the release's version (409, the
    conflict page, when it changed since the board was loaded)."""
    back = ws_url(slug, "roadmap")
    raw = form_text(form, "horizon")
    if raw not in {h.value for h in Horizon}:
        return redirect_with(request, back, f"'{raw}' is not now, next or later.", "error")
    try:
        with workspace(request, slug) as scope:
            release = move(scope, release_id, Horizon(raw), form_version(form))
            name = release.name
    except Stale:
        return _stale(request, slug, release_id, "move", {"horizon": raw}, form)
    except TandemError as exc:
        if exc.status in (403, 404):
            raise
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, f"Moved '{name}' to {Horizon(raw).value.title()}.")


@router.post("/w/{slug}/roadmap/{release_id:int}/place")
def place_release(request: Request, slug: str, release_id: int, form: FormDep) -> Response:
    """Drop a release at a place in a column: from the board's drag and drop (answered with
    204 or a JSON message) or from its keyboard buttons (answered with a redirect). Both send
    the release's version: a drop onto a board that changed since is refused (409)."""
    back = ws_url(slug, "roadmap")
    dragged = "application/json" in request.headers.get("accept", "")
    raw, where = form_text(form, "horizon"), form_text(form, "position")
    if raw not in {h.value for h in Horizon} or not where.isascii() or not where.isdigit() \
            or not 1 <= int(where) <= 10_000:
        message = "Choose now, next or later, and a place from 1."
        return JSONResponse({"message": message}, 422) if dragged \
            else redirect_with(request, back, message, "error")
    try:
        with workspace(request, slug) as scope:
            release = place(scope, release_id, Horizon(raw), int(where), form_version(form))
            name = release.name
    except Stale:
        if dragged:
            return JSONResponse({"message": "Someone else changed this part of the roadmap "
                                            "since the page was loaded, so nothing was moved. "
                                            "The board is reloaded as it is now."}, 409)
        return _stale(request, slug, release_id, "place",
                      {"horizon": raw, "position": where}, form)
    except TandemError as exc:
        if exc.status in (403, 404) and not dragged:
            raise
        return JSONResponse({"message": exc.message}, exc.status) if dragged \
            else redirect_with(request, back, exc.message, "error")
    if dragged:
        return Response(status_code=204)
    return redirect_with(request, back, f"'{name}' is now number {where} in "
                                        f"{Horizon(raw).value.title()}.")


def _stale(request: Request, slug: str, release_id: int, tail: str, mine: dict[str, str],
           form: FormData) -> Response:
    """The conflict page of a stale move: the column and place asked for against where the
    release is now."""
    with workspace(request, slug) as scope:
        release = releases.get(scope, release_id)
        now = {"horizon": release.horizon, "position": str(release.rank or "")}
        return stale_page(request, StaleForm(
            "release", release.name, ws_url(slug, "roadmap"),
            ws_url(slug, "roadmap", release_id, tail), release.row_version,
            {k: v.title() if k == "horizon" else v for k, v in mine.items()},
            {k: now[k].title() if k == "horizon" else now[k] for k in mine},
            {k: PLACE_LABELS[k] for k in mine}, form_pairs(form)))


PLACE_LABELS = {"horizon": "Column", "position": "Place in the column"}


@router.get("/w/{slug}/roadmap/timeline")
def timeline_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        rows = timeline_rows(scope)
        return render(request, "roadmap/timeline.html",
                      {"current": "roadmap", "undated": [r for r in rows if r.when is None],
                       "dated": sum(1 for r in rows if r.when is not None)})


@router.get("/w/{slug}/roadmap/timeline.{fmt}")
def timeline_file(request: Request, slug: str, fmt: Literal["svg", "png", "pdf"]) -> Response:
    with workspace(request, slug) as scope:
        rows = timeline_rows(scope)
    return Response(timeline.render(rows, fmt, date.today()), media_type=FORMATS[fmt],
                    headers={"Content-Disposition":
                             f'attachment; filename="roadmap-timeline.{fmt}"'})
