"""Accounts: personal API tokens, workspaces and their members, on every face; and the
hourly chore that deletes expired web sign-ins."""

from __future__ import annotations

from datetime import timedelta

from tandem.accounts.chores import purge_sessions
from tandem.platform.feature import Feature, NavEntry
from tandem.platform.jobs.kind import JobKind, Periodic

PURGE_SESSIONS = "sessions.purge"

feature = Feature(
    name="accounts",
    api="tandem.accounts.api:router",
    web="tandem.accounts.web:router",
    cli="tandem.accounts.cli:register",
    jobs=(JobKind(PURGE_SESSIONS, "Delete expired web sign-ins", purge_sessions,
                  time_limit=timedelta(minutes=5)),),
    periodic=(Periodic(PURGE_SESSIONS, every=timedelta(hours=1)),),
    nav=(NavEntry("Members", "members", "Workspace", order=10),),
)
