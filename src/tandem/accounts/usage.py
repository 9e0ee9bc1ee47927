"""When each API token was last used, recorded off the request's path.

Reading a token must not write: on SQLite a write waits for the one write lock, so one long
write elsewhere would stall (or fail) every API call. So a request only reads its token;
`TokenUse.seen` then records the time on a thread of its own, at most once per interval per
token (per process), and a write that fails (the database is busy) is logged and dropped:
`last_used_at` is a hint for people, accurate to about a minute.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import SQLAlchemyError

from tandem.accounts.models import ApiToken
from tandem.storage.engine import Database

log = logging.getLogger("tandem.accounts")
TOKEN_USE_INTERVAL = 60.0  # seconds between two recorded uses of one token


class TokenUse:
    def __init__(self, db: Database, interval: float = TOKEN_USE_INTERVAL) -> None:
        self.db = db
        self.interval = interval
        self._noted: dict[int, float] = {}
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

    def _due(self, token_id: int, last_used_at: datetime | None) -> bool:
        now = time.monotonic()
        with self._lock:
            noted = self._noted.get(token_id)
            if noted is not None and now - noted < self.interval:
                return False
            self._noted[token_id] = now
            if len(self._noted) > 10000:  # forget the oldest half; a rewrite is harmless
                for key in sorted(self._noted, key=self._noted.__getitem__)[:5000]:
                    del self._noted[key]
        recent = datetime.now(UTC) - timedelta(seconds=self.interval)
        return last_used_at is None or last_used_at < recent

    def seen(self, token_id: int, last_used_at: datetime | None) -> None:
        """Note that a token was used now; returns at once, whatever the database does."""
        if not self._due(token_id, last_used_at):
            return
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="tandem-token-use")
            executor = self._executor
        executor.submit(self._write, token_id, datetime.now(UTC))

    def _write(self, token_id: int, when: datetime) -> None:
        try:
            with self.db.session(write=True) as session:
                session.execute(update(ApiToken).where(
                    ApiToken.id == token_id,
                    or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < when),
                ).values(last_used_at=when))
        except SQLAlchemyError as exc:
            log.warning("could not record the use of API token %s: %s", token_id,
                        str(exc).splitlines()[0])

    def flush(self) -> None:
        """Wait for the pending records (tests, and shutting down)."""
        with self._lock:
            executor = self._executor
        if executor is not None:
            executor.submit(lambda: None).result()

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)
