"""How each kind of object is shown: list columns, empty states, and cell formatting.

Pages are generic over the registry; this is the only per-kind knowledge the web face has,
and it is presentation only (which columns, which words), never behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from pydantic.fields import FieldInfo

from tandem.crud import Resource
from tandem.errors import NotFound
from tandem.registry import RESOURCES
from tandem.scope import Scope
from tandem.web.forms import label_of
from tandem.web.render import humanize, nice_date, shorten


@dataclass(frozen=True)
class KindView:
    columns: tuple[str, ...]
    blurb: str
    empty: str
    quote: bool = False  # the title is long text, shown as a quote rather than a heading


VIEWS: dict[str, KindView] = {
    "evidence": KindView(
        ("text", "customer_company", "source", "received_on", "tags"),
        "What customers said, in their words: the raw material of every decision.",
        "No evidence yet — add the first piece or import a CSV.", quote=True),
    "opportunities": KindView(
        ("title", "status"),
        "Market problems worth solving, each backed by evidence.",
        "No opportunities yet — name a problem you keep hearing about in the evidence."),
    "releases": KindView(
        ("name", "version", "horizon", "status", "target_date"),
        "What ships, and where it sits on the roadmap: Now, Next or Later.",
        "No releases yet — plan one to address your strongest opportunity."),
    "launches": KindView(
        ("name", "release_id", "tier", "status", "launch_date"),
        "Taking a release to market, sized by tier (1 biggest to 4 quiet ship).",
        "No launches yet — every release on Now or Next deserves a launch plan."),
    "messages": KindView(
        ("title", "kind", "launch_id", "persona_id"),
        "Positioning statements, value propositions, pillars and proof points.",
        "No messages yet — write the value proposition for your next launch."),
    "assignments": KindView(
        ("activity", "person", "role", "raci", "phase"),
        "Who is Responsible, Accountable, Consulted or Informed for each activity.",
        "No role assignments yet — say who is accountable for launches and messaging."),
    "products": KindView(
        ("name", "description"),
        "The product, or product lines, this workspace builds and sells.",
        "No products yet — describe what you sell."),
    "segments": KindView(
        ("name", "description"),
        "Groups of buyers who share a problem.",
        "No segments yet — name the group of buyers you serve best."),
    "personas": KindView(
        ("name", "title", "segment_id"),
        "The people who buy and use the product.",
        "No personas yet — describe the buyer you talk to most."),
    "competitors": KindView(
        ("name", "website", "description"),
        "Competitors and alternatives, including spreadsheets and doing nothing.",
        "No competitors yet — even 'a spreadsheet' is an alternative worth writing down."),
}


def view(name: str) -> KindView:
    res = RESOURCES[name]
    return VIEWS.get(name) or KindView((res.title_field,), "", f"No {res.plural.lower()} yet.")


@dataclass
class Cell:
    """One shown value. `style` is text, title, long, pill, tags, date, link, empty."""

    text: str
    style: str = "text"
    href: str | None = None
    items: list[str] = field(default_factory=list)
    pill: str = ""


class Titles:
    """Titles of referenced objects, loaded once per kind per page (no query per row)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._cache: dict[str, dict[int, str]] = {}

    def title(self, kind: str, obj_id: int) -> str | None:
        if kind not in self._cache:
            res = RESOURCES[kind]
            self._cache[kind] = {o.id: res.title_of(o) for o in res.all(self.scope)}
        return self._cache[kind].get(obj_id)


def _ref_of(info: FieldInfo | None) -> str | None:
    extra = info.json_schema_extra if info is not None else None
    if isinstance(extra, dict) and isinstance(extra.get("ref"), str):
        return str(extra["ref"])
    return None


def cell(res: Resource[Any], obj: Any, column: str, titles: Titles, *,
         in_list: bool = True) -> Cell:
    """Format one field of `obj` for a table cell or the detail page."""
    slug = titles.scope.workspace.slug
    value = getattr(obj, column, None)
    info = res.create_schema.model_fields.get(column)
    ref = _ref_of(info)
    if column == res.title_field and in_list:
        return Cell(shorten(value, 110 if res.name == "evidence" else 80) or "(untitled)",
                    "title", f"/w/{slug}/{res.name}/{obj.id}")
    if value is None or value == "" or value == []:
        return Cell("—", "empty")
    if ref is not None:
        title = titles.title(ref, int(value))
        if title is None:
            return Cell(f"#{value} (gone)", "empty")
        return Cell(shorten(title, 60 if in_list else 200), "link", f"/w/{slug}/{ref}/{value}")
    if isinstance(value, list):
        return Cell("", "tags", items=[str(v) for v in value])
    if isinstance(value, date):
        return Cell(nice_date(value), "date")
    if isinstance(value, Enum) or (info is not None and _is_choice(info)):
        raw = value.value if isinstance(value, Enum) else str(value)
        return Cell(humanize(raw), "pill", pill=f"{column}-{raw}")
    if column == "tier":
        return Cell(f"Tier {value}", "pill", pill=f"tier-{value}")
    if column == "website" and isinstance(value, str) and value.startswith(("http://", "https://")):
        return Cell(value, "link", value)
    if in_list:
        return Cell(shorten(value, 70), "text")
    extra = info.json_schema_extra if info is not None else None
    long = isinstance(extra, dict) and extra.get("widget") == "textarea"
    return Cell(str(value), "long" if long else "text")


def _is_choice(info: FieldInfo) -> bool:
    annotation = info.annotation
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def columns(res: Resource[Any]) -> list[tuple[str, str]]:
    """(field, heading) pairs for the list table."""
    out = []
    for name in view(res.name).columns:
        info = res.create_schema.model_fields.get(name)
        heading = label_of(name, info) if info is not None else humanize(name)
        out.append((name, heading))
    return out


def field_rows(res: Resource[Any], obj: Any, titles: Titles) -> list[tuple[str, Cell]]:
    """(label, cell) for every schema field, for the detail page."""
    rows = []
    for name, info in res.create_schema.model_fields.items():
        if name == res.title_field:  # already the page's heading (or quote)
            continue
        rows.append((label_of(name, info), cell(res, obj, name, titles, in_list=False)))
    return rows


def find_title(scope: Scope, kind: str, obj_id: int) -> str | None:
    try:
        res = RESOURCES[kind]
        return res.title_of(res.get(scope, obj_id))
    except (KeyError, NotFound):
        return None
