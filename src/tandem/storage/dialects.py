"""Picking the implementation of an engine difference for the database in use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

T = TypeVar("T")


def for_engine(bind: Session | Engine, choices: Mapping[str, T], what: str) -> T:
    """`choices[dialect]` for the engine `bind` uses; RuntimeError naming `what` if none."""
    name = (bind.get_bind() if isinstance(bind, Session) else bind).dialect.name
    try:
        return choices[name]
    except KeyError:
        raise RuntimeError(f"No {what} for the {name} database.") from None
