"""Competitor intelligence: aliases, the evidence that mentions a competitor, and changes.

Evidence is linked to a competitor when its text holds the competitor's name or an alias
as a whole word, in any case: on demand for all evidence (`scan`, a background job for big
workspaces), and for each new piece of evidence as it arrives (`link_new_evidence`, an
event subscriber). People review the links and reject false ones; a rejected link is kept
so no later scan adds it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tandem.crud import require_version
from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.evidence.models import Evidence
from tandem.market.competitor import Competitor, competitors
from tandem.market.competitors.matching import first_match, pattern
from tandem.market.competitors.models import (
    CompetitorAlias,
    CompetitorChange,
    CompetitorMention,
    MentionStatus,
)
from tandem.market.competitors.schemas import AliasCreate, ChangeCreate
from tandem.platform.events import service as events
from tandem.platform.events.models import Event
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope

BATCH = 1000  # evidence read per query while scanning


@dataclass
class Mention:
    row: CompetitorMention
    evidence: Evidence


# --- aliases ----------------------------------------------------------------------------


def aliases(scope: Scope, competitor_id: int) -> list[str]:
    competitors.get(scope, competitor_id)
    return list(scope.session.scalars(
        select(CompetitorAlias.alias).where(CompetitorAlias.competitor_id == competitor_id)
        .order_by(func.lower(CompetitorAlias.alias))).all())


def _terms(session: Session, workspace_id: int) -> dict[int, list[str]]:
    """Every competitor's name and aliases, by competitor id."""
    terms: dict[int, list[str]] = {}
    for comp_id, name in session.execute(
            select(Competitor.id, Competitor.name)
            .where(Competitor.workspace_id == workspace_id)).all():
        terms[comp_id] = [name]
    for comp_id, alias in session.execute(
            select(CompetitorAlias.competitor_id, CompetitorAlias.alias)
            .where(CompetitorAlias.workspace_id == workspace_id)).all():
        terms.setdefault(comp_id, []).append(alias)
    return terms


def add_alias(scope: Scope, competitor_id: int, body: AliasCreate) -> list[str]:
    """Another name the competitor goes by; refused when it already names any competitor."""
    scope.require(Action.update, competitors)
    competitor = competitors.get(scope, competitor_id)
    wanted = " ".join(body.alias.split())
    for comp_id, terms in _terms(scope.session, scope.workspace_id).items():
        if wanted.lower() in (t.lower() for t in terms):
            owner = "this competitor" if comp_id == competitor_id else \
                f"competitor {comp_id}"
            raise Conflict(f"'{wanted}' already names {owner}.", "alias")
    scope.session.add(CompetitorAlias(workspace_id=scope.workspace_id,
                                      competitor_id=competitor_id, alias=wanted))
    scope.session.flush()
    events.record(scope, "alias_added", "competitors", competitor_id, competitor.name,
                  {"alias": [None, wanted]})
    return aliases(scope, competitor_id)


def remove_alias(scope: Scope, competitor_id: int, alias: str) -> list[str]:
    scope.require(Action.update, competitors)
    competitor = competitors.get(scope, competitor_id)
    row = scope.session.scalar(select(CompetitorAlias).where(
        CompetitorAlias.competitor_id == competitor_id,
        func.lower(CompetitorAlias.alias) == alias.strip().lower()[:100]))
    if row is None:
        raise NotFound(f"{competitor.name} has no alias '{alias[:100]}'.")
    scope.session.delete(row)
    scope.session.flush()
    events.record(scope, "alias_removed", "competitors", competitor_id, competitor.name,
                  {"alias": [row.alias, None]})
    return aliases(scope, competitor_id)


# --- mentions ---------------------------------------------------------------------------


def _link(session: Session, workspace_id: int, items: list[tuple[int, str]],
          patterns: dict[int, re.Pattern[str] | None],
          known: set[tuple[int, int]]) -> dict[int, int]:
    """Link each (evidence id, text) to every competitor it names, unless already linked
    or rejected; returns how many new links each competitor got."""
    found: dict[int, int] = {}
    for evidence_id, text in items:
        for comp_id, compiled in patterns.items():
            if (comp_id, evidence_id) in known:
                continue
            matched = first_match(text, compiled)
            if matched is None:
                continue
            session.add(CompetitorMention(workspace_id=workspace_id, competitor_id=comp_id,
                                          evidence_id=evidence_id, matched=matched[:200]))
            known.add((comp_id, evidence_id))
            found[comp_id] = found.get(comp_id, 0) + 1
    return found


@dataclass
class ScanStep:
    read: int  # evidence read in this step
    linked: int  # links made in this step
    last_id: int  # the next step starts after this evidence id
    total: int  # evidence in the workspace


def scan_step(scope: Scope, after: int = 0, competitor_id: int | None = None,
              batch: int = BATCH) -> ScanStep:
    """Link one batch of evidence (ids above `after`) to the competitors it names, unless
    a link, or a rejection, exists already. The background job runs one step per
    transaction, so its progress can be written between them."""
    scope.require(Action.link)
    session, ws = scope.session, scope.workspace_id
    terms = _terms(session, ws)
    if competitor_id is not None:
        competitors.get(scope, competitor_id)
        terms = {competitor_id: terms.get(competitor_id, [])}
    patterns = {comp_id: pattern(t) for comp_id, t in terms.items()}
    total = session.scalar(select(func.count(Evidence.id)).where(
        Evidence.workspace_id == ws)) or 0
    rows = [(r[0], r[1]) for r in session.execute(
        select(Evidence.id, Evidence.text).where(Evidence.workspace_id == ws,
                                                 Evidence.id > after)
        .order_by(Evidence.id).limit(batch)).all()]
    if not rows:
        return ScanStep(0, 0, after, total)
    known = {(c, e) for c, e in session.execute(
        select(CompetitorMention.competitor_id, CompetitorMention.evidence_id)
        .where(CompetitorMention.workspace_id == ws,
               CompetitorMention.evidence_id.between(rows[0][0], rows[-1][0]))).all()}
    found = _link(session, ws, rows, patterns, known)
    session.flush()
    names: dict[int, str] = {c_id: name for c_id, name in session.execute(
        select(Competitor.id, Competitor.name).where(Competitor.id.in_(list(found)))).all()}
    for comp_id, count in found.items():
        events.record(scope, "mentions_linked", "competitors", comp_id, names[comp_id],
                      {"mentions": [None, count]})
    return ScanStep(len(rows), sum(found.values()), rows[-1][0], total)


def scan(scope: Scope, competitor_id: int | None = None) -> tuple[int, int]:
    """Every step in this one transaction (a page's button, the demo); returns (evidence
    read, links made)."""
    read, linked, after = 0, 0, 0
    while True:
        step = scan_step(scope, after, competitor_id)
        if step.read == 0:
            return read, linked
        read, linked, after = read + step.read, linked + step.linked, step.last_id


def link_new_evidence(session: Session, event: Event) -> None:
    """Event subscriber: a new piece of evidence is linked to the competitors it names.
    Idempotent (a known pair is skipped), as the outbox delivers at least once."""
    if event.kind != "evidence" or event.verb != "created" or event.object_id is None \
            or event.workspace_id is None:
        return
    item = session.get(Evidence, event.object_id)
    if item is None:
        return
    patterns = {c: pattern(t) for c, t in _terms(session, event.workspace_id).items()}
    if not patterns:
        return
    known = {(c, e) for c, e in session.execute(
        select(CompetitorMention.competitor_id, CompetitorMention.evidence_id)
        .where(CompetitorMention.evidence_id == item.id)).all()}
    _link(session, event.workspace_id, [(item.id, item.text)], patterns, known)
    session.flush()


def mentions(scope: Scope, competitor_id: int, status: MentionStatus | None = None,
             limit: int = 100) -> list[Mention]:
    """The evidence linked to a competitor (or rejected for it), newest first."""
    competitors.get(scope, competitor_id)
    stmt = (select(CompetitorMention, Evidence)
            .join(Evidence, Evidence.id == CompetitorMention.evidence_id)
            .where(CompetitorMention.competitor_id == competitor_id))
    if status is not None:
        stmt = stmt.where(CompetitorMention.status == status.value)
    stmt = stmt.order_by(Evidence.received_on.desc(), Evidence.id.desc()).limit(
        max(1, min(limit, 500)))
    return [Mention(m, e) for m, e in scope.session.execute(stmt).all()]


def counts(scope: Scope, competitor_id: int) -> dict[str, int]:
    rows = scope.session.execute(
        select(CompetitorMention.status, func.count(CompetitorMention.id))
        .where(CompetitorMention.competitor_id == competitor_id,
               CompetitorMention.workspace_id == scope.workspace_id)
        .group_by(CompetitorMention.status)).all()
    found = {s.value: 0 for s in MentionStatus}
    found.update({status: int(n) for status, n in rows})
    return found


def competitors_named_in(scope: Scope, evidence_id: int) -> list[tuple[int, str, str]]:
    """(competitor id, name, term matched) for each competitor linked to this evidence."""
    return [(c_id, name, matched) for c_id, name, matched in scope.session.execute(
        select(Competitor.id, Competitor.name, CompetitorMention.matched)
        .join(CompetitorMention, CompetitorMention.competitor_id == Competitor.id)
        .where(CompetitorMention.evidence_id == evidence_id,
               CompetitorMention.workspace_id == scope.workspace_id,
               CompetitorMention.status == MentionStatus.linked.value)
        .order_by(Competitor.name)).all()]


def mention(scope: Scope, mention_id: int) -> CompetitorMention:
    row = scope.session.get(CompetitorMention, mention_id) if 1 <= mention_id <= MAX_ID \
        else None
    if row is None or row.workspace_id != scope.workspace_id:
        raise NotFound(f"No mention {mention_id} in this workspace.")
    return row


def review(scope: Scope, mention_id: int, status: MentionStatus,
           expected: int | None = None) -> CompetitorMention:
    """Reject a false match (or restore one rejected by mistake); `expected` is the version
    the reviewer saw (refused as stale when it has moved on)."""
    scope.require(Action.link)
    row = mention(scope, mention_id)
    require_version(row, expected, "mention")
    if row.status != status.value:
        before = row.status
        row.status = status.value
        scope.session.flush()
        competitor = competitors.get(scope, row.competitor_id)
        events.record(scope, f"mention_{status.value}", "competitors", competitor.id,
                      competitor.name, {f"evidence {row.evidence_id}": [before, status.value]})
    return row


# --- timeline ---------------------------------------------------------------------------


def timeline(scope: Scope, competitor_id: int) -> list[CompetitorChange]:
    competitors.get(scope, competitor_id)
    return list(scope.session.scalars(
        select(CompetitorChange).where(CompetitorChange.competitor_id == competitor_id)
        .order_by(CompetitorChange.happened_on.desc(), CompetitorChange.id.desc())).all())


def add_change(scope: Scope, competitor_id: int, body: ChangeCreate) -> CompetitorChange:
    scope.require(Action.update, competitors)
    competitor = competitors.get(scope, competitor_id)
    row = CompetitorChange(workspace_id=scope.workspace_id, competitor_id=competitor_id,
                           happened_on=body.happened_on, kind=body.kind.value,
                           summary=body.summary, source=body.source)
    scope.session.add(row)
    scope.session.flush()
    events.record(scope, "change_added", "competitors", competitor_id, competitor.name,
                  {"change": [None, f"{body.happened_on.isoformat()}: {body.summary}"]})
    return row


def delete_change(scope: Scope, competitor_id: int, change_id: int) -> None:
    scope.require(Action.update, competitors)
    competitor = competitors.get(scope, competitor_id)
    row = scope.session.get(CompetitorChange, change_id) if 1 <= change_id <= MAX_ID else None
    if row is None or row.competitor_id != competitor_id:
        raise NotFound(f"{competitor.name} has no change {change_id}.")
    scope.session.delete(row)
    scope.session.flush()
    events.record(scope, "change_removed", "competitors", competitor_id, competitor.name,
                  {"change": [row.summary, None]})


def check_status(raw: str) -> MentionStatus:
    try:
        return MentionStatus(raw)
    except ValueError:
        raise Invalid("Status is linked or rejected.", "status") from None
