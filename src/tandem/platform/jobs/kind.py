"""What a feature declares to run work in the background, and what the work receives.

A `JobKind` names a handler, its time limit and how many attempts it gets. The handler is
called with a `JobContext`: the job's arguments, a transaction in the job's workspace acting
as a `SystemJob`, and `progress()`, which records how far it got and raises `JobStopped`
when someone cancelled the job or it ran past its time limit.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy.orm import Session

from tandem.scope import Scope
from tandem.storage.embedder import Embedder


class JobStopped(Exception):
    """Raised inside a handler by `progress()`: the job was cancelled or timed out."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status  # "cancelled" or "failed"
        self.message = message


class JobContext(Protocol):
    job_id: int
    kind: str
    args: dict[str, Any]
    workspace_id: int | None

    def scope(self) -> AbstractContextManager[Scope]:
        """A transaction in the job's workspace, acting as this job."""
        ...

    def session(self) -> AbstractContextManager[Session]:
        """A plain transaction, for jobs that span workspaces (chores)."""
        ...

    def progress(self, percent: int, message: str = "") -> None:
        """Record progress (0-100); raises JobStopped when cancelled or over time."""
        ...

    @property
    def embedder(self) -> Embedder:
        """The worker's text-to-vector model (loaded once per process)."""
        ...


Handler = Callable[[JobContext], "dict[str, Any] | None"]


@dataclass(frozen=True)
class JobKind:
    name: str  # "search.reindex": feature, dot, verb
    label: str  # "Rebuild the search index", for people
    run: Handler
    time_limit: timedelta = timedelta(minutes=10)
    max_attempts: int = 3


@dataclass(frozen=True)
class Periodic:
    """Enqueue `kind` (with no workspace and no arguments) every `every`."""

    kind: str
    every: timedelta
