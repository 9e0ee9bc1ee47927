"""Accounts as a feature. For now only its background chore; its routes join later."""

from __future__ import annotations

from datetime import timedelta

from tandem.accounts.chores import purge_sessions
from tandem.platform.feature import Feature
from tandem.platform.jobs.kind import JobKind, Periodic

PURGE_SESSIONS = "sessions.purge"

FEATURE = Feature(
    "accounts",
    jobs=(JobKind(PURGE_SESSIONS, "Delete expired web sign-ins", purge_sessions,
                  time_limit=timedelta(minutes=5)),),
    periodic=(Periodic(PURGE_SESSIONS, every=timedelta(hours=1)),),
)
