"""One search box over every kind of object in a workspace."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tandem.platform.policy import Action
from tandem.registry import RESOURCES
from tandem.schema import search_term
from tandem.scope import Scope
from tandem.storage.fulltext import fulltext_for

PER_KIND = 10


@dataclass
class Hit:
    type: str
    label: str
    id: int
    title: str


def search(scope: Scope, q: str, per_kind: int = PER_KIND) -> list[Hit]:
    """Full-text search (words, each as a prefix), the best few hits of each kind, kinds in
    loop order and hits best first."""
    for res in RESOURCES.values():
        scope.require(Action.read, res)
    search_term(q)
    found = fulltext_for(scope.session).search(scope.session, scope.workspace_id, q,
                                               list(RESOURCES), per_kind)
    hits: list[Hit] = []
    for res in RESOURCES.values():
        ids = [h.object_id for h in found if h.kind == res.name]
        if not ids:
            continue
        # Titles come from the objects, as before; a document whose object went with a
        # database cascade (a release's launches) has no row here and is left out.
        title = getattr(res.model, res.title_field)
        titles = dict(scope.session.execute(select(res.model.id, title).where(
            res.model.id.in_(ids), res.model.workspace_id == scope.workspace_id)).tuples().all())
        hits.extend(Hit(res.name, res.label, i, str(titles[i])) for i in ids if i in titles)
    return hits
