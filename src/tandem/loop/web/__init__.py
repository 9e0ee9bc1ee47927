"""The loop's pages: the workspace home (the loop at a glance), search and export.

The link and unlink routes, the loop strip on detail pages and the quick "link to
opportunity" on list rows are in web_links.py; this router includes them.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.errors import Invalid
from tandem.inbound.evidence.models import Source
from tandem.inbound.search.service import (
    MAX_FILTER_VALUE,
    MAX_QUERY,
    Mode,
    available_filters,
    search_evidence,
)
from tandem.inbound.themes.service import theme_choices
from tandem.loop import transfer
from tandem.loop.jobs import REINDEX
from tandem.loop.overview import overview
from tandem.loop.search import search
from tandem.loop.web.links import quick_contexts
from tandem.loop.web.links import router as links_router
from tandem.outbound.launch import LaunchStatus
from tandem.platform.jobs import service as jobs
from tandem.platform.policy import Action
from tandem.registry import RESOURCES
from tandem.roles.assignment import Raci
from tandem.roles.catalog import Direction
from tandem.roles.health import service as health
from tandem.roles.health.present import public as health_public
from tandem.roles.service import catalog, preset_of
from tandem.scope import Scope
from tandem.web.context import runtime_of, workspace
from tandem.web.forms import Option
from tandem.web.jobs import job_redirect
from tandem.web.render import render

router = APIRouter()
router.include_router(links_router)

MODE_LABELS = {Mode.hybrid: "Keyword + meaning", Mode.keyword: "Keyword only",
               Mode.semantic: "Meaning only"}
LOOP = (("evidence", "Evidence"), ("opportunities", "Opportunities"), ("releases", "Releases"),
        ("launches", "Launches"), ("messages", "Messages"))


def _opportunity_rows(scope: Scope, limit: int = 8) -> list[dict[str, Any]]:
    """Opportunities with how much evidence backs each, strongest first."""
    ev = RESOURCES["evidence"]
    rows = []
    for opp in RESOURCES["opportunities"].all(scope):
        count = ev.list(scope, filters={"opportunity_id": str(opp.id)}, limit=1).total
        rows.append({"obj": opp, "evidence": count})
    rows.sort(key=lambda r: (-int(r["evidence"]), str(r["obj"].title).lower()))
    return rows[:limit]


def _owners(scope: Scope) -> list[dict[str, Any]]:
    """Who is accountable (A) for each outbound activity in use."""
    by_activity: dict[str, list[str]] = {}
    names = {p.id: p.name for p in RESOURCES["people"].all(scope)}
    directions = {e.name: e.direction for e in catalog(scope)}
    for a in RESOURCES["assignments"].all(scope):
        if directions.get(a.activity) == Direction.inbound.value:
            continue
        people = by_activity.setdefault(a.activity, [])
        if a.raci == Raci.A.value:
            people.append(names.get(a.person_id, "?"))
    return [{"activity": k, "accountable": v} for k, v in sorted(by_activity.items())]


@router.get("/w/{slug}")
def home(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        info = overview(scope)
        ev = RESOURCES["evidence"]
        opp_options = [Option(str(o.id), o.title) for o in RESOURCES["opportunities"].all(scope)]
        triage = ev.list(scope, filters={"linked": "no"}, limit=3).items
        quick = quick_contexts(scope, [e.id for e in triage], opp_options)
        upcoming = {launch.id for launch in info.upcoming_launches}
        all_launches = RESOURCES["launches"].all(scope)
        done = [la for la in all_launches if la.id not in upcoming
                and la.status == LaunchStatus.launched.value]
        done.sort(key=lambda la: la.launch_date or date.min, reverse=True)
        return render(request, "loop/home.html", {
            "current": "home", "o": info, "loop_steps": LOOP, "today": date.today(),
            "recent": ev.list(scope, limit=3).items, "launched": done[:3],
            "board": info.board,
            "triage": [(e, quick[e.id]) for e in triage],
            "opportunities": _opportunity_rows(scope, 6),
            "messages": RESOURCES["messages"].list(scope, limit=6).items,
            "owners": _owners(scope),
            "release_names": {r.id: r.name for r in RESOURCES["releases"].all(scope)},
            "has_opportunities": bool(opp_options),
            "health": health_public(health.report(scope), slug, scope.can_write,
                                    health.due_weeks(scope), preset_of(scope)),
        })


SEARCH_FILTERS = ("source", "company", "segment", "persona", "theme", "tag", "linked",
                  "received_from", "received_to")


def _search_filters(scope: Scope, values: dict[str, str]) -> list[dict[str, Any]]:
    """The filter widgets of the search page: only the filters evidence can apply now."""
    plugged = available_filters()
    widgets: list[dict[str, Any]] = []
    for name in SEARCH_FILTERS:
        if plugged.get(name) is None:
            continue
        widget: dict[str, Any] = {"name": name, "value": values.get(name, ""),
                                  "label": name.replace("_", " ").capitalize(),
                                  "widget": "text", "options": []}
        if name == "source":
            widget.update(widget="select", options=[Option(s.value, s.value.replace("_", " "))
                                                    for s in Source])
        elif name == "linked":
            widget.update(widget="select", options=[Option("yes", "Linked"),
                                                    Option("no", "Not linked yet")])
        elif name == "segment":
            widget.update(widget="select", options=[
                Option(str(s.id), s.name) for s in RESOURCES["segments"].all(scope)])
        elif name == "theme":
            widget.update(widget="select", options=[
                Option(str(i), label) for i, label in theme_choices(scope)]
                + [Option("none", "Unsorted (no theme)")])
        elif name in ("received_from", "received_to"):
            widget.update(widget="date", label="From" if name == "received_from" else "To")
        widgets.append(widget)
    return widgets


@router.get("/w/{slug}/search")
def search_page(request: Request, slug: str) -> Response:
    """Evidence by keyword and meaning (hybrid, with filters), then the other kinds."""
    params = request.query_params
    q = (params.get("q") or "").strip()
    raw_mode = params.get("mode") or Mode.hybrid.value
    values = {n: (params.get(n) or "").strip()[:MAX_FILTER_VALUE] for n in SEARCH_FILTERS}
    error, status = "", 200
    found = None
    groups: dict[str, list[Any]] = {}
    with workspace(request, slug) as scope:
        try:
            mode = Mode(raw_mode)
        except ValueError:
            mode, error, status = Mode.hybrid, f"There is no search mode '{raw_mode[:20]}'.", 422
        if q and not error:
            try:
                found = search_evidence(scope, runtime_of(request).embedder, q, mode, values,
                                        limit=30)
            except Invalid as exc:
                error, status = exc.message, 422
            for hit in search(scope, q[:MAX_QUERY]) if not error else []:
                if hit.type != "evidence":
                    groups.setdefault(hit.type, []).append(hit)
        return render(request, "loop/search.html", {
            "q": q, "search_q": q, "groups": groups, "found": found, "mode": mode,
            "modes": [(m.value, label) for m, label in MODE_LABELS.items()],
            "filters": _search_filters(scope, values),
            "filtered": any(values.values()), "error": error,
            "total": sum(len(v) for v in groups.values()),
            "can_reindex": scope.can(Action.run_job)}, status=status)


@router.post("/w/{slug}/search/reindex")
def reindex_search(request: Request, slug: str) -> Response:
    """Start rebuilding the search index, then follow it on the job's page."""
    with workspace(request, slug) as scope:
        job_id = jobs.enqueue(scope, REINDEX).id
    return job_redirect(request, slug, job_id)


@router.get("/w/{slug}/export")
def export(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        data = transfer.export_workspace(scope)
    name = f"tandem-{slug}-{date.today().isoformat()}.json"
    return Response(json.dumps(data, indent=2, ensure_ascii=False), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
