"""A launch checklist's request and response shapes."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from tandem.outbound.checklists.models import MAX_KEY, MAX_TITLE
from tandem.schema import Name, Strict, ref


class TaskCreate(Strict):
    title: Name = Field(description="What has to be done.")
    owner_id: int | None = ref("Owner")
    due_date: date | None = Field(default=None, title="Due date",
                                  description="Set by hand; it then stays when the launch "
                                              "date moves.")
    critical: bool = Field(default=False, title="Critical",
                           description="The launch cannot go out without it.")


class TaskUpdate(Strict):
    """Only the fields sent change. A due date sent as null goes back to following the
    launch date (for template tasks)."""

    title: Name | None = Field(default=None)
    owner_id: int | None = ref("Owner")
    due_date: date | None = Field(default=None, title="Due date")
    critical: bool | None = Field(default=None, title="Critical")


class TaskPublic(BaseModel):
    id: int
    launch_id: int
    template_key: str = Field(max_length=MAX_KEY)
    title: str = Field(max_length=MAX_TITLE)
    owner_id: int | None
    owner: str
    offset_days: int | None
    due_date: date | None
    due_manual: bool
    critical: bool
    done: bool
    done_at: datetime | None
    done_by: str
    late: bool
    row_version: int


class ChecklistPublic(BaseModel):
    launch_id: int
    launch: str
    tier: int
    launch_date: date | None
    total: int
    done: int
    percent: int
    late: int
    critical_late: int
    missing: int = Field(description="Template tasks of the launch's tier not on the list "
                                     "(generate to add them).")
    tasks: list[TaskPublic]


class Generated(BaseModel):
    added: int
    checklist: ChecklistPublic
