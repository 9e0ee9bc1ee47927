"""The sign-in limits and lockout (`accounts.throttle`), counted in the database: shared by
every process of a deployment and kept over a restart, on both engines."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from tandem.accounts.models import SignInAttempt
from tandem.accounts.throttle import SignInGuard, TooManyAttempts
from tandem.runtime import Runtime
from tandem.storage.engine import Database


@pytest.fixture
def process(runtime: Runtime) -> Iterator[Database]:
    """The same database as `runtime`, opened again as another server process would."""
    db = Database(runtime.settings.database_url)
    yield db
    db.dispose()


def _later(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    later = time.time() + seconds
    monkeypatch.setattr(time, "time", lambda: later)


def _rows(db: Database) -> int:
    with db.session(write=False) as session:
        return session.scalar(select(func.count()).select_from(SignInAttempt)) or 0


def test_lockout_after_the_limit_until_the_window_passes(
        runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    guard = SignInGuard(runtime.db, per_account=3, per_address=100, window_seconds=60)
    for _ in range(3):
        guard.attempt("Ann@example.com", "10.0.0.1")
    with pytest.raises(TooManyAttempts) as locked:
        guard.attempt("ann@example.com ", "10.0.0.2")  # another address: the email is locked
    assert 1 <= locked.value.retry_after <= 60 and locked.value.status == 429
    guard.attempt("bob@example.com", "10.0.0.1")  # the address is not (yet)
    _later(monkeypatch, 61)
    guard.attempt("ann@example.com", "10.0.0.1")


def test_a_right_password_clears_the_emails_count(runtime: Runtime) -> None:
    guard = SignInGuard(runtime.db, per_account=2, per_address=100, window_seconds=60)
    guard.attempt("ann@example.com", "10.0.0.1")
    guard.succeeded("ann@example.com")
    guard.attempt("ann@example.com", "10.0.0.1")
    guard.attempt("ann@example.com", "10.0.0.1")
    with pytest.raises(TooManyAttempts):
        guard.attempt("ann@example.com", "10.0.0.1")


def test_per_address_limit_covers_many_emails(runtime: Runtime) -> None:
    guard = SignInGuard(runtime.db, per_account=100, per_address=5, window_seconds=60)
    for n in range(5):
        guard.attempt(f"user{n}@example.com", "10.0.0.9")
    with pytest.raises(TooManyAttempts):
        guard.attempt("someone-else@example.com", "10.0.0.9")
    guard.succeeded("someone-else@example.com")  # a success never clears the address
    with pytest.raises(TooManyAttempts):
        guard.attempt("someone-else@example.com", "10.0.0.9")


def test_refused_attempts_are_not_counted_and_the_wait_is_until_the_oldest_leaves(
        runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hammering a locked email does not stretch its lock (the moving-window strategy)."""
    guard = SignInGuard(runtime.db, per_account=2, per_address=100, window_seconds=60)
    guard.attempt("ann@example.com", "10.0.0.1")
    _later(monkeypatch, 20)
    guard.attempt("ann@example.com", "10.0.0.1")
    for _ in range(5):
        with pytest.raises(TooManyAttempts) as locked:
            guard.attempt("ann@example.com", "10.0.0.1")
    assert 39 <= locked.value.retry_after <= 41  # the first attempt leaves at 60 s
    _later(monkeypatch, 41)  # 61 s after the first attempt, 21 s after the second
    guard.attempt("ann@example.com", "10.0.0.1")
    with pytest.raises(TooManyAttempts):
        guard.attempt("ann@example.com", "10.0.0.1")
    assert _rows(runtime.db) == 4  # two attempts per counted sign-in, none for refusals


def test_every_process_shares_the_counts_and_a_restart_keeps_them(
        runtime: Runtime, process: Database) -> None:
    one = SignInGuard(runtime.db, per_account=4, per_address=100, window_seconds=60)
    two = SignInGuard(process, per_account=4, per_address=100, window_seconds=60)
    one.attempt("ann@example.com", "10.0.0.1")
    two.attempt("ann@example.com", "10.0.0.2")
    one.attempt("ann@example.com", "10.0.0.3")
    two.attempt("ann@example.com", "10.0.0.4")
    for guard in (one, two):  # locked through both, whichever counted the attempts
        with pytest.raises(TooManyAttempts):
            guard.attempt("ann@example.com", "10.0.0.5")
    restarted = Database(runtime.settings.database_url)
    try:
        with pytest.raises(TooManyAttempts):
            SignInGuard(restarted, per_account=4, per_address=100,
                        window_seconds=60).attempt("ann@example.com", "10.0.0.6")
    finally:
        restarted.dispose()
    two.succeeded("ann@example.com")  # the right password in one process clears it for all
    one.attempt("ann@example.com", "10.0.0.1")


def test_attempts_at_once_from_two_processes_get_no_more_than_the_limit(
        runtime: Runtime, process: Database) -> None:
    guards = [SignInGuard(db, per_account=5, per_address=1000, window_seconds=60)
              for db in (runtime.db, process)]
    start = threading.Barrier(16)
    through: list[int] = []
    refused: list[int] = []

    def sign_in(n: int) -> None:
        start.wait()
        try:
            guards[n % 2].attempt("ann@example.com", f"10.0.0.{n}")
            through.append(n)
        except TooManyAttempts:
            refused.append(n)

    threads = [threading.Thread(target=sign_in, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(through) == 5 and len(refused) == 11


def test_attempts_older_than_the_window_are_purged(
        runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    guard = SignInGuard(runtime.db, per_account=10, per_address=100, window_seconds=60)
    for n in range(3):
        guard.attempt(f"user{n}@example.com", f"10.0.0.{n}")
    assert _rows(runtime.db) == 6
    _later(monkeypatch, 61)
    guard.attempt("ann@example.com", "10.0.0.1")
    assert _rows(runtime.db) == 2  # only the new attempt's two rows are left


def test_keys_hold_no_typed_text_and_stay_short(runtime: Runtime) -> None:
    """People paste passwords into the email field: only digests are stored."""
    guard = SignInGuard(runtime.db, per_account=10, per_address=100, window_seconds=60)
    guard.attempt("my-secret-password " * 40, "2001:db8::1")
    with runtime.db.session(write=False) as session:
        keys = set(session.scalars(select(SignInAttempt.key)))
    assert {k.split(":")[0] for k in keys} == {"account", "address"}
    assert all("secret" not in k and "2001" not in k and len(k) <= 80 for k in keys)
