"""Bulk import of evidence from a file on disk: checked whole, then written in batches.

First every record is read and checked (nothing is written); unless `skip_invalid`, one bad
record stops the import with every problem named (line, column, reason), so nothing is
half-imported. Then the valid rows are written in batches, each batch in its own short
transaction: the database is never locked for long, and a batch skips items the workspace
already has (their import key), so the same file imported twice, or an interrupted import
run again, adds nothing.

A file up to `IN_MEMORY_BYTES` and `IN_MEMORY_ROWS` keeps its checked rows from the first
pass and writes them as they are; a larger one is read again for the writing pass
(streaming, so memory stays flat whatever the file's size). Both write the same rows in the
same batches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tandem.errors import Conflict, Invalid
from tandem.inbound.evidence import formats
from tandem.inbound.evidence.models import Evidence, Source
from tandem.inbound.evidence.reading import Problem, Reader, Record, open_reader, preview
from tandem.inbound.evidence.rows import Plan, Row, make_row
from tandem.inbound.evidence.service import evidence
from tandem.platform.policy import Action
from tandem.scope import Scope

BATCH = 500  # rows written per transaction
SHOWN = 200  # problems kept for the report (all are counted)
CHECKED_SHARE = 30  # percent of the progress bar the checking pass takes
# Files up to this size and row count are parsed once: their checked rows (a Row and its
# EvidenceCreate each, about 1.7 kB of Python objects for a short item: 20,000 rows of a
# 4.3 MB file added 33 MB of RSS) stay in memory for the writing pass. Parsing and checking
# a row cost as much as storing it, so reading the file again made a small import much
# slower than needed; past either bound the file is read twice instead, to keep memory flat
# (the row bound is for files of many tiny rows, whose objects outweigh their bytes).
IN_MEMORY_BYTES = 4 * 1024 * 1024
IN_MEMORY_ROWS = 20_000

Progress = Callable[[int, str], None]  # (percent, message)
Transaction = Callable[[], AbstractContextManager[Scope]]


def _quiet(percent: int, message: str) -> None:
    pass


@dataclass(frozen=True)
class Request:
    """What to import and how: the file's name, and the person's choices."""

    name: str
    format: str | None = None
    preset: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    skip_invalid: bool = False

    def as_args(self) -> dict[str, Any]:
        return {"name": self.name, "format": self.format, "preset": self.preset,
                "map": self.overrides, "skip_invalid": self.skip_invalid}

    @classmethod
    def of_args(cls, args: dict[str, Any]) -> Request:
        return cls(str(args["name"]), args.get("format"), args.get("preset"),
                   dict(args.get("map") or {}), bool(args.get("skip_invalid")))


@dataclass
class Layout:
    """The file as understood: its format, columns and the field each column feeds."""

    format: str
    columns: list[str]
    plan: Plan
    preset: formats.Preset | None


@dataclass
class Kept:
    """The checked rows of a small file, for the writing pass; `rows` becomes None (and
    the rows are let go) once there are more than IN_MEMORY_ROWS."""

    rows: list[Row] | None = field(default_factory=list)

    def add(self, row: Row) -> None:
        if self.rows is None:
            return
        if len(self.rows) >= IN_MEMORY_ROWS:
            self.rows = None
        else:
            self.rows.append(row)


@dataclass
class Report:
    rows: int = 0
    new: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    rejected: int = 0

    def as_result(self, name: str, layout: Layout) -> dict[str, Any]:
        return {"file": name, "format": layout.format,
                "preset": layout.preset.name if layout.preset else "",
                "rows": self.rows, "new": self.new, "duplicates": self.duplicates,
                "rejected": self.rejected,
                "problems": [str(p) for p in self.problems[:SHOWN]]}


def layout_of(path: Path, request: Request, need_text: bool = True) -> Layout:
    """Read the file's head: its format, columns and mapping; Invalid when it cannot be
    imported at all (unknown preset or format, wrong encoding, no text column unless
    `need_text` is off, for the mapping page where the person picks one)."""
    chosen = formats.preset(request.preset)
    with path.open("rb") as raw:
        head = raw.read(64)
    fmt = formats.format_of(request.name, head, request.format, chosen)
    with open_reader(path, request.name, fmt) as reader:
        columns = reader.columns
    detected = formats.detect(columns, chosen)
    mapping = formats.apply_overrides(detected, request.overrides, columns, request.name)
    if need_text:
        formats.require_text(mapping, columns, request.name)
    source = chosen.source if chosen else Source.other
    return Layout(fmt, columns, Plan(mapping, source, chosen.name if chosen else ""), chosen)


def sample(path: Path, request: Request, layout: Layout, count: int = 5
           ) -> list[Record | Problem]:
    """The first records, for the preview on the mapping page."""
    return preview(path, request.name, layout.format, count)[1]


def _rows(reader: Reader, plan: Plan) -> Iterator[Row | Problem]:
    for item in reader.records():
        yield item if isinstance(item, Problem) else make_row(item, plan)


def check(path: Path, request: Request, layout: Layout, progress: Progress = _quiet,
          keep: Kept | None = None) -> Report:
    """The first pass: every record made into evidence and checked; nothing written. The
    valid rows are kept in `keep` when given (a small file's single pass)."""
    report = Report()
    with open_reader(path, request.name, layout.format) as reader:
        for number, item in enumerate(_rows(reader, layout.plan), start=1):
            report.rows += 1
            if isinstance(item, Problem):
                report.rejected += 1
                if len(report.problems) < SHOWN:
                    report.problems.append(item)
            elif keep is not None:
                keep.add(item)
            if number % 5000 == 0:
                progress(int(reader.done() * CHECKED_SHARE),
                         f"Checked {number:,} rows of {request.name}")
    if report.rows == 0:
        raise Invalid(f"{request.name} has no rows to import.", "file")
    return report


def refuse(name: str, report: Report) -> Invalid:
    """All or nothing: the message that lists the problems when any row is invalid."""
    shown = "; ".join(str(p) for p in report.problems[:5])
    more = f" (and {report.rejected - 5} more)" if report.rejected > 5 else ""
    first = report.problems[0]
    return Invalid(f"{name}: {report.rejected} invalid row(s), nothing imported: "
                   f"{shown}{more}.", first.column)


def _write_batch(scope: Scope, batch: list[Row]) -> tuple[int, int]:
    """Create the rows the workspace does not have yet; (new, duplicates)."""
    keys = [row.key for row in batch]
    have = set(scope.session.scalars(select(Evidence.import_key).where(
        Evidence.workspace_id == scope.workspace_id, Evidence.import_key.in_(keys))))
    fresh: dict[str, Row] = {}
    for row in batch:
        if row.key not in have:
            fresh.setdefault(row.key, row)
    if fresh:
        evidence.insert_many(scope, [r.body for r in fresh.values()],
                             [{"import_key": key} for key in fresh])
    return len(fresh), len(batch) - len(fresh)


def write(transaction: Transaction, rows: Iterable[Row], report: Report,
          progress: Progress = _quiet, done: Callable[[], float] = lambda: 1.0) -> Report:
    """The second pass: valid rows written in batches, one short transaction each; `done`
    is the share of the rows gone by (0 to 1), for progress."""
    def flush(batch: list[Row]) -> None:
        for attempt in (1, 2):
            try:
                with transaction() as scope:
                    new, same = _write_batch(scope, batch)
                break
            except Conflict:  # another import wrote one of these keys meanwhile: look again
                if attempt == 2:
                    raise
        report.new += new
        report.duplicates += same

    batch: list[Row] = []
    for item in rows:
        batch.append(item)
        if len(batch) >= BATCH:
            flush(batch)
            batch = []
            share = CHECKED_SHARE + int(done() * (99 - CHECKED_SHARE))
            progress(share, f"{report.new:,} new, {report.duplicates:,} already there")
    if batch:
        flush(batch)
    return report


def _read_again(path: Path, request: Request, layout: Layout, report: Report,
                progress: Progress, transaction: Transaction) -> None:
    """A large file's writing pass: read and made into rows again, streaming."""
    with open_reader(path, request.name, layout.format) as reader:
        valid = (item for item in _rows(reader, layout.plan) if isinstance(item, Row))
        write(transaction, valid, report, progress, reader.done)


def import_file(transaction: Transaction, path: Path, request: Request,
                progress: Progress = _quiet) -> dict[str, Any]:
    """Check then write the file; the report as a job stores it. Invalid when the file
    cannot be read or (without `skip_invalid`) any row is invalid: then nothing is written."""
    with transaction() as scope:
        scope.require(Action.import_data)
        scope.require(Action.create, evidence)
    layout = layout_of(path, request)
    progress(0, f"Checking {request.name}")
    keep = Kept() if path.stat().st_size <= IN_MEMORY_BYTES else None
    report = check(path, request, layout, progress, keep)
    if report.rejected and not request.skip_invalid:
        raise refuse(request.name, report)
    progress(CHECKED_SHARE, f"Writing {report.rows - report.rejected:,} rows")
    kept = keep.rows if keep is not None else None
    if kept is None:
        _read_again(path, request, layout, report, progress, transaction)
    else:
        total = max(len(kept), 1)
        write(transaction, kept, report, progress,
              lambda: (report.new + report.duplicates) / total)
    progress(99, f"{report.new:,} new, {report.duplicates:,} already there, "
             f"{report.rejected:,} rejected")
    return report.as_result(request.name, layout)
