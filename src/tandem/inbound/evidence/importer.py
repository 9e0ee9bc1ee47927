"""Bulk import of evidence from CSV: every row checked first, then all written or none.

With `skip_invalid` the valid rows are written and each skipped row is reported with its
line number, column and reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import ValidationError

from tandem.errors import Invalid
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.platform.policy import Action
from tandem.schema import friendly_error
from tandem.scope import Scope

COLUMNS = ("text", "source", "customer_company", "customer_contact", "received_on", "tags")
MAX_ROWS = 100_000
BATCH = 500  # rows written per flush


@dataclass
class RowProblem:
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column '{self.field}'" if self.field else "")
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    created: int = 0
    skipped: list[RowProblem] = field(default_factory=list)


def parse_csv(text: str, source_name: str = "CSV") -> tuple[list[tuple[int, EvidenceCreate]],
                                                             list[RowProblem]]:
    """Validate every row; returns (line, row) pairs and the problems found."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise Invalid(f"{source_name}: line 1: {exc}.") from None
    if "text" not in header:
        raise Invalid(f"{source_name}: the header must have a 'text' column "
                      f"(known columns: {', '.join(COLUMNS)}).", "text")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise Invalid(f"{source_name}: unknown column(s) {', '.join(unknown)} "
                      f"(known: {', '.join(COLUMNS)}).", unknown[0])
    rows: list[tuple[int, EvidenceCreate]] = []
    problems: list[RowProblem] = []
    records = iter(reader)
    while True:
        try:
            raw = next(records)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a field over the size limit: the file is unreadable
            raise Invalid(f"{source_name}: line {reader.line_num + 1}: {exc}.") from None
        number = reader.line_num
        if len(rows) + len(problems) >= MAX_ROWS:
            raise Invalid(f"{source_name}: more than {MAX_ROWS} rows; split the file.")
        if None in raw:
            problems.append(RowProblem(number, None, "more values than the header has "
                                       "columns (is a comma inside unquoted text?)"))
            continue
        values = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(values.values()):
            continue
        cleaned = {k: v for k, v in values.items() if v != "" or k == "text"}
        try:
            body = EvidenceCreate.model_validate(cleaned)
            for rule in evidence.rules:
                rule(body.model_dump())
            rows.append((number, body))
        except ValidationError as exc:
            err = exc.errors()[0]
            column = str(err["loc"][0]) if err["loc"] else None
            problems.append(RowProblem(number, column, friendly_error(err, "value")))
        except Invalid as exc:
            problems.append(RowProblem(number, exc.field, exc.message))
    return rows, problems


def import_csv(scope: Scope, text: str, source_name: str = "CSV",
               skip_invalid: bool = False,
               progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Write the valid rows; `progress(done, total)` is called as rows are written."""
    scope.require(Action.import_data)  # before parsing: a viewer learns nothing of the file
    rows, problems = parse_csv(text, source_name)
    if problems and not skip_invalid:
        shown = "; ".join(str(p).rstrip(".") for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise Invalid(f"{source_name}: {len(problems)} invalid row(s), nothing imported: "
                      f"{shown}{more}.", problems[0].field)
    result = ImportResult(skipped=problems)
    for start in range(0, len(rows), BATCH):
        batch = [body for _, body in rows[start:start + BATCH]]
        evidence.create_many(scope, batch)
        result.created += len(batch)
        if progress is not None:
            progress(result.created, len(rows))
    return result
