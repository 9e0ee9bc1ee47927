"""List and detail pages for every resource in the registry, with no per-kind page code.

Lists take the same `q`, filters, `offset` and `limit` as the API; details show every field,
references as links by title, and the object's place in the loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.crud import DEFAULT_LIMIT, MAX_LIMIT, Page, Resource
from tandem.errors import Invalid
from tandem.registry import RESOURCES, resource
from tandem.scope import Scope
from tandem.web import kinds
from tandem.web.context import workspace, ws_url
from tandem.web.forms import Option, spec_for
from tandem.web.kinds import Cell, Titles
from tandem.web.loop import panel, quick_contexts
from tandem.web.render import render

router = APIRouter()

RESERVED = {"q", "offset", "limit"}
PAGE_SIZES = (25, 50, 100, 200)


@dataclass
class FilterControl:
    name: str
    label: str
    widget: str  # select | text | hidden
    value: str = ""
    options: list[Option] = field(default_factory=list)
    shown: str = ""  # for hidden filters: what the chip says


@dataclass
class Row:
    id: int
    href: str
    cells: list[Cell]
    quick: dict[str, Any] | None = None


def _as_int(raw: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(raw or default), low), high)
    except ValueError:
        return default


def filter_controls(scope: Scope, res: Resource[Any], active: dict[str, str]
                    ) -> list[FilterControl]:
    """A control per filter the UI can offer, plus hidden ones for filters set by links."""
    controls: list[FilterControl] = []
    fields = res.create_schema.model_fields
    for name in res.filters:
        value = active.get(name, "")
        if name == "linked":
            controls.append(FilterControl(name, "Linked", "select", value, [
                Option("yes", "Linked to an opportunity"), Option("no", "Not linked yet")]))
        elif name == "tag":
            controls.append(FilterControl(name, "Tag", "text", value))
        elif name in fields:
            spec = spec_for(name, fields[name], scope)
            if spec.widget == "select":
                controls.append(FilterControl(name, spec.label, "select", value, spec.options))
            elif spec.widget == "number" and spec.minimum is not None and spec.maximum is not None:
                options = [Option(str(n), f"{spec.label} {n}")
                           for n in range(spec.minimum, spec.maximum + 1)]
                controls.append(FilterControl(name, spec.label, "select", value, options))
            elif value:
                controls.append(FilterControl(name, spec.label, "hidden", value, shown=value))
        elif value:
            ref = name[:-3] + "s" if name.endswith("_id") else ""
            ref = "opportunities" if name == "opportunity_id" else ref
            shown = kinds.find_title(scope, ref, int(value)) if value.isdigit() and ref in \
                RESOURCES else None
            label = RESOURCES[ref].label if ref in RESOURCES else name
            controls.append(FilterControl(name, label, "hidden", value, shown=shown or value))
    return controls


def page_links(path: str, params: dict[str, str], page: Page[Any]) -> dict[str, Any]:
    """'1-50 of 312' (with an en dash) and the previous / next URLs, keeping search and filters."""
    def url(offset: int) -> str:
        query = {**params, "offset": str(offset), "limit": str(page.limit)}
        if offset == 0:
            query.pop("offset")
        if page.limit == DEFAULT_LIMIT:
            query.pop("limit")
        return path + ("?" + urlencode(query) if query else "")

    first = page.offset + 1 if page.items else 0
    last = page.offset + len(page.items)
    previous = max(page.offset - page.limit, 0) if page.offset > 0 else None
    return {"first": first, "last": last, "total": page.total,
            "prev": url(previous) if previous is not None else None,
            "next": url(page.next_offset) if page.next_offset is not None else None}


@router.get("/w/{slug}/{kind}")
def list_page(request: Request, slug: str, kind: str) -> Response:
    res = resource(kind)
    query = request.query_params
    q = (query.get("q") or "").strip()
    offset = _as_int(query.get("offset"), 0, 0, 10**9)
    limit = _as_int(query.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT)
    active = {k: v for k, v in query.items() if k not in RESERVED and v.strip()}
    problem: str | None = None
    with workspace(request, slug) as scope:
        try:
            page = res.list(scope, q=q or None, filters=active, offset=offset, limit=limit)
        except Invalid as exc:
            problem = exc.message
            active = {}
            page = res.list(scope, q=q or None, offset=offset, limit=limit)
        titles = Titles(scope)
        cols = kinds.columns(res)
        opportunity_options = None
        if kind == "evidence":
            opportunity_options = [Option(str(o.id), o.title)
                                   for o in RESOURCES["opportunities"].all(scope)]
        rows = []
        quick = (quick_contexts(scope, [o.id for o in page.items], opportunity_options)
                 if opportunity_options is not None else {})
        for obj in page.items:
            row = Row(obj.id, ws_url(slug, kind, obj.id),
                      [kinds.cell(res, obj, name, titles) for name, _ in cols])
            row.quick = quick.get(obj.id)
            rows.append(row)
        params = {**active, **({"q": q} if q else {})}
        return render(request, "list.html", {
            "res": res, "kind": kind, "view": kinds.view(kind), "current": kind,
            "columns": cols, "rows": rows, "q": q, "problem": problem,
            "filters": filter_controls(scope, res, active), "active": active,
            "pages": page_links(request.url.path, params, page),
            "filtered": bool(q or active), "limit": limit, "page_sizes": PAGE_SIZES,
            "has_opportunities": bool(opportunity_options),
        })


@router.get("/w/{slug}/{kind}/{item_id:int}")
def detail_page(request: Request, slug: str, kind: str, item_id: int) -> Response:
    res = resource(kind)
    find = (request.query_params.get("find") or "").strip()
    with workspace(request, slug) as scope:
        obj = res.get(scope, item_id)
        titles = Titles(scope)
        loop = panel(scope, kind, item_id)
        found: list[tuple[int, str]] = []
        if find and loop is not None and any(f.searched for f in loop.forms):
            hits = RESOURCES["evidence"].list(scope, q=find, limit=10)
            found = [(e.id, e.text) for e in hits.items]
        view = kinds.view(kind)
        return render(request, "detail.html", {
            "res": res, "kind": kind, "obj": obj, "view": view, "current": kind,
            "title": res.title_of(obj), "fields": kinds.field_rows(res, obj, titles),
            "lp": loop, "find": find, "found": found,
            "evidence_count": _evidence_count(scope, kind, item_id),
        })


def _evidence_count(scope: Scope, kind: str, item_id: int) -> int | None:
    """How much evidence backs an opportunity (shown as a link to the filtered list)."""
    if kind != "opportunities":
        return None
    return RESOURCES["evidence"].list(scope, filters={"opportunity_id": str(item_id)},
                                      limit=1).total
