"""Recording domain events with the change they describe, and reading them back.

Services call `record` inside the transaction that makes the change, so an event exists
exactly when its change was committed. Reading needs the `read_audit` permission.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, cast

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Table, func, insert, select
from sqlalchemy.orm import Session

from tandem.errors import Invalid
from tandem.paging import DEFAULT_LIMIT, MAX_LIMIT, Page
from tandem.platform.actor import Actor
from tandem.platform.events.models import Event
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope

TITLE_LENGTH = 200
VALUE_LENGTH = 500  # long text is cut in the log; the object itself keeps all of it

Changes = dict[str, list[Any]]
_EVENTS = cast(Table, Event.__table__)


def _plain(value: Any) -> Any:
    """A value as JSON can hold it, long text cut."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str) and len(value) > VALUE_LENGTH:
        return value[: VALUE_LENGTH - 1] + "…"
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(schema: type[BaseModel], obj: Any) -> dict[str, Any]:
    """The fields of `obj` that `schema` (a kind's create schema) names, as plain values."""
    return {name: _plain(getattr(obj, name, None)) for name in schema.model_fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> Changes:
    """{field: [before, after]} for each field that changed."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def created(values: Mapping[str, Any]) -> Changes:
    return {k: [None, v] for k, v in values.items() if v not in (None, "", [])}


def deleted(values: Mapping[str, Any]) -> Changes:
    return {k: [v, None] for k, v in values.items() if v not in (None, "", [])}


def record_as(session: Session, actor: Actor, verb: str, kind: str, object_id: int | None,
              title: str, changes: Changes | None = None,
              workspace_id: int | None = None) -> Event:
    """Add an event to `session` (committed, or rolled back, with the change itself)."""
    event = Event(workspace_id=workspace_id, actor_kind=actor.kind,
                  actor_user_id=actor.user_id, actor_label=actor.label[:254], verb=verb,
                  kind=kind, object_id=object_id, title=title[:TITLE_LENGTH],
                  changes=changes or None)
    session.add(event)
    return event


def record(scope: Scope, verb: str, kind: str, object_id: int | None, title: str,
           changes: Changes | None = None) -> Event:
    """An event in the scope's workspace, by the scope's actor."""
    return record_as(scope.session, scope.actor, verb, kind, object_id, title, changes,
                     scope.workspace_id)


def record_many(scope: Scope, verb: str, kind: str,
                items: Sequence[tuple[int | None, str, Changes | None]]) -> None:
    """`record` for a batch, (object id, title, changes) each, in one multi-row INSERT and
    no ORM objects (imports): the same rows `record` would add, in the same order."""
    if not items:
        return
    actor = scope.actor
    common = {"workspace_id": scope.workspace_id, "actor_kind": actor.kind,
              "actor_user_id": actor.user_id, "actor_label": actor.label[:254],
              "verb": verb, "kind": kind}
    scope.session.execute(insert(_EVENTS), [
        {**common, "object_id": object_id, "title": title[:TITLE_LENGTH],
         "changes": changes or None} for object_id, title, changes in items])


def history(scope: Scope, *, kind: str | None = None, object_id: int | None = None,
            verb: str | None = None, offset: int = 0, limit: int = DEFAULT_LIMIT
            ) -> Page[Event]:
    """The workspace's events, newest first, optionally for one kind, object or verb."""
    scope.require(Action.read_audit)
    if not 0 <= offset <= MAX_ID:
        raise Invalid("offset must be 0 or more.", "offset")
    if not 1 <= limit <= MAX_LIMIT:
        raise Invalid(f"limit must be between 1 and {MAX_LIMIT}.", "limit")
    where: list[ColumnElement[bool]] = [Event.workspace_id == scope.workspace_id]
    if kind:
        where.append(Event.kind == kind[:64])
    if object_id is not None:
        if not 1 <= object_id <= MAX_ID:
            raise Invalid("object_id is out of range.", "object_id")
        where.append(Event.object_id == object_id)
    if verb:
        where.append(Event.verb == verb[:32])
    total = scope.session.scalar(select(func.count(Event.id)).where(*where)) or 0
    rows = scope.session.scalars(select(Event).where(*where)
                                 .order_by(Event.id.desc()).offset(offset).limit(limit)).all()
    return Page(list(rows), total, offset, limit)
