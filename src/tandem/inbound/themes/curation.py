"""Curation of themes: what people decide about them (rename, pin, hide, merge, split, move
items, turn one into an opportunity). Every decision is recorded so that a full run
(`service.reconcile`) keeps it: see `service` for how people win on re-runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import insert, select, update

from tandem.errors import Conflict, Invalid
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.opportunity import Opportunity, OpportunityCreate, opportunities
from tandem.inbound.themes import engine
from tandem.inbound.themes.models import DESCRIPTION_LENGTH, LABEL_LENGTH, Theme, ThemeMember
from tandem.inbound.themes.service import (
    EVIDENCE,
    KIND,
    MAX_ITEMS,
    MAX_MERGE,
    get,
    id_chunks,
    label_of,
    member_ids,
    member_vectors,
    refresh_theme,
    texts_of,
    views_of,
)
from tandem.loop import links
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope


def _model(scope: Scope, theme: Theme) -> str:
    return theme.model


def _drop_if_empty(scope: Scope, theme: Theme) -> None:
    if theme.size == 0 and not theme.pinned:
        events.record(scope, "deleted", KIND, theme.id, theme.label)
        scope.session.delete(theme)


def update_theme(scope: Scope, theme_id: int, *, label: str | None = None,
                 description: str | None = None, pinned: bool | None = None,
                 hidden: bool | None = None) -> Theme:
    """Rename (the label then survives runs), pin or unpin, hide or show a theme."""
    scope.require(Action.update)
    theme = get(scope, theme_id)
    changes: dict[str, list[Any]] = {}
    if label is not None:
        label = " ".join(label.split())
        if not 1 <= len(label) <= LABEL_LENGTH:
            raise Invalid(f"A label has 1 to {LABEL_LENGTH} characters.", "label")
        if label != theme.label:
            changes["label"] = [theme.label, label]
        theme.label, theme.label_curated = label, True
    if description is not None:
        description = " ".join(description.split())
        if len(description) > DESCRIPTION_LENGTH:
            raise Invalid(f"A description has at most {DESCRIPTION_LENGTH} characters.",
                          "description")
        if description != theme.description:
            changes["description"] = [theme.description, description]
        theme.description, theme.label_curated = description, True
    for name, value in (("pinned", pinned), ("hidden", hidden)):
        if value is not None and value != getattr(theme, name):
            changes[name] = [getattr(theme, name), value]
            setattr(theme, name, value)
    if changes:
        events.record(scope, "updated", KIND, theme.id, theme.label, changes)
    scope.session.flush()
    return theme


def _check_ids(ids: Sequence[int], name: str, most: int = MAX_ITEMS) -> list[int]:
    unique = sorted({int(i) for i in ids})
    if not 1 <= len(unique) <= most:
        raise Invalid(f"Give 1 to {most} ids.", name)
    if any(not 1 <= i <= MAX_ID for i in unique):
        raise Invalid("An id is out of range.", name)
    return unique


def merge(scope: Scope, into_id: int, other_ids: Sequence[int]) -> Theme:
    """Merge themes into one: their items join it as placed by a person, and later runs
    fold every cluster that overlaps it back into it."""
    scope.require(Action.update)
    into = get(scope, into_id)
    others = [get(scope, i) for i in _check_ids(other_ids, "themes", MAX_MERGE) if i != into_id]
    if not others:
        raise Invalid("Choose at least one other theme to merge into this one.", "themes")
    moved = [int(e) for e in scope.session.scalars(select(ThemeMember.evidence_id).where(
        ThemeMember.theme_id.in_([t.id for t in others])))]
    scope.session.execute(update(ThemeMember).where(
        ThemeMember.theme_id.in_([t.id for t in others])).values(theme_id=into.id, placed=True))
    into.merged = True
    into.pinned = into.pinned or any(t.pinned for t in others)
    if into.opportunity_id is None:
        into.opportunity_id = next((t.opportunity_id for t in others if t.opportunity_id), None)
    for other in others:
        events.record(scope, "merged", KIND, other.id, other.label,
                      {"into": [None, into.id]})
        scope.session.delete(other)
    scope.session.flush()
    refresh_theme(scope, into, _model(scope, into))
    events.record(scope, "merged", KIND, into.id, into.label,
                  {"merged": [None, [t.label for t in others]], "items": [None, len(moved)]})
    return into


def split(scope: Scope, theme_id: int, evidence_ids: Sequence[int] | None = None,
          label: str | None = None) -> Theme:
    """Split a theme: the chosen items (or, with none chosen, the smaller half of the
    theme re-clustered in two) become a new theme. Both halves are placed by a person."""
    scope.require(Action.update)
    theme = get(scope, theme_id)
    current = member_ids(scope, theme.id)
    if len(current) < 2:
        raise Invalid("A theme needs at least two items to be split.", "evidence_ids")
    if evidence_ids:
        chosen = _check_ids(evidence_ids, "evidence_ids")
        outside = sorted(set(chosen) - set(current))
        if outside:
            raise Invalid(f"Evidence {outside[0]} is not in this theme.", "evidence_ids")
        if len(chosen) == len(current):
            raise Invalid("Leave at least one item in the theme.", "evidence_ids")
    else:
        have, vecs = member_vectors(scope, theme.model, current)
        if len(have) < 2:
            raise Invalid("Too few of this theme's items have vectors to split it in two; "
                          "choose the items instead.", "evidence_ids")
        halves = engine.split_in_two(vecs)
        chosen = [have[i] for i in np.flatnonzero(halves == 1).tolist()]
    chosen_set = set(chosen)
    texts = texts_of(scope, current)
    order = [i for i in current if i in texts]
    parts = np.asarray([1 if i in chosen_set else 0 for i in order], dtype=np.int64)
    phrases = engine.key_phrases([texts[i] for i in order], parts, 2)
    new = Theme(workspace_id=scope.workspace_id, model=theme.model, quote_ids=[], size=0,
                hidden=theme.hidden,
                label=label_of(phrases[1], f"Split of {theme.label}"[:LABEL_LENGTH]),
                description=engine.describe(phrases[1])[:DESCRIPTION_LENGTH])
    if label is not None and label.strip():
        new.label, new.label_curated = " ".join(label.split())[:LABEL_LENGTH], True
    scope.session.add(new)
    scope.session.flush()
    if not theme.label_curated:
        theme.label = label_of(phrases[0], theme.label)
        theme.description = engine.describe(phrases[0])[:DESCRIPTION_LENGTH]
    for chunk in id_chunks(sorted(chosen_set)):
        scope.session.execute(update(ThemeMember).where(
            ThemeMember.theme_id == theme.id, ThemeMember.evidence_id.in_(chunk))
            .values(theme_id=new.id))
    scope.session.execute(update(ThemeMember).where(
        ThemeMember.theme_id.in_([theme.id, new.id])).values(placed=True))
    scope.session.flush()
    refresh_theme(scope, theme, theme.model)
    refresh_theme(scope, new, theme.model)
    events.record(scope, "split", KIND, theme.id, theme.label,
                  {"into": [None, new.id], "items": [None, len(chosen_set)]})
    events.record(scope, "created", KIND, new.id, new.label, {"split_from": [None, theme.id]})
    return new


def move(scope: Scope, theme_id: int, evidence_ids: Sequence[int]) -> Theme:
    """Put evidence in this theme (from another theme or from unsorted), as a person's
    placement that runs keep. A theme left empty is removed unless pinned."""
    scope.require(Action.update)
    theme = get(scope, theme_id)
    chosen = _check_ids(evidence_ids, "evidence_ids")
    found = {int(i) for chunk in id_chunks(chosen) for i in scope.session.scalars(
        select(Evidence.id).where(Evidence.workspace_id == scope.workspace_id,
                                  Evidence.id.in_(chunk)))}
    missing = sorted(set(chosen) - found)
    if missing:
        raise Invalid(f"Evidence {missing[0]} not found.", "evidence_ids")
    before = {int(e): int(t) for chunk in id_chunks(chosen) for e, t in scope.session.execute(
        select(ThemeMember.evidence_id, ThemeMember.theme_id)
        .where(ThemeMember.evidence_id.in_(chunk)))}
    for chunk in id_chunks(chosen):
        scope.session.execute(update(ThemeMember).where(ThemeMember.evidence_id.in_(chunk))
                              .values(theme_id=theme.id, placed=True))
    new_rows = [{"workspace_id": scope.workspace_id, "theme_id": theme.id, "evidence_id": e,
                 "placed": True} for e in chosen if e not in before]
    if new_rows:
        scope.session.execute(insert(ThemeMember), new_rows)
    scope.session.flush()
    refresh_theme(scope, theme, theme.model)
    for source_id in sorted(set(before.values()) - {theme.id}):
        source = scope.session.get(Theme, source_id)
        if source is not None:
            refresh_theme(scope, source, source.model)
            _drop_if_empty(scope, source)
    events.record(scope, "moved", KIND, theme.id, theme.label,
                  {"items": [None, len(chosen)]})
    scope.session.flush()
    return theme


def to_opportunity(scope: Scope, theme_id: int, title: str | None = None) -> Opportunity:
    """Make the theme an opportunity with every item of it linked as evidence."""
    scope.require(Action.create)
    scope.require(Action.link)
    theme = get(scope, theme_id)
    if theme.opportunity_id is not None and scope.session.get(
            Opportunity, theme.opportunity_id) is not None:
        raise Conflict(f"This theme is already opportunity {theme.opportunity_id}.",
                       "opportunity_id")
    quotes = [e.text for e in views_of(scope, [theme])[0].quotes]
    problem = "\n\n".join([theme.description, *[f"> {q}" for q in quotes]]).strip()
    name = " ".join((title or theme.label).split())[:LABEL_LENGTH]
    opportunity = opportunities.create(scope, OpportunityCreate(title=name, problem=problem))
    for evidence_id in member_ids(scope, theme.id):
        links.link(scope, EVIDENCE, evidence_id, "opportunities", opportunity.id)
    theme.opportunity_id = opportunity.id
    events.record(scope, "updated", KIND, theme.id, theme.label,
                  {"opportunity_id": [None, opportunity.id]})
    scope.session.flush()
    return opportunity
