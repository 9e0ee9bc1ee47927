"""Passwords: the rules a new one must pass, hashing, and checking one with the same work
whether or not the account exists.

Rules (NIST SP 800-63B, section 5.1.1.2): at least 10 and at most 256 characters, not only
whitespace, and not one of the 30,000 most common passwords. The list is the `passwords`
frequency list that the zxcvbn package ships (Dropbox's password-strength estimator, drawn
from leaked password sets); it is compared case-insensitively.

Checking a password costs one argon2id verification (64 MiB, about 50 ms), so:
- an unknown email is checked against a dummy hash made at start with the same parameters,
  which makes the answer take as long as for a real account (no probing which emails exist);
- verifications run on a small thread pool of their own (`TANDEM_PASSWORD_HASH_CONCURRENCY`
  threads per process): off the event loop, never more at once than the pool's size, and a
  request waiting its turn holds no worker thread, so other pages keep being served.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tandem.errors import Invalid

MIN_LENGTH = 10
MAX_LENGTH = 256

STANDARD = PasswordHasher()  # argon2id with the library's recommended parameters (RFC 9106)
_hasher = STANDARD  # the test suite swaps in cheap parameters (tests/conftest.py)


@functools.cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords, lower-cased, from the zxcvbn package."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    found = FREQUENCY_LISTS["passwords"]
    words = found.split(",") if isinstance(found, str) else found
    return frozenset(w.strip().lower() for w in words if w.strip())


def check_new_password(password: str, field: str = "password") -> None:
    """Refuse a password a new account or a change may not use; the message names the field
    (`password` or `new_password`), as does the error's `field`."""
    label = "The " + field.replace("_", " ")
    if len(password) < MIN_LENGTH:
        raise Invalid(f"{label} needs at least {MIN_LENGTH} characters.", field)
    if len(password) > MAX_LENGTH:
        raise Invalid(f"{label} may have at most {MAX_LENGTH} characters.", field)
    if not password.strip():
        raise Invalid(f"{label} must not be only spaces.", field)
    if password.lower() in common_passwords():
        raise Invalid(f"{label} is one of the most common passwords, which are tried first "
                      "by anyone guessing: choose another.", field)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


_making_dummy = threading.Lock()


@functools.cache
def _dummy_hash() -> str:
    import secrets

    return _hasher.hash(secrets.token_urlsafe(24))


def dummy_hash() -> str:
    """A hash of a random secret with the real parameters, checked for unknown emails; made
    once (the lock keeps two first callers from making two different ones)."""
    with _making_dummy:
        return _dummy_hash()


def matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, InvalidHashError, VerificationError):
        return False


def _check(password_hash: str | None, password: str) -> bool:
    """`matches`, against the dummy hash when there is no account (then always False)."""
    ok = matches(password_hash if password_hash is not None else dummy_hash(), password)
    return ok and password_hash is not None


class HashPool:
    """Password verifications, at most `size` at once, on threads of their own."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pool = ThreadPoolExecutor(max_workers=size, thread_name_prefix="tandem-hash")
        self._pool.submit(dummy_hash)  # made now, so the first unknown email costs no more

    async def matches(self, password_hash: str | None, password: str) -> bool:
        """Whether `password` fits `password_hash`; with None, the dummy hash is checked (the
        same work) and the answer is False."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _check, password_hash, password)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
