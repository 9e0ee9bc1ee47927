"""The demo launches' checklists: the shipped launch's tasks all done before its date; the
planned launch's tier 1 list under way, with its positioning refresh (tier-critical) late,
so loop health shows what a slipping launch looks like."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from tandem.outbound.checklists import service as checklists
from tandem.outbound.checklists.models import LaunchTask
from tandem.outbound.checklists.schemas import TaskUpdate
from tandem.outbound.launch import Launch, LaunchStatus
from tandem.roles.phases import service as phases
from tandem.scope import Scope

LATE_KEY = "positioning"  # the planned launch's task left late
LATE_BY_DAYS = 5
DONE_EARLY = ("analyst_briefings",)  # done ahead of time on the planned launch


def load_checklists(scope: Scope, today: date) -> None:
    s = scope.session
    for launch in s.scalars(select(Launch).where(Launch.workspace_id == scope.workspace_id)
                            .order_by(Launch.id)).all():
        if launch.owner_id is None:  # made before the phases named their drivers
            launch.owner_id = phases.default_owner(scope, "launches")
        checklists.generate(scope, launch.id)
        tasks = s.scalars(select(LaunchTask).where(LaunchTask.launch_id == launch.id)).all()
        if launch.status == LaunchStatus.launched.value:
            for task in tasks:
                checklists.set_done(scope, task.id, True)
                day = min(task.due_date or today, today)
                task.done_at = datetime.combine(day, time(15, 0), tzinfo=UTC)
            continue
        for task in tasks:
            if task.template_key == LATE_KEY:
                checklists.update(scope, task.id, TaskUpdate(
                    due_date=today - timedelta(days=LATE_BY_DAYS)))
            elif task.template_key in DONE_EARLY:
                checklists.set_done(scope, task.id, True)
    s.flush()
