"""One search box over every kind of object in a workspace."""

from __future__ import annotations

from dataclasses import dataclass

from tandem.registry import RESOURCES
from tandem.scope import Scope

PER_KIND = 10


@dataclass
class Hit:
    type: str
    label: str
    id: int
    title: str


def search(scope: Scope, q: str, per_kind: int = PER_KIND) -> list[Hit]:
    """Case-insensitive substring search, a few hits per kind, kinds in loop order."""
    if not q.strip():
        return []
    hits: list[Hit] = []
    for res in RESOURCES.values():
        page = res.list(scope, q=q, limit=per_kind)
        hits.extend(Hit(res.name, res.label, obj.id, res.title_of(obj)) for obj in page.items)
    return hits
