"""Launch checklists as plain data: the tier templates, due dates from the launch date,
what a regeneration adds, what is late, and the progress counts."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.outbound.checklists import engine

LAUNCH = date(2027, 3, 1)


@pytest.mark.parametrize(("tier", "size", "critical"), [
    (1, 15, {"positioning", "sales_deck", "press_release", "landing_page", "sales_training",
             "support_docs"}),
    (2, 8, {"messaging", "sales_briefing", "docs", "in_app"}),
    (3, 2, {"release_note"}),
    (4, 1, set()),
    (5, 0, set()),
])
def test_each_tier_has_its_template(tier: int, size: int, critical: set[str]) -> None:
    tasks = engine.template(tier)
    assert len(tasks) == size
    assert {t.key for t in tasks if t.critical} == critical
    assert len({t.key for t in tasks}) == size  # keys are unique within a tier


def test_tier_one_starts_within_its_lead_time() -> None:
    """A tier 1 launch runs 8 to 16 weeks ahead; tier 2, 4 to 6."""
    assert 8 * 7 <= max(t.offset_days for t in engine.template(1)) <= 16 * 7
    assert 4 * 7 <= max(t.offset_days for t in engine.template(2)) <= 6 * 7
    assert max(t.offset_days for t in engine.template(3)) == 0


@pytest.mark.parametrize(("launch", "offset", "expected"), [
    (LAUNCH, 84, date(2026, 12, 7)),  # twelve weeks before
    (LAUNCH, 0, LAUNCH),
    (LAUNCH, 1, date(2027, 2, 28)),  # across a month end
    (LAUNCH, -14, date(2027, 3, 15)),  # after the launch (a webinar)
    (date(2028, 3, 1), 1, date(2028, 2, 29)),  # a leap year
    (None, 7, None),  # no launch date yet
    (LAUNCH, None, None),  # a task of the team's own
])
def test_due_dates(launch: date | None, offset: int | None, expected: date | None) -> None:
    assert engine.due(launch, offset) == expected


@pytest.mark.parametrize(("tier", "have", "added"), [
    (3, [], ["release_note", "in_app_notice"]),
    (3, ["release_note"], ["in_app_notice"]),
    (3, ["release_note", "in_app_notice", ""], []),
    (4, ["release_note", "in_app_notice"], ["support_note"]),  # moved down a tier
    (2, ["release_note", "in_app", ""], ["messaging", "sales_briefing", "docs", "blog",
                                        "segment_email", "social", "webinar"]),
])
def test_regenerating_adds_only_what_is_missing(tier: int, have: list[str],
                                                added: list[str]) -> None:
    assert [t.key for t in engine.missing(tier, have)] == added


@pytest.mark.parametrize(("due", "done", "late"), [
    (date(2026, 11, 20), False, True),
    (date(2026, 11, 20), True, False),
    (date(2026, 11, 26), False, False),  # due today is not late yet
    (None, False, False),
])
def test_late(due: date | None, done: bool, late: bool) -> None:
    assert engine.is_late(due, done, date(2026, 11, 26)) is late


def test_progress_counts() -> None:
    today = date(2026, 11, 26)
    past, future = date(2026, 11, 1), date(2026, 12, 1)
    p = engine.progress([(past, False, True), (past, False, False), (past, True, True),
                         (future, False, True)], today)
    assert (p.total, p.done, p.late, p.critical_late, p.percent) == (4, 1, 2, 1, 25)
    assert engine.progress([], today).percent == 0
