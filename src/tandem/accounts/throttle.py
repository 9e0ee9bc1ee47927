"""Rate limits and temporary lockout on password checks (web sign-in, API tokens, password
change and accepting an invitation with an existing account).

Attempts are counted in a moving window (the `limits` library, in-memory storage) per email
and per client address, before the password is checked; the right password clears the
email's count. Past either limit, further attempts are refused before any password is
checked, until the oldest counted attempt leaves the window; the right password does not get
through meanwhile. Unknown emails count exactly like known ones.

The counts live in the server process's memory: each process of a deployment counts on its
own, and a restart forgets them (see docs/accounts.md). A lockout per email lets anyone
lock an account's password sign-in for the window; that is the price of stopping guessing,
kept small by the short window (signed-in sessions and API tokens keep working).
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from tandem.errors import TandemError


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


class SignInGuard:
    def __init__(self, per_account: int, per_address: int, window_seconds: int) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._account = RateLimitItemPerSecond(per_account, window_seconds)
        self._address = RateLimitItemPerSecond(per_address, window_seconds)

    def _checks(self, email: str, address: str) -> list[tuple[RateLimitItem, str, str]]:
        return [(self._account, "account", email.strip().lower()),
                (self._address, "address", address)]

    def attempt(self, email: str, address: str) -> None:
        """Count an attempt for the email and the address before its password is checked, or
        raise TooManyAttempts while either is over its limit.

        Counting first (not after a wrong answer) means attempts sent at the same moment
        cannot all slip in before the first failure is counted.
        """
        waits = []
        for item, kind, key in self._checks(email, address):
            if not self._limiter.hit(item, kind, key):
                reset = self._limiter.get_window_stats(item, kind, key).reset_time
                waits.append(max(1, math.ceil(reset - time.time())))
        if waits:
            raise TooManyAttempts(max(waits))

    def succeeded(self, email: str) -> None:
        """The right password clears the email's count (never the address's)."""
        self._limiter.clear(self._account, "account", email.strip().lower())
