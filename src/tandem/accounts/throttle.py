"""Rate limits and temporary lockout on password checks (web sign-in, API tokens, password
change, accepting an invitation with an existing account, asking for a reset link).

Attempts are counted in a moving window per email and per client address, before the
password is checked; the right password clears the email's count. Past either limit, further
attempts are refused before any password is checked, until the oldest counted attempt leaves
the window; the right password does not get through meanwhile, and a refused attempt is not
counted (so hammering a locked email does not stretch its lock). Unknown emails count exactly
like known ones. These are the semantics of the `limits` library's moving-window strategy,
which ships no SQL storage.

The counts are rows of `sign_in_attempts` in the database, so every server process of a
deployment shares them and a restart keeps them, with no new server to run. Each attempt is
one short transaction that counts, then inserts, while holding the write lock (SQLite: `BEGIN
IMMEDIATE`) or an advisory lock per key (PostgreSQL): attempts sent at the same moment, from
any process, are counted one after another and cannot all slip in.

A lockout per email lets anyone lock an account's password sign-in for the window; that is
the price of stopping guessing, kept small by the short window (signed-in sessions and API
tokens keep working).
"""

from __future__ import annotations

import hashlib
import math
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from tandem.accounts.models import SignInAttempt
from tandem.errors import TandemError
from tandem.storage.engine import Database

# pg_advisory_xact_lock(int, int) space of the per-key locks; the two-key space does not
# overlap the one-key locks used elsewhere (7401, 7402, the migration lock).
LOCK_SPACE = 7403


class TooManyAttempts(TandemError):
    """Refused for a while after too many wrong passwords; `retry_after` is in seconds."""

    code = "too_many_attempts"
    status = 429

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(
            "Too many wrong passwords for this email or from this address. Try again in "
            f"{minutes} minute{'s' if minutes != 1 else ''}, or reset the password.")
        self.retry_after = retry_after


def attempt_key(kind: str, value: str) -> str:
    """The stored key: the kind and a digest of the value (bounded, and no typed text)."""
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def _account(email: str) -> str:
    return attempt_key("account", email.strip().lower())


def _lock_id(key: str) -> int:
    """A signed 32-bit number for the key's advisory lock (a collision only serialises)."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big", signed=True)


class SignInGuard:
    """The limits, counted in the database that `db` opens (shared by every process)."""

    def __init__(self, db: Database, per_account: int, per_address: int,
                 window_seconds: int) -> None:
        self._db = db
        self._per_account = per_account
        self._per_address = per_address
        self._window = timedelta(seconds=window_seconds)
        self._purged = -math.inf  # time.time() of this process's last purge

    def attempt(self, email: str, address: str) -> None:
        """Count an attempt for the email and the address before its password is checked, or
        raise TooManyAttempts while either is at its limit (and count nothing).

        Counting first (not after a wrong answer) means attempts sent at the same moment
        cannot all slip in before the first failure is counted.
        """
        clock = time.time()
        now = datetime.fromtimestamp(clock, UTC)
        checks = [(_account(email), self._per_account),
                  (attempt_key("address", address), self._per_address)]
        with self._db.session(write=True) as session:
            if not self._db.is_sqlite:  # SQLite: BEGIN IMMEDIATE already serialises
                for lock in sorted({_lock_id(key) for key, _ in checks}):
                    session.execute(text("SELECT pg_advisory_xact_lock(:space, :key)"),
                                    {"space": LOCK_SPACE, "key": lock})
            waits = [wait for key, limit in checks
                     if (wait := self._wait(session, key, limit, now)) is not None]
            if waits:
                raise TooManyAttempts(max(waits))
            session.add_all([SignInAttempt(key=key, at=now) for key, _ in checks])
            if clock - self._purged >= self._window.total_seconds():
                self._purged = clock
                session.execute(delete(SignInAttempt).where(
                    SignInAttempt.at <= now - self._window))

    def _wait(self, session: Session, key: str, limit: int, now: datetime) -> int | None:
        """Seconds until the key is below its limit again; None when it is already."""
        start = now - self._window
        counted = (SignInAttempt.key == key) & (SignInAttempt.at > start)
        count = session.scalar(select(func.count()).where(counted)) or 0
        if count < limit:
            return None
        # Below the limit again once all but limit - 1 of the counted attempts have left.
        freeing = session.scalar(select(SignInAttempt.at).where(counted)
                                 .order_by(SignInAttempt.at).offset(count - limit).limit(1))
        assert freeing is not None
        return max(1, math.ceil((freeing - start).total_seconds()))

    def succeeded(self, email: str) -> None:
        """The right password clears the email's count (never the address's)."""
        with self._db.session(write=True) as session:
            session.execute(delete(SignInAttempt).where(SignInAttempt.key == _account(email)))
