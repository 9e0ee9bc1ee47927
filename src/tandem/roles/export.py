"""The RACI matrix as CSV and Markdown, for spreadsheets and documents."""

from __future__ import annotations

import csv
import io

from tandem.roles.service import Matrix


def _cells(m: Matrix) -> tuple[list[str], list[list[str]]]:
    header = ["Activity", "Column", "Direction", *(p.name for p in m.people)]
    rows = [[a.name, a.column, a.direction,
             *(m.letters.get(a.name, {}).get(p.id, "") for p in m.people)]
            for a in m.activities]
    return header, rows


def matrix_csv(m: Matrix) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    header, rows = _cells(m)
    writer.writerow(header)
    for row in rows:  # a cell starting with = + - @ would run as a formula in a spreadsheet
        writer.writerow(["'" + c if c[:1] in "=+-@" else c for c in row])
    return out.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def matrix_markdown(m: Matrix) -> str:
    header, rows = _cells(m)
    lines = ["| " + " | ".join(_md(h) for h in header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
