"""The outbox: hand committed events to the features that subscribe to them, in order.

An event is written in the same transaction as its change, with no `dispatched_at`. The
worker calls `dispatch` on every loop: it takes the oldest undispatched events (on
PostgreSQL with FOR UPDATE SKIP LOCKED, so several workers never hand out the same event),
calls every subscriber declared in the manifest, and marks them dispatched in the same
transaction. Delivery is at least once: when a subscriber fails, that event and the ones
after it stay in the outbox for the next round, so subscribers must be idempotent.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import select

from tandem import features
from tandem.platform.events.models import Event
from tandem.storage.engine import Database

log = logging.getLogger("tandem.outbox")
BATCH = 200


def dispatch(db: Database, batch: int = BATCH) -> int:
    """Deliver up to `batch` pending events; returns how many were marked dispatched."""
    subscribers = [s for feature in features.FEATURES for s in feature.subscribers]
    with db.session() as session:
        pending = list(session.scalars(
            select(Event).where(Event.dispatched_at.is_(None)).order_by(Event.id)
            .limit(batch).with_for_update(skip_locked=True)).all())
        done = 0
        now = datetime.now(UTC)
        for event in pending:
            try:
                with session.begin_nested():
                    for subscriber in subscribers:
                        subscriber(session, event)
            except Exception:
                log.exception("subscriber failed on event %s; will retry", event.id)
                break
            event.dispatched_at = now
            done += 1
        return done
