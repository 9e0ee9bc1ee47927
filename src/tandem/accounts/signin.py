"""Checking a password for a request: rate limits first, then one argon2 verification on the
hash pool (against a dummy hash when the email has no account), then the count.

Used by web sign-in, `POST /api/v1/tokens`, changing a password and accepting an invitation
with an existing account. The counting and the database reads run on a worker thread, the
hash on the hash pool: the event loop never blocks, and a request waiting for the pool holds
no thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anyio import to_thread

from tandem.accounts import mail
from tandem.accounts import service as accounts
from tandem.errors import Unauthorized

if TYPE_CHECKING:
    from tandem.runtime import Runtime

WRONG = "Email or password is wrong."


def _stored(runtime: Runtime, email: str, address: str) -> tuple[int, str] | None:
    """Count the attempt (TooManyAttempts past a limit), then read the account's hash."""
    runtime.sign_in_guard.attempt(email, address)
    with runtime.session(write=False) as session:
        user = accounts.find_user(session, email)
        return (user.id, user.password_hash) if user is not None else None


async def verify(runtime: Runtime, email: str, password: str, address: str,
                 message: str = WRONG, field: str | None = None) -> int:
    """The id of the account whose email and password these are; Unauthorized otherwise,
    TooManyAttempts (429) while the email or the address is locked out."""
    stored = await to_thread.run_sync(_stored, runtime, email, address)
    ok = await runtime.hash_pool.matches(stored[1] if stored else None, password)
    if stored is None or not ok:
        raise Unauthorized(message, field)
    await to_thread.run_sync(runtime.sign_in_guard.succeeded, email)
    return stored[0]


def client_address(host: str | None) -> str:
    """The key of a request's client for the per-address limit."""
    return host or "unknown"


RESET_SENT = ("If an account has this email, a link to choose a new password is on its way. "
              "No mail? Ask an owner of your workspace for a reset link.")
RESET_NO_MAIL = ("This Tandem sends no mail: ask an owner of your workspace for a reset "
                 "link (or whoever runs the server: `tandem user reset-link EMAIL`).")


def request_reset(runtime: Runtime, email: str, address: str) -> str:
    """Mail a reset link if the email has an account; the same answer either way, counted
    by the sign-in limits (so nobody can fill an inbox or probe at speed)."""
    settings = runtime.settings
    if not settings.mail_enabled:
        return RESET_NO_MAIL
    runtime.sign_in_guard.attempt(email, address)
    with runtime.session() as session:
        user = accounts.find_user(session, email)
        if user is not None:
            _row, plain = accounts.start_reset(session, user, settings.link_hours)
            to = user.email
        else:
            plain = None
    if plain is not None:
        mail.send_later(settings, to, *mail.reset_mail(settings, plain))
    return RESET_SENT
