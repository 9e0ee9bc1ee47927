"""Assets on the web: generate one, read it (sanitised HTML), edit it (a new version, its
audit re-run), approve it, download it as Markdown or HTML."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import Response

from tandem.crud import require_version
from tandem.errors import Stale, TandemError
from tandem.inbound.release import releases
from tandem.market.competitor import competitors
from tandem.market.product import products
from tandem.outbound.assets import engine, service
from tandem.outbound.assets.models import AssetKind
from tandem.outbound.assets.schemas import AssetEdit, AssetGenerate, AssetStatusChange
from tandem.outbound.claims import service as claims
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.models import HouseStatus
from tandem.platform.events import service as events
from tandem.platform.feature import Panel
from tandem.platform.policy import Action
from tandem.schema import friendly_error
from tandem.scope import Scope
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.render import render
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_version

router = APIRouter()
HISTORY_SIZE = 10


def _int(raw: str) -> int | None:
    return int(raw) if raw.isdecimal() and len(raw) < 19 else None


@router.get("/w/{slug}/assets")
def assets_page(request: Request, slug: str) -> Response:
    raw = (request.query_params.get("status") or "")[:16]
    status = raw if raw in set(HouseStatus) else None
    with workspace(request, slug) as scope:
        return render(request, "assets/list.html", {
            "current": "assets", "assets": service.all_assets(scope, status=status),
            "status": status, "statuses": [s.value for s in HouseStatus],
            "report": claims.audit(scope), "houses": messaging.houses(scope),
            "competitors": competitors.all(scope), "releases": releases.all(scope),
            "products": products.all(scope),
            "kinds": [k.value for k in AssetKind]})


@router.post("/w/{slug}/assets")
def generate(request: Request, slug: str, form: FormDep) -> Response:
    back = ws_url(slug, "assets")
    try:
        body = AssetGenerate.model_validate({
            "kind": form_text(form, "kind"), "competitor": form_text(form, "competitor"),
            "house_id": _int(form_text(form, "house_id")),
            "release_id": _int(form_text(form, "release_id")),
            "product_id": _int(form_text(form, "product_id"))})
        with workspace(request, slug) as scope:
            asset_id = service.generate(scope, body).id
    except ValidationError as exc:
        return redirect_with(request, back, friendly_error(exc.errors()[0]), "error")
    except TandemError as exc:
        if exc.status in (401, 403):
            raise
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, ws_url(slug, "assets", asset_id),
                         "Generated. Read it, edit it, then send it for review.")


@router.get("/w/{slug}/assets/{asset_id:int}")
def asset_page(request: Request, slug: str, asset_id: int) -> Response:
    with workspace(request, slug) as scope:
        asset = service.get(scope, asset_id)
        history: dict[str, object] = {"history": [], "history_total": 0, "history_href": ""}
        if scope.can(Action.read_audit):
            page = events.history(scope, kind=service.KIND, object_id=asset_id,
                                  limit=HISTORY_SIZE)
            history = {"history": page.items, "history_total": page.total,
                       "history_href": f"/w/{slug}/audit?kind={service.KIND}"
                                       f"&object_id={asset_id}"}
        return render(request, "assets/asset.html", {
            "current": "assets", "asset": asset, "html": engine.to_html(asset.body),
            "audit": claims.audit(scope).of(f"asset:{asset_id}"),
            "versions": service.versions(scope, asset_id),
            "statuses": [s.value for s in HouseStatus], **history})


@router.get("/w/{slug}/assets/{asset_id:int}/download")
def download(request: Request, slug: str, asset_id: int) -> Response:
    fmt = (request.query_params.get("format") or "md")[:16]
    with workspace(request, slug) as scope:
        scope.require(Action.export)
        asset = service.get(scope, asset_id)
        content, media = service.render(asset, fmt)
    name = f"asset-{asset_id}.{'md' if fmt == 'markdown' else fmt}"
    return Response(content, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/w/{slug}/assets/{asset_id:int}/compare")
def compare_page(request: Request, slug: str, asset_id: int) -> Response:
    def number(name: str) -> int | None:
        raw = (request.query_params.get(name) or "")[:8]
        return int(raw) if raw.isascii() and raw.isdigit() else None

    back = ws_url(slug, "assets", asset_id)
    try:
        with workspace(request, slug) as scope:
            asset = service.get(scope, asset_id)
            old, new, lines = service.compare(scope, asset_id, number("left"), number("right"))
            return render(request, "assets/compare.html", {
                "current": "assets", "asset": asset, "old": old, "new": new, "lines": lines,
                "numbers": [v.number for v in service.versions(scope, asset_id)]})
    except TandemError as exc:
        if exc.status in (403, 404):
            raise
        return redirect_with(request, back, exc.message, "error")


@router.post("/w/{slug}/assets/{asset_id:int}/edit")
def edit(request: Request, slug: str, asset_id: int, form: FormDep) -> Response:
    back = ws_url(slug, "assets", asset_id)
    try:
        body = AssetEdit(markdown=form_text(form, "body"))
        with workspace(request, slug) as scope:
            require_version(service.get(scope, asset_id), form_version(form), "asset")
            version = service.edit(scope, asset_id, body).version
    except Stale:
        with workspace(request, slug) as scope:
            asset = service.get(scope, asset_id)
            return stale_page(request, StaleForm(
                "asset", asset.title, back, back + "/edit", asset.row_version,
                {"body": form_text(form, "body")}, {"body": asset.body}, {"body": "Text"}))
    except ValidationError as exc:
        return redirect_with(request, back, friendly_error(exc.errors()[0], "The text"),
                             "error")
    return redirect_with(request, back, f"Saved as version {version}; the audit has run "
                         "again.")


@router.post("/w/{slug}/assets/{asset_id:int}/status")
def status(request: Request, slug: str, asset_id: int, form: FormDep) -> Response:
    back = ws_url(slug, "assets", asset_id)
    try:
        body = AssetStatusChange.model_validate({"status": form_text(form, "status")})
    except ValidationError:
        return redirect_with(request, back, "Pick a status from the list.", "error")
    try:
        with workspace(request, slug) as scope:
            require_version(service.get(scope, asset_id), form_version(form), "asset")
            service.set_status(scope, asset_id, body)
    except Stale:
        with workspace(request, slug) as scope:
            asset = service.get(scope, asset_id)
            return stale_page(request, StaleForm(
                "asset", asset.title, back, back + "/status", asset.row_version,
                {"status": form_text(form, "status")}, {"status": asset.status},
                {"status": "Status"}))
    return redirect_with(request, back, "Status changed.")


def assets_panel(scope: Scope, kind: str, obj_id: int, params: Any) -> Panel | None:
    """On a release's page, its assets; on a competitor's, its battlecards: each with its
    status and the share of its claims that are supported."""
    if kind == "releases":
        found = service.all_assets(scope, release_id=obj_id)
    elif kind == "competitors":
        found = service.all_assets(scope, competitor_id=obj_id)
    else:
        return None
    report = claims.audit(scope) if found else None
    rows = [(a, report.of(f"asset:{a.id}") if report else None) for a in found]
    return Panel("assets/_panel.html", {"object_assets": rows, "panel_kind": kind,
                                        "panel_id": obj_id})
