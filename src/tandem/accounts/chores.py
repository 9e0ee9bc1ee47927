"""Account housekeeping that runs in the background."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete

from tandem.accounts.models import Invitation, PasswordReset, WebSession
from tandem.platform.jobs.kind import JobContext
from tandem.storage.base import utcnow
from tandem.storage.engine import rowcount


def purge_sessions(ctx: JobContext) -> dict[str, Any]:
    """Delete web sign-ins past their expiry: sign-in already refuses them, and nothing
    else would ever remove the rows of people who never sign out."""
    with ctx.session() as session:
        result = session.execute(delete(WebSession).where(WebSession.expires_at < utcnow()))
        deleted = rowcount(result)
        # expired reset and invitation links too (used ones stay as a record until expiry)
        session.execute(delete(PasswordReset).where(PasswordReset.expires_at < utcnow()))
        session.execute(delete(Invitation).where(Invitation.expires_at < utcnow()))
    ctx.progress(100, f"Deleted {deleted} expired sign-in(s).")
    return {"deleted": deleted}
