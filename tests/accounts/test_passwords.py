"""Password rules, the dummy hash for unknown emails, the hash pool's cap (the lockout:
test_throttle.py)."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from tandem.accounts import passwords
from tandem.accounts.passwords import HashPool, check_new_password, dummy_hash
from tandem.errors import Invalid


@pytest.mark.parametrize(("password", "field", "message"), [
    ("short-pw1", "password", "The password needs at least 10 characters."),
    ("x" * 257, "password", "The password may have at most 256 characters."),
    (" " * 12, "password", "The password must not be only spaces."),
    ("\t \n" * 4, "new_password", "The new password must not be only spaces."),
    ("password123", "password", "The password is one of the most common passwords"),
    ("QWERTYUIOP", "new_password", "The new password is one of the most common passwords"),
])
def test_refused_passwords_name_the_field(password: str, field: str, message: str) -> None:
    with pytest.raises(Invalid) as refused:
        check_new_password(password, field)
    assert refused.value.field == field
    assert refused.value.message.startswith(message)


@pytest.mark.parametrize("password", ["correct-horse-1", "x" * 256, "ten chars!",
                                      "  spaced but long  "])
def test_accepted_passwords(password: str) -> None:
    check_new_password(password)


def test_the_common_list_comes_from_the_package() -> None:
    common = passwords.common_passwords()
    assert len(common) >= 30000 - 100 and "123456" in common and "iloveyou" in common


def test_an_unknown_email_is_checked_against_the_dummy_hash(
        monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    real = passwords.matches

    def spy(password_hash: str, password: str) -> bool:
        checked.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(passwords, "matches", spy)
    pool = HashPool(2)
    try:
        known = passwords.hash_password("correct-horse-1")
        assert asyncio.run(pool.matches(known, "correct-horse-1")) is True
        assert asyncio.run(pool.matches(None, "correct-horse-1")) is False
        # even the dummy's own secret does not open "no account"
        assert checked == [known, dummy_hash()]
        assert dummy_hash().startswith("$argon2id$")  # the same parameters as real hashes
        assert dummy_hash().split("$")[3] == known.split("$")[3]
    finally:
        pool.close()


def test_the_hash_pool_caps_concurrent_hashes_and_frees_the_loop(
        monkeypatch: pytest.MonkeyPatch) -> None:
    running, peak, lock = 0, 0, threading.Lock()

    def slow(password_hash: str, password: str) -> bool:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return False

    monkeypatch.setattr(passwords, "matches", slow)
    pool = HashPool(3)

    async def main() -> float:
        ticks: list[float] = []

        async def ticker() -> None:  # the loop keeps serving while 64 checks wait
            for _ in range(20):
                start = time.perf_counter()
                await asyncio.sleep(0.005)
                ticks.append(time.perf_counter() - start)

        await asyncio.gather(ticker(), *(pool.matches("h", "p") for _ in range(64)))
        return max(ticks)

    try:
        worst_tick = asyncio.run(main())
    finally:
        pool.close()
    assert peak == 3
    assert worst_tick < 0.2


def test_real_hashes_use_argon2id_with_the_recommended_parameters(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite hashes with cheap parameters; outside it every hash, and the dummy one that
    unknown emails are checked against, has the recommended ones (RFC 9106: 64 MiB)."""
    monkeypatch.setattr(passwords, "_hasher", passwords.STANDARD)
    passwords._dummy_hash.cache_clear()
    try:
        real = passwords.hash_password("correct-horse-1")
        assert real.split("$")[3] == "m=65536,t=3,p=4"
        assert dummy_hash().split("$")[3] == "m=65536,t=3,p=4"
        assert passwords.matches(real, "correct-horse-1")
    finally:
        passwords._dummy_hash.cache_clear()
