"""Helpers the migrations share.

On SQLite, Alembic's batch mode changes a table by copying it to a new one and dropping the
old; with foreign keys on (Tandem's engine turns them on for every connection), dropping the
old table deletes or nulls every row that hangs off it. `rows_kept` keeps those rows aside
and puts them back, so a column change never loses links.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op


def dependents(table: str) -> list[str]:
    """Every table whose rows hang off `table` through foreign keys, directly or not,
    parents before children."""
    bind = op.get_bind()
    names = [r[0] for r in bind.execute(sa.text(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))]
    refs = {n: {r[2] for r in bind.execute(sa.text(f'PRAGMA foreign_key_list("{n}")'))}
            for n in names}
    depth: dict[str, int] = {}
    frontier, level = {table}, 0
    while frontier and level < len(names):
        level += 1
        frontier = {n for n in names if refs[n] & frontier and n != table}
        for n in frontier:
            depth[n] = level
    return sorted(depth, key=lambda n: (depth[n], n))


@contextmanager
def rows_kept(table: str) -> Iterator[None]:
    """On SQLite a batch change copies `table` and drops the old one, which with foreign
    keys on deletes (or nulls) every row that hangs off it: keep those rows aside and put
    them back, parents first."""
    if op.get_bind().dialect.name != 'sqlite':
        yield
        return
    kept = dependents(table)
    for name in kept:
        op.execute(f'CREATE TEMPORARY TABLE "keep_{name}" AS SELECT * FROM "{name}"')
    yield
    for name in reversed(kept):
        op.execute(f'DELETE FROM "{name}"')
    for name in kept:
        op.execute(f'INSERT INTO "{name}" SELECT * FROM "keep_{name}"')
        op.execute(f'DROP TABLE "keep_{name}"')
