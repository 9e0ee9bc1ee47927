"""The loop-health rules alone, table-driven: each alarm fires on its case and not on the
healthy one; the parallelism index and balance over plain data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from tandem.roles.health import engine
from tandem.roles.health.chart import trend_svg
from tandem.roles.health.engine import (
    ClaimFacts,
    Facts,
    OpportunityFacts,
    OutboundActivity,
    PersonWork,
    Reassessment,
    ReleaseFacts,
    Timeline,
)

TODAY = date(2026, 11, 26)


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


DUE = ReleaseFacts(1, "Soon", "in_progress", date(2026, 12, 10), None, launches=1,
                   positioning=True, approved_messaging=True, evidence=4)
SHIPPED = ReleaseFacts(2, "Done", "shipped", date(2026, 9, 1), date(2026, 9, 3), launches=1,
                       positioning=True, approved_messaging=True, release_notes=True,
                       evidence=2)
HEALTHY = Facts(
    today=TODAY, due_weeks=6, preset="split",
    outbound_activities=(OutboundActivity("Launch", 1, 2), OutboundActivity("Awareness", 0, 0)),
    releases=(DUE, SHIPPED),
    opportunities=(OpportunityFacts(1, "Swaps", "validated", 3),
                   OpportunityFacts(2, "Parked idea", "parked", 0)),
    claims=(ClaimFacts("message", 1, "Fast", "messages/1", True),
            ClaimFacts("proof_point", 1, "3x", "messaging/1", True)),
    timelines=(Timeline(2, "Done", _at("2026-05-01"), _at("2026-07-01"), date(2026, 9, 3),
                        True),
               Timeline(1, "Soon", _at("2026-09-01"), _at("2026-10-01"), date(2026, 12, 10),
                        False)),
    people=(PersonWork("Dan", 30, 10, 0.25), PersonWork("Pia", 5, 25, 0.75)),
    team_expected_outbound=0.5)


def test_a_healthy_workspace_is_silent() -> None:
    report = engine.evaluate(HEALTHY)
    assert report.alarms == []
    assert (report.errors, report.warnings) == (0, 0)


@pytest.mark.parametrize(("change", "code", "level"), [
    ({"outbound_activities": (OutboundActivity("Launch", 0, 1),)}, "no_outbound_owner", "error"),
    ({"outbound_activities": (OutboundActivity("Launch", 1, 1),
                              OutboundActivity("Sales tools", 0, 2))},
     "outbound_no_accountable", "warning"),
    ({"releases": (replace(DUE, launches=0), SHIPPED)}, "due_no_launch", "error"),
    ({"releases": (replace(DUE, positioning=False), SHIPPED)}, "due_no_positioning", "warning"),
    ({"releases": (replace(DUE, approved_messaging=False), SHIPPED)}, "due_no_messaging",
     "warning"),
    ({"releases": (DUE, replace(SHIPPED, release_notes=False))}, "shipped_no_notes", "warning"),
    ({"opportunities": (OpportunityFacts(1, "Swaps", "new", 0),)}, "opportunity_no_evidence",
     "warning"),
    ({"releases": (replace(DUE, evidence=0), SHIPPED)}, "release_no_evidence", "error"),
    ({"claims": (ClaimFacts("message", 1, "Fast", "messages/1", False),)},
     "message_no_evidence", "warning"),
    ({"claims": (ClaimFacts("proof_point", 1, "3x", "messaging/1", False),)},
     "proof_cites_nothing", "warning"),
    ({"timelines": (Timeline(2, "Done", None, _at("2026-09-10"), date(2026, 9, 3), True),
                    Timeline(3, "Older", None, None, date(2026, 6, 1), True))},
     "outbound_starts_late", "warning"),
    ({"people": (PersonWork("Dan", 40, 2, 0.25), PersonWork("Pia", 10, 3, 0.75))},
     "balance_outbound_light", "warning"),
    ({"people": (PersonWork("Dan", 2, 40, 0.25),)}, "balance_inbound_light", "warning"),
    ({"reassessments": (Reassessment(4, "Q3 roles", date(2026, 11, 30)),)},
     "roles_reassess_due", "warning"),
])
def test_each_alarm_fires_on_its_case(change: dict[str, object], code: str,
                                      level: str) -> None:
    report = engine.evaluate(replace(HEALTHY, **change))  # type: ignore[arg-type]
    assert [a.code for a in report.alarms] == [code]
    alarm = report.alarms[0]
    assert alarm.level.value == level
    assert alarm.clear and alarm.view and alarm.title


@pytest.mark.parametrize(("target", "weeks", "fires"), [
    (date(2026, 12, 10), 6, True), (date(2027, 1, 7), 6, True), (date(2027, 1, 8), 6, False),
    (date(2027, 1, 8), 7, True), (None, 52, False), (date(2026, 1, 1), 1, True),
])
def test_the_warning_window(target: date | None, weeks: int, fires: bool) -> None:
    facts = replace(HEALTHY, due_weeks=weeks,
                    releases=(replace(DUE, target_date=target, launches=0),))
    assert any(a.code == "due_no_launch" for a in engine.evaluate(facts).alarms) is fires


@pytest.mark.parametrize(("timeline", "before", "lead", "after"), [
    (Timeline(1, "a", _at("2026-01-01"), _at("2026-02-01"), date(2026, 3, 1), True),
     True, 28, 31),
    (Timeline(1, "b", _at("2026-01-01"), _at("2026-03-05"), date(2026, 3, 1), True),
     False, -4, 63),
    (Timeline(1, "c", _at("2026-01-01"), None, date(2026, 3, 1), True), False, None, None),
    (Timeline(1, "d", _at("2026-01-01"), _at("2026-02-01"), None, False), True, None, 31),
    (Timeline(1, "e", _at("2026-01-01"), None, date(2026, 3, 1), False), None, None, None),
])
def test_release_pace(timeline: Timeline, before: bool | None, lead: int | None,
                      after: int | None) -> None:
    pace = engine.parallelism([timeline]).releases[0]
    assert (pace.before_done, pace.lead_days, pace.outbound_after_inbound_days) == \
        (before, lead, after)


def test_share_and_trend_by_quarter() -> None:
    p = engine.parallelism([
        Timeline(1, "a", None, _at("2026-01-01"), date(2026, 2, 1), True),
        Timeline(2, "b", None, _at("2026-03-01"), date(2026, 2, 20), True),
        Timeline(3, "c", None, _at("2026-04-01"), date(2026, 5, 1), True),
        Timeline(4, "d", None, None, date(2026, 9, 1), False),
    ])
    assert (p.early, p.decided, p.share) == (2, 3, 2 / 3)
    assert [(q.quarter, q.early, q.total, q.percent) for q in p.trend] == \
        [("2026 Q1", 1, 2, 50), ("2026 Q2", 1, 1, 100)]
    svg = trend_svg(p.trend)
    assert svg.startswith("<svg") and "2026 Q1" in svg and svg.count("<rect") == 2
    assert trend_svg([]) == ""


def test_balance_needs_enough_work_before_it_speaks() -> None:
    few = replace(HEALTHY, people=(PersonWork("Dan", 9, 0, 0.5),))
    assert engine.evaluate(few).alarms == []
    unknown = replace(HEALTHY, team_expected_outbound=None,
                      people=(PersonWork("Dan", 90, 0, None),))
    assert engine.evaluate(unknown).alarms == []
    rows, team, _ = engine.balance(HEALTHY)
    assert (team.inbound, team.outbound, team.outbound_share) == (35, 35, 0.5)
    assert rows[0].outbound_share == 0.25


def test_errors_come_first() -> None:
    facts = replace(HEALTHY, releases=(replace(DUE, launches=0, approved_messaging=False),),
                    opportunities=(OpportunityFacts(1, "x", "new", 0),))
    levels = [a.level.value for a in engine.evaluate(facts).alarms]
    assert levels == sorted(levels)  # "error" < "warning"


@pytest.mark.parametrize(("due", "words"), [
    (date(2026, 11, 30), "due 2026-11-30, in 4 days"),
    (date(2026, 11, 27), "due 2026-11-27, in 1 day"),
    (TODAY, "due today"),
    (date(2026, 11, 25), "was due 2026-11-25, 1 day ago"),
    (date(2026, 9, 1), "was due 2026-09-01, 86 days ago"),
])
def test_the_reminder_to_assess_roles_again(due: date, words: str) -> None:
    report = engine.evaluate(replace(HEALTHY, reassessments=(
        Reassessment(7, "Spring roles", due),)))
    (alarm,) = report.alarms
    assert alarm.title == f"Time to assess roles again: Spring roles, {words}."
    assert alarm.group == engine.Group.roles and alarm.view == "workshops/7"
    assert [(i.label, i.path) for i in alarm.items] == [("Spring roles", "workshops/7")]
    assert alarm.fix is not None and alarm.fix.needs_write  # a viewer cannot start one
    assert "move the date" in alarm.clear
