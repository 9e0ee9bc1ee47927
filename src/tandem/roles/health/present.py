"""One report, shaped for every face: links made absolute, actions kept for those who may
take them."""

from __future__ import annotations

from tandem.roles.health import engine
from tandem.roles.health.schemas import (
    AlarmPublic,
    BalancePublic,
    FixPublic,
    HealthPublic,
    ItemPublic,
    ParallelismPublic,
    QuarterPublic,
    ReleasePacePublic,
)


def url(slug: str, path: str) -> str:
    return f"/w/{slug}/{path}"


def alarm(a: engine.Alarm, slug: str, can_write: bool) -> AlarmPublic:
    fix = a.fix if a.fix and (can_write or not a.fix.needs_write) else None
    return AlarmPublic(
        code=a.code, group=a.group.value, level=a.level.value, title=a.title, clear=a.clear,
        view=url(slug, a.view), items=[ItemPublic(label=i.label, url=url(slug, i.path))
                                       for i in a.items],
        fix=FixPublic(label=fix.label, url=url(slug, fix.path)) if fix else None)


def _balance(row: engine.BalanceRow) -> BalancePublic:
    return BalancePublic(name=row.name, inbound=row.inbound, outbound=row.outbound,
                         outbound_share=row.outbound_share,
                         expected_outbound=row.expected_outbound)


def public(report: engine.Report, slug: str, can_write: bool, due_weeks: int,
           preset: str) -> HealthPublic:
    p = report.parallelism
    return HealthPublic(
        errors=report.errors, warnings=report.warnings, due_weeks=due_weeks, preset=preset,
        alarms=[alarm(a, slug, can_write) for a in report.alarms],
        parallelism=ParallelismPublic(
            share=p.share, early=p.early, decided=p.decided,
            releases=[ReleasePacePublic(**vars(r)) for r in p.releases],
            trend=[QuarterPublic(quarter=q.quarter, early=q.early, total=q.total,
                                 percent=q.percent) for q in p.trend]),
        balance=[_balance(r) for r in report.balance], team=_balance(report.team))
