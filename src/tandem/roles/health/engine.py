"""Loop-health rules over plain data, with no database.

Four groups of alarms, after the source texts' warning that startups find out late that
they "have no marketing" (outbound work nobody owns or that starts at ship date) or "no
market" (work that no customer evidence backs):

- **No marketing**: outbound activities in use with nobody accountable; releases due soon
  with no launch, no positioning or no approved messaging; shipped releases without
  release notes; launches whose tier-critical checklist tasks are late.
- **No market**: opportunities and releases in development with no linked evidence;
  messages and proof points whose claims cite nothing.
- **Parallelism**: per release, when outbound work started relative to inbound work and to
  the end of development; the share of releases whose outbound work started before
  development finished, overall and by quarter.
- **Balance**: inbound against outbound work per person and for the team, against the split
  the workspace's preset expects.
- **Roles**: the date the last roles workshop set to assess the roles again is within a
  week or past (which workshop is due is the workshop service's rule).

Each alarm names its items, the view that lists them and how to clear it. An alarm with no
items is not raised, so a healthy workspace is silent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Level(StrEnum):
    error = "error"
    warning = "warning"


class Group(StrEnum):
    no_marketing = "no_marketing"
    no_market = "no_market"
    parallelism = "parallelism"
    balance = "balance"
    roles = "roles"


GROUP_LABELS = {Group.no_marketing: "No marketing", Group.no_market: "No market",
                Group.parallelism: "Parallelism", Group.balance: "Balance",
                Group.roles: "Roles"}

# The share of releases whose outbound work started before development finished, under
# which the loop runs in sequence rather than in parallel (with at least this many).
PARALLEL_SHARE_MIN = 0.5
PARALLEL_MIN_RELEASES = 2
# Balance: how far (in share points) the team's outbound share may drift from the preset's,
# and how much recorded work it takes before the drift means anything.
BALANCE_TOLERANCE = 0.25
BALANCE_MIN_WORK = 20


@dataclass(frozen=True)
class Item:
    label: str
    path: str  # inside the workspace, e.g. "releases/3"


@dataclass(frozen=True)
class Fix:
    """The action that clears an alarm: a page to go to, for those allowed to act."""

    label: str
    path: str
    needs_write: bool = True


@dataclass(frozen=True)
class Alarm:
    code: str
    group: Group
    level: Level
    title: str
    clear: str  # how to clear it, in words
    view: str  # the filtered view listing its items, inside the workspace
    items: tuple[Item, ...] = ()
    fix: Fix | None = None


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class OutboundActivity:
    name: str
    accountable: int  # how many A letters
    assigned: int  # how many letters of any kind


@dataclass(frozen=True)
class ReleaseFacts:
    id: int
    name: str
    status: str  # planned | in_progress | shipped
    target_date: date | None
    shipped_on: date | None
    launches: int = 0
    positioning: bool = False
    approved_messaging: bool = False
    release_notes: bool = False
    evidence: int = 0


@dataclass(frozen=True)
class OpportunityFacts:
    id: int
    title: str
    status: str
    evidence: int


@dataclass(frozen=True)
class ClaimFacts:
    """A claim that should cite something: a message or a proof point."""

    kind: str  # message | proof_point
    id: int
    label: str
    path: str
    cited: bool


@dataclass(frozen=True)
class Timeline:
    """When work on a release started on each side, from the event log."""

    release_id: int
    name: str
    inbound_start: datetime | None
    outbound_start: datetime | None
    dev_done: date | None  # ship date, or the target date while not shipped
    shipped: bool


@dataclass(frozen=True)
class PersonWork:
    name: str
    inbound: int
    outbound: int
    expected_outbound: float | None  # the preset's outbound share for their roles


@dataclass(frozen=True)
class Reassessment:
    """A roles workshop whose date to assess the roles again has come (or nearly)."""

    workshop_id: int
    title: str
    due: date


@dataclass(frozen=True)
class LateTask:
    """A tier-critical launch task not done whose due date has passed (launches still to go
    out only)."""

    launch_id: int
    launch: str
    task_id: int
    title: str
    due: date


@dataclass(frozen=True)
class Facts:
    today: date
    due_weeks: int
    preset: str = "custom"
    outbound_activities: Sequence[OutboundActivity] = ()
    releases: Sequence[ReleaseFacts] = ()
    opportunities: Sequence[OpportunityFacts] = ()
    claims: Sequence[ClaimFacts] = ()
    timelines: Sequence[Timeline] = ()
    people: Sequence[PersonWork] = ()
    team_expected_outbound: float | None = None
    reassessments: Sequence[Reassessment] = ()
    late_tasks: Sequence[LateTask] = ()


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class ReleasePace:
    release_id: int
    name: str
    outbound_after_inbound_days: int | None  # outbound start minus inbound start
    lead_days: int | None  # end of development minus outbound start; > 0 is in parallel
    before_done: bool | None  # None: not decided yet (not shipped, outbound not started)
    quarter: str


@dataclass(frozen=True)
class QuarterShare:
    quarter: str
    early: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.early / self.total) if self.total else 0


@dataclass(frozen=True)
class Parallelism:
    releases: list[ReleasePace]
    early: int
    decided: int
    trend: list[QuarterShare]

    @property
    def share(self) -> float | None:
        return self.early / self.decided if self.decided else None


@dataclass(frozen=True)
class BalanceRow:
    name: str
    inbound: int
    outbound: int
    expected_outbound: float | None

    @property
    def outbound_share(self) -> float | None:
        total = self.inbound + self.outbound
        return self.outbound / total if total else None


@dataclass
class Report:
    alarms: list[Alarm] = field(default_factory=list)
    parallelism: Parallelism = field(
        default_factory=lambda: Parallelism([], 0, 0, []))
    balance: list[BalanceRow] = field(default_factory=list)
    team: BalanceRow = field(default_factory=lambda: BalanceRow("Team", 0, 0, None))

    @property
    def errors(self) -> int:
        return sum(1 for a in self.alarms if a.level == Level.error)

    @property
    def warnings(self) -> int:
        return sum(1 for a in self.alarms if a.level == Level.warning)


# --------------------------------------------------------------------------- rules


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _release_item(r: ReleaseFacts) -> Item:
    when = r.target_date.isoformat() if r.target_date else "no date"
    return Item(f"{r.name} (due {when})", f"releases/{r.id}")


def no_marketing(f: Facts) -> list[Alarm]:
    alarms: list[Alarm] = []
    in_use = [a for a in f.outbound_activities if a.assigned]
    if not any(a.accountable for a in f.outbound_activities):
        alarms.append(Alarm(
            "no_outbound_owner", Group.no_marketing, Level.error,
            "Nobody is accountable for any outbound activity: the product has no marketing "
            "owner.",
            "Give one person the A on the outbound activities you do (launch, positioning, "
            "messaging), or pick a preset and fill the gaps from it.",
            "roles", (), Fix("Choose a preset", "roles")))
    else:
        gaps = [a for a in in_use if a.accountable == 0]
        if gaps:
            alarms.append(Alarm(
                "outbound_no_accountable", Group.no_marketing, Level.warning,
                _plural(len(gaps), "outbound activity has", "outbound activities have")
                + " people on it but nobody accountable.",
                "Give exactly one person the A on each, on the roles page.", "roles",
                tuple(Item(a.name, "roles") for a in gaps), Fix("Assign an A", "roles")))
    horizon = f.today.toordinal() + 7 * f.due_weeks
    due = [r for r in f.releases if r.status != "shipped" and r.target_date is not None
           and r.target_date.toordinal() <= horizon]
    weeks = _plural(f.due_weeks, "week", "weeks")
    checks = (
        ("due_no_launch", Level.error, lambda r: r.launches == 0,
         "due within {weeks} {have} no launch plan.",
         "Plan a launch for each; outbound starts too late if it starts at ship date.",
         "health/due_no_launch", Fix("Plan a launch", "launches/new")),
        ("due_no_positioning", Level.warning, lambda r: not r.positioning,
         "due within {weeks} {have} no positioning.",
         "Save a version of the product's positioning canvas.", "positioning",
         Fix("Work on positioning", "positioning")),
        ("due_no_messaging", Level.warning, lambda r: not r.approved_messaging,
         "due within {weeks} {have} no approved messaging.",
         "Build a messaging house for the release (or the product) and approve it.",
         "health/due_no_messaging", Fix("Open the messaging houses", "messaging")),
    )
    for code, level, missing, title, clear, view, fix in checks:
        found = [r for r in due if missing(r)]
        if found:
            alarms.append(Alarm(
                code, Group.no_marketing, level,
                _plural(len(found), "release", "releases") + " "
                + title.format(weeks=weeks, have="has" if len(found) == 1 else "have"),
                clear, view, tuple(_release_item(r) for r in found), fix))
    bare = [r for r in f.releases if r.status == "shipped" and not r.release_notes]
    if bare:
        alarms.append(Alarm(
            "shipped_no_notes", Group.no_marketing, Level.warning,
            _plural(len(bare), "shipped release has", "shipped releases have")
            + " no release notes.",
            "Generate the release notes from the release's messaging on the assets page.",
            "health/shipped_no_notes",
            tuple(Item(r.name, f"releases/{r.id}") for r in bare),
            Fix("Write release notes", "assets")))
    if f.late_tasks:
        launches = {t.launch_id for t in f.late_tasks}
        alarms.append(Alarm(
            "launch_critical_late", Group.no_marketing, Level.error,
            _plural(len(launches), "launch has", "launches have") + " tier-critical tasks "
            "that are late (" + _plural(len(f.late_tasks), "task", "tasks") + ").",
            "Finish each task and mark it done on the launch's checklist; if the plan "
            "changed, move its due date or the launch date, or mark it not critical.",
            "health/launch_critical_late",
            tuple(Item(f"{t.launch}: {t.title} (due {t.due.isoformat()})",
                       f"launches/{t.launch_id}#task-{t.task_id}") for t in f.late_tasks),
            Fix("Open the launches with late tasks", "launches?late=yes")))
    return alarms


def no_market(f: Facts) -> list[Alarm]:
    alarms: list[Alarm] = []
    opps = [o for o in f.opportunities if o.status != "parked" and o.evidence == 0]
    if opps:
        alarms.append(Alarm(
            "opportunity_no_evidence", Group.no_market, Level.warning,
            _plural(len(opps), "opportunity has", "opportunities have")
            + " no customer evidence behind them.",
            "Link evidence to each (or park the ones nobody asked for).",
            "opportunities?backed=no",
            tuple(Item(o.title, f"opportunities/{o.id}") for o in opps),
            Fix("Triage evidence", "evidence?linked=no")))
    rels = [r for r in f.releases if r.status == "in_progress" and r.evidence == 0]
    if rels:
        alarms.append(Alarm(
            "release_no_evidence", Group.no_market, Level.error,
            _plural(len(rels), "release in development has", "releases in development have")
            + " no linked evidence: nothing says the market wants it.",
            "Link the release to an opportunity that customer evidence backs.",
            "health/release_no_evidence",
            tuple(Item(r.name, f"releases/{r.id}") for r in rels),
            Fix("Link opportunities", "roadmap")))
    messages = [c for c in f.claims if c.kind == "message" and not c.cited]
    if messages:
        alarms.append(Alarm(
            "message_no_evidence", Group.no_market, Level.warning,
            _plural(len(messages), "message makes a claim", "messages make claims")
            + " with no evidence linked.",
            "Link each message to the evidence that backs it.", "messages?backed=no",
            tuple(Item(c.label, c.path) for c in messages)))
    proofs = [c for c in f.claims if c.kind == "proof_point" and not c.cited]
    if proofs:
        alarms.append(Alarm(
            "proof_cites_nothing", Group.no_market, Level.warning,
            _plural(len(proofs), "proof point cites", "proof points cite") + " nothing.",
            "Give each proof point its evidence, metric source or third-party link.",
            "claims", tuple(Item(c.label, c.path) for c in proofs)))
    return alarms


def quarter_of(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def parallelism(timelines: Sequence[Timeline]) -> Parallelism:
    paces: list[ReleasePace] = []
    trend: dict[str, list[int]] = {}
    for t in timelines:
        start = t.outbound_start.date() if t.outbound_start else None
        after = (t.outbound_start - t.inbound_start).days \
            if t.outbound_start and t.inbound_start else None
        lead = (t.dev_done - start).days if t.dev_done and start else None
        before: bool | None
        if t.shipped:  # shipped with no outbound work at all counts as late
            before = start is not None and t.dev_done is not None and start < t.dev_done
        else:  # still in development: early once outbound work has started
            before = True if start is not None else None
        quarter = quarter_of(t.dev_done) if t.dev_done else ""
        paces.append(ReleasePace(t.release_id, t.name, after, lead, before, quarter))
        if before is not None and quarter:
            counts = trend.setdefault(quarter, [0, 0])
            counts[0] += int(before)
            counts[1] += 1
    decided = [p for p in paces if p.before_done is not None]
    return Parallelism(paces, sum(1 for p in decided if p.before_done), len(decided),
                       [QuarterShare(q, c[0], c[1]) for q, c in sorted(trend.items())])


def parallel_alarms(p: Parallelism) -> list[Alarm]:
    share = p.share
    if share is None or p.decided < PARALLEL_MIN_RELEASES or share >= PARALLEL_SHARE_MIN:
        return []
    late = [r for r in p.releases if r.before_done is False]
    return [Alarm(
        "outbound_starts_late", Group.parallelism, Level.warning,
        f"Outbound work started before development finished on only {p.early} of "
        f"{p.decided} releases ({round(100 * share)}%).",
        "Start the launch, positioning and messaging while the release is being built, not "
        "at ship date.", "health#parallelism",
        tuple(Item(r.name, f"releases/{r.release_id}") for r in late))]


def balance(f: Facts) -> tuple[list[BalanceRow], BalanceRow, list[Alarm]]:
    rows = [BalanceRow(p.name, p.inbound, p.outbound, p.expected_outbound) for p in f.people]
    team = BalanceRow("Team", sum(r.inbound for r in rows), sum(r.outbound for r in rows),
                      f.team_expected_outbound)
    alarms: list[Alarm] = []
    share, expected = team.outbound_share, team.expected_outbound
    if share is not None and expected is not None \
            and team.inbound + team.outbound >= BALANCE_MIN_WORK \
            and abs(share - expected) > BALANCE_TOLERANCE:
        light = "outbound" if share < expected else "inbound"
        alarms.append(Alarm(
            f"balance_{light}_light", Group.balance, Level.warning,
            f"The team's recorded work is {round(100 * share)}% outbound; the preset expects "
            f"about {round(100 * expected)}%: {light} work is falling behind.",
            f"Give {light} activities an owner with time for them, or choose the preset that "
            "matches how the team really works.", "health#balance",
            tuple(Item(r.name, "health#balance") for r in rows
                  if r.outbound_share is not None and r.expected_outbound is not None
                  and abs(r.outbound_share - r.expected_outbound) > BALANCE_TOLERANCE),
            Fix("Review the roles", "roles")))
    return rows, team, alarms


def _when(due: date, today: date) -> str:
    days = (due - today).days
    if days == 0:
        return "due today"
    if days > 0:
        return f"due {due.isoformat()}, in {_plural(days, 'day', 'days')}"
    return f"was due {due.isoformat()}, {_plural(-days, 'day', 'days')} ago"


def reassess_alarms(f: Facts) -> list[Alarm]:
    """One reminder per due workshop, linking to it; it clears when the date moves out of
    the window or a new workshop is started."""
    return [Alarm(
        "roles_reassess_due", Group.roles, Level.warning,
        f"Time to assess roles again: {r.title}, {_when(r.due, f.today)}.",
        "Run a new roles workshop, or move the date to assess again on the workshop's page.",
        f"workshops/{r.workshop_id}", (Item(r.title, f"workshops/{r.workshop_id}"),),
        Fix("Start a workshop", "workshops"))
        for r in sorted(f.reassessments, key=lambda r: (r.due, r.workshop_id))]


def evaluate(f: Facts) -> Report:
    pace = parallelism(f.timelines)
    rows, team, balance_alarms = balance(f)
    alarms = [*no_marketing(f), *no_market(f), *parallel_alarms(pace), *balance_alarms,
              *reassess_alarms(f)]
    alarms.sort(key=lambda a: (a.level != Level.error, list(Group).index(a.group)))
    return Report(alarms, pace, rows, team)
