"""Themes in a workspace: the full run, new evidence joining the nearest theme, and curation.

A full run (`run`, the `themes.discover` job) clusters every evidence item that has a vector
of the workspace's embedder with the pure engine (`engine.discover`), then reconciles the
clusters with the themes that exist, so that what people decided survives:

- an item a person placed (moved, split, merged) stays where it was put, and so does every
  member of a pinned theme;
- each new cluster is matched to the existing theme that holds most of its items, when that
  overlap is at least MATCH_SHARE of the smaller of the two; a theme takes one cluster,
  except a theme a person merged, which takes every cluster that matches it (so a merge is
  not undone by the engine finding the two halves again);
- a matched theme keeps its id, its flags (pinned, hidden, merged), its opportunity and, if
  a person renamed it, its label and description; otherwise it takes the cluster's label;
- a cluster that matches no theme becomes a new theme; a theme left with no members is
  removed unless it is pinned;
- evidence without a vector of this model keeps its theme.

New evidence joins the nearest theme when its vector is stored (`assign_new`, run by the
embedding job after each batch), if it is at least as close to that theme's centre as the
theme's own RADIUS_QUANTILE-closest members were at the last refresh (the theme's
`radius`); otherwise it stays unsorted until the next run. The centre then moves: it stays
the normalised mean of the theme's members, so later evidence is judged against the theme
as it now is. No vectors are re-read for that: when c is the normalised mean of vectors
x_i, their sum is (sum_i x_i . c) c, and x_i . c is each member's stored `similarity`, so
the old sum is known from one SQL aggregate; the newcomers are added and the sum
normalised. Each newcomer's similarity is taken to the moved centre, which keeps the
stored sum within a second-order error of the true one (exact again at the next refresh).
The radius is taken from each theme's own spread rather than fixed: it works for any
embedder (the hashing stand-in and MiniLM put similarities on different scales) and for
tight and broad themes alike, and it sends about as many typical newcomers to unsorted as
the engine leaves there (10%).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import bindparam, delete, func, insert, select, update

from tandem.errors import NotFound
from tandem.inbound.customers.schemas import CustomerSummaryPublic
from tandem.inbound.customers.service import customer_summary
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.themes import engine
from tandem.inbound.themes.models import DESCRIPTION_LENGTH, LABEL_LENGTH, Theme, ThemeMember
from tandem.platform.events import service as events
from tandem.platform.jobs.models import Job, JobStatus
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.storage.embedder import Embedder
from tandem.storage.search_index import Embedding
from tandem.storage.vectors import vectors_for

KIND = "themes"  # events are recorded under this kind
EVIDENCE = "evidence"
DISCOVER_JOB = "themes.discover"
MATCH_SHARE = 0.5  # overlap / smaller size at which a cluster continues a theme
RADIUS_QUANTILE = 0.10
TREND_WEEKS = 12
TOP_SEGMENTS = 3
MAX_ITEMS = 5000  # evidence ids in one move or split
MAX_MERGE = 50
CHUNK = 900  # ids per IN (...) on SQLite

Progress = Callable[[int, str], None]


def _quiet(percent: int, message: str) -> None:
    pass


class Sort(StrEnum):
    size = "size"
    arr = "arr"


# --- reading ---------------------------------------------------------------------------------


@dataclass
class ThemeView:
    """A theme as the faces show it."""

    theme: Theme
    quotes: list[Evidence]
    customers: CustomerSummaryPublic
    trend: list[int]  # items received per week, oldest first, the current week last
    week_starts: list[date] = field(default_factory=list)
    size: int = 0  # counted now (the stored size lags behind deleted evidence)

    @property
    def top_segments(self) -> list[Any]:
        named = [s for s in self.customers.segments if s.segment_id is not None]
        return named[:TOP_SEGMENTS]


@dataclass
class Overview:
    themes: list[ThemeView]
    hidden: int  # hidden themes (shown only when asked)
    unsorted: int  # embedded evidence in no theme
    embedded: int  # evidence with a vector of the model


def get(scope: Scope, theme_id: int) -> Theme:
    scope.require(Action.read)
    theme = scope.owned(Theme, theme_id)
    if theme is None:
        raise NotFound(f"Theme {theme_id} not found.")
    return theme


def member_ids(scope: Scope, theme_id: int) -> list[int]:
    """The theme's evidence, most typical (nearest its centre) first."""
    return [int(i) for i in scope.session.scalars(
        select(ThemeMember.evidence_id).where(ThemeMember.theme_id == theme_id)
        .order_by(ThemeMember.similarity.desc().nulls_last(), ThemeMember.evidence_id))]


def members(scope: Scope, theme_id: int, offset: int = 0, limit: int = 50
            ) -> tuple[list[tuple[Evidence, bool]], int]:
    """A page of the theme's evidence with whether a person placed each, and the total."""
    get(scope, theme_id)
    total = scope.session.scalar(select(func.count(ThemeMember.id)).where(
        ThemeMember.theme_id == theme_id)) or 0
    rows = scope.session.execute(
        select(Evidence, ThemeMember.placed).join(
            ThemeMember, ThemeMember.evidence_id == Evidence.id)
        .where(ThemeMember.theme_id == theme_id)
        .order_by(ThemeMember.similarity.desc().nulls_last(), Evidence.id)
        .offset(offset).limit(limit)).all()
    return [(e, bool(p)) for e, p in rows], total


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _trends(scope: Scope, theme_ids: Sequence[int], today: date | None = None
            ) -> tuple[dict[int, list[int]], list[date]]:
    this_week = _week_start(today or date.today())
    first = this_week - timedelta(weeks=TREND_WEEKS - 1)
    starts = [first + timedelta(weeks=i) for i in range(TREND_WEEKS)]
    out = {t: [0] * TREND_WEEKS for t in theme_ids}
    if not theme_ids:
        return out, starts
    rows = scope.session.execute(
        select(ThemeMember.theme_id, Evidence.received_on, func.count(Evidence.id))
        .join(Evidence, Evidence.id == ThemeMember.evidence_id)
        .where(ThemeMember.workspace_id == scope.workspace_id,
               Evidence.received_on >= first)
        .group_by(ThemeMember.theme_id, Evidence.received_on))
    for theme_id, received, count in rows:
        if theme_id in out and received is not None:
            week = (_week_start(received) - first).days // 7
            if 0 <= week < TREND_WEEKS:
                out[theme_id][week] += int(count)
    return out, starts


def views_of(scope: Scope, themes: Sequence[Theme]) -> list[ThemeView]:
    ids = [t.id for t in themes]
    by_theme: dict[int, list[int]] = defaultdict(list)
    for chunk in id_chunks(ids):
        for theme_id, evidence_id in scope.session.execute(
                select(ThemeMember.theme_id, ThemeMember.evidence_id)
                .where(ThemeMember.theme_id.in_(chunk))):
            by_theme[int(theme_id)].append(int(evidence_id))
    quote_ids = {i for t in themes for i in (t.quote_ids or [])}
    quotes = {e.id: e for chunk in id_chunks(sorted(quote_ids)) for e in scope.session.scalars(
        select(Evidence).where(Evidence.workspace_id == scope.workspace_id,
                               Evidence.id.in_(chunk)))}
    trends, starts = _trends(scope, ids)
    return [ThemeView(t, [quotes[i] for i in (t.quote_ids or []) if i in quotes],
                      customer_summary(scope, by_theme.get(t.id, [])), trends[t.id], starts,
                      len(by_theme.get(t.id, [])))
            for t in themes]


def overview(scope: Scope, model: str, sort: Sort = Sort.size,
             show_hidden: bool = False) -> Overview:
    """Every theme with its figures, largest (or highest ARR) first."""
    scope.require(Action.read)
    all_themes = list(scope.session.scalars(
        select(Theme).where(Theme.workspace_id == scope.workspace_id).order_by(Theme.id)))
    shown = [t for t in all_themes if show_hidden or not t.hidden]
    views = views_of(scope, shown)
    if sort == Sort.arr:
        views.sort(key=lambda v: (-v.customers.arr, -v.size, v.theme.id))
    else:
        views.sort(key=lambda v: (-v.size, -v.customers.arr, v.theme.id))
    embedded = scope.session.scalar(
        select(func.count(Embedding.id)).join(Evidence, Evidence.id == Embedding.object_id)
        .where(Embedding.workspace_id == scope.workspace_id, Embedding.kind == EVIDENCE,
               Embedding.model == model)) or 0
    placed = scope.session.scalar(
        select(func.count(ThemeMember.id)).join(
            Embedding, (Embedding.object_id == ThemeMember.evidence_id)
            & (Embedding.kind == EVIDENCE) & (Embedding.model == model))
        .where(ThemeMember.workspace_id == scope.workspace_id)) or 0
    return Overview(views, sum(1 for t in all_themes if t.hidden), max(0, embedded - placed),
                    embedded)


def view(scope: Scope, theme_id: int) -> ThemeView:
    return views_of(scope, [get(scope, theme_id)])[0]


# --- computing a theme's centre, radius and quotes -------------------------------------------


def id_chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start:start + CHUNK])


def texts_of(scope: Scope, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    out: dict[int, str] = {}
    for chunk in id_chunks(wanted):
        out.update((int(i), t) for i, t in scope.session.execute(
            select(Evidence.id, Evidence.text).where(
                Evidence.workspace_id == scope.workspace_id, Evidence.id.in_(chunk))))
    return out


def member_vectors(scope: Scope, model: str, ids: Sequence[int]
             ) -> tuple[list[int], npt.NDArray[np.float32]]:
    store = vectors_for(scope.session)
    found: list[int] = []
    blocks = []
    for chunk in id_chunks(sorted(set(ids))):
        got, rows = store.load(scope.session, scope.workspace_id, EVIDENCE, model, chunk)
        found.extend(int(i) for i in got)
        if len(rows):
            blocks.append(rows)
    matrix = np.vstack(blocks) if blocks else np.zeros((0, 0), np.float32)
    return found, matrix.astype(np.float32)


def refresh_theme(scope: Scope, theme: Theme, model: str,
             known: tuple[dict[int, int], npt.NDArray[np.float32]] | None = None) -> None:
    """Recompute the theme's size, centre, radius, quotes and members' similarity."""
    rows = scope.session.execute(select(ThemeMember.id, ThemeMember.evidence_id).where(
        ThemeMember.theme_id == theme.id)).all()
    theme.size = len(rows)
    ids = [int(r.evidence_id) for r in rows]
    if known is not None:
        row_of, matrix = known
        have = [i for i in ids if i in row_of]
        vecs = matrix[[row_of[i] for i in have]] if have else np.zeros((0, 0), np.float32)
    else:
        have, vecs = member_vectors(scope, model, ids)
    if not have:
        theme.centroid, theme.radius, theme.quote_ids = None, None, []
        return
    centre = vecs.mean(axis=0)
    centre /= max(float(np.linalg.norm(centre)), 1e-12)
    sims = vecs @ centre
    theme.model = model
    theme.centroid = [round(float(x), 6) for x in centre]
    theme.radius = float(np.quantile(sims, RADIUS_QUANTILE))
    sim_of = dict(zip(have, sims.tolist(), strict=True))
    member_of = {int(r.evidence_id): int(r.id) for r in rows}
    updates = [{"member": member_of[i], "sim": float(s)} for i, s in sim_of.items()]
    # A Core executemany: similarity is derived data, so it neither needs nor bumps the
    # members' row versions (an ORM bulk update by key would ask for each one).
    table: Any = ThemeMember.__table__
    refresh = update(table).where(table.c.id == bindparam("member")).values(
        similarity=bindparam("sim"))
    for start in range(0, len(updates), CHUNK):
        scope.session.execute(refresh, updates[start:start + CHUNK])
    order = [have[i] for i in np.argsort(-sims, kind="stable")[:engine.QUOTES * 10]]
    texts = texts_of(scope, order)
    chosen: list[int] = []
    seen: set[str] = set()
    for evidence_id in order:
        key = " ".join(texts.get(evidence_id, "").lower().split())
        if key in seen:
            continue
        seen.add(key)
        chosen.append(evidence_id)
        if len(chosen) == engine.QUOTES:
            break
    theme.quote_ids = chosen


def label_of(phrases: Sequence[str], fallback: str) -> str:
    return (" · ".join(phrases[:engine.KEY_PHRASES]) or fallback)[:LABEL_LENGTH]


# --- the full run ----------------------------------------------------------------------------


@dataclass
class RunOutcome:
    items: int
    themes: int
    new_themes: int
    removed_themes: int
    unsorted: int


def run(scope: Scope, model: str, progress: Progress = _quiet) -> RunOutcome:
    """Cluster the workspace's embedded evidence and reconcile with its themes. `progress`
    is called only while nothing is written yet (the caller reports the end)."""
    scope.require(Action.update)
    session, ws = scope.session, scope.workspace_id
    progress(5, "Reading evidence vectors")
    ids_arr, matrix = vectors_for(session).load(session, ws, EVIDENCE, model)
    texts_by_id = dict(session.execute(select(Evidence.id, Evidence.text).where(
        Evidence.workspace_id == ws)).tuples().all())
    keep = [row for row, i in enumerate(ids_arr.tolist()) if i in texts_by_id]
    ids = [int(ids_arr[row]) for row in keep]
    matrix = matrix[keep] if keep else np.zeros((0, max(matrix.shape[1], 1)), np.float32)
    texts = [texts_by_id[i] for i in ids]
    progress(20, f"Finding themes in {len(ids):,} items")
    found = engine.discover(matrix, texts)
    progress(70, f"{len(found.themes)} clusters found; keeping what people decided")
    # No progress report after this point: on SQLite the report is another writer, and
    # this transaction holds the write lock until it commits.
    return reconcile(scope, model, ids, matrix, found)


def reconcile(scope: Scope, model: str, ids: Sequence[int],
              matrix: npt.NDArray[np.float32], found: engine.Discovery) -> RunOutcome:
    """Apply a run's clusters to the workspace's themes (the rules in the module doc)."""
    session, ws = scope.session, scope.workspace_id
    themes = {t.id: t for t in session.scalars(select(Theme).where(Theme.workspace_id == ws))}
    old: dict[int, tuple[int, bool]] = {
        int(e): (int(t), bool(p)) for e, t, p in session.execute(
            select(ThemeMember.evidence_id, ThemeMember.theme_id, ThemeMember.placed)
            .where(ThemeMember.workspace_id == ws))}
    old_size = Counter(t for t, _ in old.values())
    fixed = {e for e, (t, placed) in old.items() if placed or themes[t].pinned}

    # Match clusters to themes by overlap, the largest overlaps first.
    candidates: list[tuple[int, int, int]] = []
    for number, cluster in enumerate(found.themes):
        counts = Counter(old[ids[r]][0] for r in cluster.members if ids[r] in old)
        for theme_id, n in counts.items():
            if n >= MATCH_SHARE * min(cluster.size, old_size[theme_id]):
                candidates.append((n, number, theme_id))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    mapped: dict[int, int] = {}
    claimed: set[int] = set()
    for _n, number, theme_id in candidates:
        if number in mapped or (theme_id in claimed and not themes[theme_id].merged):
            continue
        mapped[number] = theme_id
        claimed.add(theme_id)

    # Labels of matched themes nobody renamed follow their largest cluster.
    largest: dict[int, engine.Theme] = {}
    for number, theme_id in mapped.items():
        cluster = found.themes[number]
        if theme_id not in largest or cluster.size > largest[theme_id].size:
            largest[theme_id] = cluster
    for theme_id, cluster in largest.items():
        theme = themes[theme_id]
        if not theme.label_curated:
            theme.label = label_of(cluster.key_phrases, theme.label)
            theme.description = engine.describe(cluster.key_phrases)[:DESCRIPTION_LENGTH]

    # Where each embedded item goes; new themes only for clusters that receive items.
    created: dict[int, Theme] = {}
    target: dict[int, int] = {}
    for row, evidence_id in enumerate(ids):
        if evidence_id in fixed:
            continue
        number = int(found.labels[row])
        if number == engine.UNSORTED:
            continue
        if number in mapped:
            target[evidence_id] = mapped[number]
            continue
        made = created.get(number)
        if made is None:
            cluster = found.themes[number]
            made = Theme(workspace_id=ws, label=label_of(cluster.key_phrases,
                                                        f"Theme {len(themes) + number + 1}"),
                          description=engine.describe(cluster.key_phrases)[:DESCRIPTION_LENGTH],
                          model=model, quote_ids=[], size=0)
            session.add(made)
            session.flush()
            created[number] = made
            themes[made.id] = made
        target[evidence_id] = made.id

    # Rewrite the memberships that the run decides: embedded, not fixed.
    embedded = select(Embedding.object_id).where(
        Embedding.workspace_id == ws, Embedding.kind == EVIDENCE, Embedding.model == model)
    pinned = [t.id for t in themes.values() if t.pinned]
    session.execute(delete(ThemeMember).where(
        ThemeMember.workspace_id == ws, ThemeMember.placed.is_(False),
        ThemeMember.theme_id.not_in(pinned) if pinned else ThemeMember.theme_id.is_not(None),
        ThemeMember.evidence_id.in_(embedded)))
    rows = [{"workspace_id": ws, "theme_id": t, "evidence_id": e, "placed": False}
            for e, t in sorted(target.items())]
    for start in range(0, len(rows), 1000):
        session.execute(insert(ThemeMember), rows[start:start + 1000])
    session.flush()

    row_of = {evidence_id: row for row, evidence_id in enumerate(ids)}
    removed = 0
    for theme in list(themes.values()):
        refresh_theme(scope, theme, model, (row_of, matrix))
        if theme.size == 0 and not theme.pinned:
            session.delete(theme)
            removed += 1
    session.flush()
    kept = len(themes) - removed
    unsorted = len(ids) - sum(1 for e in ids if e in target or e in fixed)
    events.record(scope, "discovered", KIND, None, f"Themes: {kept} from {len(ids):,} items",
                  {"themes": [None, kept], "new": [None, len(created)],
                   "removed": [None, removed], "unsorted": [None, unsorted]})
    return RunOutcome(len(ids), kept, len(created), removed, unsorted)


def start(scope: Scope, model: str) -> Job:
    """Queue a full run for the scope's workspace, or hand back the one already queued or
    running (two runs at once would only race to write the same themes)."""
    from tandem.platform.jobs import service as jobs  # it reads the manifest, which lists us

    scope.require(Action.run_job)
    waiting = scope.session.scalar(select(Job).where(
        Job.workspace_id == scope.workspace_id, Job.kind == DISCOVER_JOB,
        Job.status.in_([JobStatus.queued.value, JobStatus.running.value])).limit(1))
    return waiting if waiting is not None else jobs.enqueue(scope, DISCOVER_JOB,
                                                            {"model": model})


# --- new evidence ----------------------------------------------------------------------------


def assign_new(scope: Scope, embedder: Embedder, evidence_ids: list[int]) -> int:
    """Put newly embedded evidence in the nearest theme, if near enough (module doc)."""
    session, ws = scope.session, scope.workspace_id
    themes = [t for t in session.scalars(select(Theme).where(
        Theme.workspace_id == ws, Theme.model == embedder.name,
        Theme.centroid.is_not(None)).order_by(Theme.id))]
    if not themes or not evidence_ids:
        return 0
    placed = {int(e) for chunk in id_chunks(sorted(evidence_ids)) for e in session.scalars(
        select(ThemeMember.evidence_id).where(ThemeMember.evidence_id.in_(chunk)))}
    wanted = [i for i in evidence_ids if i not in placed]
    ids, vecs = member_vectors(scope, embedder.name, wanted)
    if not ids:
        return 0
    centres = np.asarray([t.centroid for t in themes], dtype=np.float32)
    if centres.shape[1] != vecs.shape[1]:
        return 0
    sims = vecs @ centres.T
    best = np.argmax(sims, axis=1)
    joining: dict[int, list[int]] = defaultdict(list)  # theme column -> rows of `vecs`
    for row, column in enumerate(best.tolist()):
        radius = themes[column].radius
        if radius is not None and float(sims[row, column]) >= radius:
            joining[column].append(row)
    if not joining:
        return 0
    moved = _moved_centres(scope, [themes[c] for c in joining],
                           [vecs[rows] for rows in joining.values()])
    inserts = []
    for (column, rows), centre in zip(joining.items(), moved, strict=True):
        theme = themes[column]
        theme.centroid = [round(float(x), 6) for x in centre]
        theme.size += len(rows)
        inserts += [{"workspace_id": ws, "theme_id": theme.id, "evidence_id": ids[row],
                     "placed": False, "similarity": float(similarity)}
                    for row, similarity in zip(rows, vecs[rows] @ centre, strict=True)]
    session.execute(insert(ThemeMember), inserts)
    session.flush()
    return len(inserts)


def _moved_centres(scope: Scope, themes: Sequence[Theme],
                   newcomers: Sequence[npt.NDArray[np.float32]]) -> list[npt.NDArray[np.float32]]:
    """Each theme's centre once its newcomers join: the normalised running mean (module
    doc). Call before the newcomers' member rows exist."""
    mass = {int(t): float(m) for t, m in scope.session.execute(
        select(ThemeMember.theme_id, func.sum(ThemeMember.similarity)).where(
            ThemeMember.theme_id.in_([t.id for t in themes])).group_by(ThemeMember.theme_id))
        if m is not None}
    out = []
    for theme, vecs in zip(themes, newcomers, strict=True):
        centre = np.asarray(theme.centroid, dtype=np.float64)
        # No stored similarity (members without vectors only): count each member as one.
        total = max(mass.get(theme.id, 0.0), 0.0) or float(theme.size)
        summed = total * centre + vecs.astype(np.float64).sum(axis=0)
        out.append((summed / max(float(np.linalg.norm(summed)), 1e-12)).astype(np.float32))
    return out


def on_embedded(scope: Scope, embedder: Embedder, evidence_ids: list[int]) -> None:
    """The hook the embedding job runs after each batch (`embeddings.service.AFTER_EMBED`)."""
    assign_new(scope, embedder, evidence_ids)


def theme_versions(scope: Scope) -> dict[int, int]:
    """Each theme's version, for the forms that name themes by id (merge, move)."""
    scope.require(Action.read)
    return {int(i): int(v) for i, v in scope.session.execute(
        select(Theme.id, Theme.row_version).where(Theme.workspace_id == scope.workspace_id))}


def theme_choices(scope: Scope) -> list[tuple[int, str]]:
    """(id, label) of every theme, for pickers."""
    scope.require(Action.read)
    return [(int(i), str(label)) for i, label in scope.session.execute(
        select(Theme.id, Theme.label).where(Theme.workspace_id == scope.workspace_id)
        .order_by(Theme.size.desc(), Theme.id))]
