"""Launch checklists as plain data: each tier's template, due dates, and what is late.

The templates follow the usual launch tiers (docs/outbound.md cites the convention): tier 1
(a new product or category, a repositioning, a new segment; 8 to 16 weeks of lead time)
gets the full set, tier 2 (a significant feature, integration or pricing change; 4 to 6
weeks) the mid-sized one, tier 3 (an incremental improvement) the release note and in-app
notice, tier 4 (a quiet ship) one note for the people who answer customers. A task's due
date is the launch date minus its offset in days (a negative offset falls after the
launch); a task whose date someone set by hand keeps it when the launch moves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

TIERS = (1, 2, 3, 4)
MAX_OFFSET_DAYS = 366


@dataclass(frozen=True)
class TemplateTask:
    key: str  # stable within the templates, so generating again finds what exists
    title: str
    offset_days: int  # days before the launch date; negative is after it
    critical: bool = False


def _w(weeks: int) -> int:
    return 7 * weeks


_T = TemplateTask
TEMPLATES: dict[int, tuple[TemplateTask, ...]] = {
    1: (
        _T("positioning", "Refresh positioning and messaging", _w(12), True),
        _T("analyst_briefings", "Brief the analysts", _w(6)),
        _T("case_study", "Write a customer case study", _w(6)),
        _T("sales_deck", "Update the sales deck", _w(4), True),
        _T("battlecard", "Update the competitive battlecards", _w(4)),
        _T("demo_video", "Record the demo video", _w(3)),
        _T("press_release", "Write and approve the press release", _w(3), True),
        _T("landing_page", "Build the landing page", _w(2), True),
        _T("faq", "Write the launch FAQ", _w(2)),
        _T("sales_training", "Train sales and success", _w(1), True),
        _T("support_docs", "Publish the support docs", _w(1), True),
        _T("launch_blog", "Write the launch blog post", _w(1)),
        _T("customer_email", "Send the customer email", 0),
        _T("paid_campaign", "Start the paid campaign", 0),
        _T("event", "Present at the launch event", 0),
    ),
    2: (
        _T("messaging", "Write the messaging for the release", _w(5), True),
        _T("sales_briefing", "Brief sales", _w(1), True),
        _T("docs", "Update the docs", 3, True),
        _T("blog", "Write the blog post", _w(1)),
        _T("segment_email", "Email the segment it is for", 0),
        _T("in_app", "Show an in-app announcement", 0, True),
        _T("social", "Post on social channels", 0),
        _T("webinar", "Run the webinar", -_w(2)),
    ),
    3: (
        _T("release_note", "Publish the release note or changelog entry", 0, True),
        _T("in_app_notice", "Show an in-app notice", 0),
    ),
    4: (
        _T("support_note", "Tell support what changed", 0),
    ),
}


def template(tier: int) -> tuple[TemplateTask, ...]:
    """The tier's tasks, biggest lead time first; an unknown tier has none."""
    return TEMPLATES.get(tier, ())


def due(launch_date: date | None, offset_days: int | None) -> date | None:
    """The date a task is due: `offset_days` before the launch (None with no launch date
    or no offset)."""
    if launch_date is None or offset_days is None:
        return None
    return launch_date - timedelta(days=offset_days)


def missing(tier: int, have: Iterable[str]) -> list[TemplateTask]:
    """The template tasks of `tier` the checklist does not have yet (by key)."""
    present = set(have)
    return [t for t in template(tier) if t.key not in present]


def is_late(due_date: date | None, done: bool, today: date) -> bool:
    return not done and due_date is not None and due_date < today


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    late: int
    critical_late: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress(tasks: Sequence[tuple[date | None, bool, bool]], today: date) -> Progress:
    """Counts over (due date, done, critical) triples."""
    late = [(d, c) for d, done, c in tasks if is_late(d, done, today)]
    return Progress(len(tasks), sum(1 for _, done, _ in tasks if done), len(late),
                    sum(1 for _, c in late if c))
