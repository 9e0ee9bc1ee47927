"""List and detail pages for every resource in the registry, with no per-kind page code.

Lists take the same `q`, filters, `offset` and `limit` as the API; details show every field,
references as links by title, and the object's place in the loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem import features, registry
from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.paging import DEFAULT_LIMIT, MAX_LIMIT
from tandem.platform.feature import ListColumn, ListTool, Panel, Routes, load
from tandem.registry import RESOURCES, readable
from tandem.schema import MAX_ID, whole_number
from tandem.scope import Scope
from tandem.web import kinds
from tandem.web.context import workspace, ws_url
from tandem.web.forms import Option, spec_for
from tandem.web.kinds import Cell, Titles
from tandem.web.pager import page_links, query_int
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


def filter_controls(scope: Scope, res: Resource[Any], active: dict[str, str]
                    ) -> list[FilterControl]:
    """A control per filter the UI can offer, plus hidden ones for filters set by links."""
    controls: list[FilterControl] = []
    fields = res.create_schema.model_fields
    declared = kinds.view(res.name).filters
    for name in res.filters:
        value = active.get(name, "")
        widget = declared.get(name)
        if widget is not None and widget.widget in ("select", "text"):
            controls.append(FilterControl(name, widget.label, widget.widget, value,
                                          [Option(v, label) for v, label in widget.options]))
        elif widget is not None and widget.ref is not None:
            if value:
                wanted = whole_number(value, 1, MAX_ID)
                shown = kinds.find_title(scope, widget.ref, wanted) \
                    if wanted is not None else None
                controls.append(FilterControl(name, widget.label, "hidden", value,
                                              shown=shown or value))
        elif name in fields:
            spec = spec_for(name, fields[name], scope, res.ref_kinds.get(name))
            if spec.widget == "select":
                controls.append(FilterControl(name, spec.label, "select", value, spec.options))
            elif spec.widget == "number" and spec.minimum is not None and spec.maximum is not None:
                options = [Option(str(n), f"{spec.label} {n}")
                           for n in range(spec.minimum, spec.maximum + 1)]
                controls.append(FilterControl(name, spec.label, "select", value, options))
            elif value:
                controls.append(FilterControl(name, spec.label, "hidden", value, shown=value))
        elif value:
            label = widget.label if widget is not None else name
            controls.append(FilterControl(name, label, "hidden", value, shown=value))
    return controls


def _feature_hooks(attribute: str) -> list[Any]:
    """The functions features contribute to generic pages (panels, list columns)."""
    return [load(ref) for feature in features.FEATURES for ref in getattr(feature, attribute)]


@router.get("/w/{slug}/{kind}")
def list_page(request: Request, slug: str, kind: str) -> Response:
    res = readable(kind)
    query = request.query_params
    q = (query.get("q") or "").strip()
    offset = query_int(query.get("offset"), 0, 0, 10**9)
    limit = query_int(query.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT)
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
        ids = [o.id for o in page.items]
        extra: list[ListColumn] = [c for c in (hook(scope, kind, ids)
                                               for hook in _feature_hooks("list_columns"))
                                   if c is not None]
        tools: list[ListTool] = [t for t in (hook(scope, kind, str(request.url.path)
                                                  + (f"?{request.url.query}"
                                                     if request.url.query else ""))
                                             for hook in _feature_hooks("list_tools"))
                                 if t is not None]
        rows = [Row(obj.id, ws_url(slug, kind, obj.id),
                    [kinds.cell(res, obj, name, titles) for name, _ in cols])
                for obj in page.items]
        params = {**active, **({"q": q} if q else {})}
        return render(request, "list.html", {
            "res": res, "kind": kind, "view": kinds.view(kind), "current": kind,
            "editable": registry.kind(kind).routes is Routes.full,
            "columns": cols, "rows": rows, "q": q, "problem": problem,
            "filters": filter_controls(scope, res, active), "active": active,
            "pages": page_links(request.url.path, params, page),
            "filtered": bool(q or active), "limit": limit, "page_sizes": PAGE_SIZES,
            "extra_columns": extra, "list_tools": tools,
        })


@router.get("/w/{slug}/{kind}/{item_id:int}")
def detail_page(request: Request, slug: str, kind: str, item_id: int) -> Response:
    res = readable(kind)
    with workspace(request, slug) as scope:
        obj = res.get(scope, item_id)
        titles = Titles(scope)
        view = kinds.view(kind)
        panels: list[Panel] = [p for p in (hook(scope, kind, item_id, request.query_params)
                                           for hook in _feature_hooks("panels"))
                               if p is not None]
        context: dict[str, Any] = {}
        for found in panels:
            context.update(found.context)
        counts = [(c, RESOURCES[c.kind].list(scope, filters={c.filter: str(item_id)},
                                             limit=1).total) for c in view.counts]
        return render(request, "detail.html", {
            **context,
            "res": res, "kind": kind, "obj": obj, "view": view, "current": kind,
            "editable": registry.kind(kind).routes is Routes.full,
            "title": res.title_of(obj), "fields": kinds.field_rows(res, obj, titles),
            "byline": kinds.byline(res, obj), "counts": counts,
            "side_panels": [p for p in panels if not p.wide],
            "wide_panels": [p for p in panels if p.wide],
        })
