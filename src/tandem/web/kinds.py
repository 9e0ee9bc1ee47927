"""Cell formatting for the generic record pages, driven by each kind's declared view.

Which columns, which words and which extras a kind shows are declared by its feature
(`KindView` in the feature's feature.py); this module only turns values into cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from pydantic.fields import FieldInfo

from tandem import registry
from tandem.crud import Resource
from tandem.errors import NotFound
from tandem.platform.feature import KindView
from tandem.registry import RESOURCES
from tandem.scope import Scope
from tandem.web.forms import label_of, own_form
from tandem.web.render import humanize, nice_date, shorten


def view(name: str) -> KindView:
    """How kind `name` is shown, as its feature declared it."""
    return registry.kind(name).view


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


def cell(res: Resource[Any], obj: Any, column: str, titles: Titles, *,
         in_list: bool = True) -> Cell:
    """Format one field of `obj` for a table cell or the detail page."""
    slug = titles.scope.workspace.slug
    value = getattr(obj, column, None)
    info = res.create_schema.model_fields.get(column)
    ref = res.ref_kinds.get(column)
    if column == res.title_field and in_list:
        return Cell(shorten(value, 110 if view(res.name).quote else 80) or "(untitled)",
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
        if name == res.title_field or own_form(info):  # the heading; a panel of its own
            continue
        rows.append((label_of(name, info), cell(res, obj, name, titles, in_list=False)))
    return rows


def find_title(scope: Scope, kind: str, obj_id: int) -> str | None:
    try:
        res = RESOURCES[kind]
        return res.title_of(res.get(scope, obj_id))
    except (KeyError, NotFound):
        return None


def byline(res: Resource[Any], obj: Any) -> str:
    """The detail page's line under the title: groups of fields, ', ' within, ' · ' between."""
    groups = []
    for fields in view(res.name).byline:
        values = []
        for name in fields:
            value = getattr(obj, name, None)
            if isinstance(value, date):
                values.append(nice_date(value))
            elif value not in (None, ""):
                values.append(humanize(value) if isinstance(value, Enum) or _choice(res, name)
                              else str(value))
        if values:
            groups.append(", ".join(values))
    return " · ".join(groups)


def _choice(res: Resource[Any], name: str) -> bool:
    info = res.create_schema.model_fields.get(name)
    return info is not None and _is_choice(info)
