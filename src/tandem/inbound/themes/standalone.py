"""`tandem themes discover` without a workspace: a CSV in, the same rows out with a theme each.

Reads the whole file (UTF-8, a leading BOM allowed), embeds the chosen column with the
configured embedder, runs the engine and writes every input row in input order with two
added columns, `theme_id` (1 = largest theme; empty for unsorted rows and blank texts) and
`theme_label`. Bad input stops before anything is written, naming the file, line and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tandem.errors import Invalid
from tandem.inbound.themes import engine
from tandem.storage.embedder import Embedder, Vectors

ADDED = ("theme_id", "theme_label")
MAX_ROWS = 1_000_000
MAX_FIELD = 100_000  # characters in one cell
EMBED_BATCH = 1024


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass
class Outcome:
    rows: int
    themes: int
    unsorted: int


def read_table(path: Path, column: str) -> Table:
    """Every row of the CSV; Invalid on anything that would make the output wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise Invalid(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise Invalid(f"{path}: is a folder, not a CSV file.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise Invalid(f"{path.name}: line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} "
                      f"at offset {exc.start}); save the file as UTF-8.") from None
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise Invalid(f"{path.name}: the file is empty; it needs a header row.") from None
    except csv.Error as exc:
        raise Invalid(f"{path.name}: line 1: {exc}.") from None
    header = [h.strip() for h in header]
    if column not in header:
        raise Invalid(f"{path.name}: no column '{column}' in the header (columns: "
                      f"{', '.join(repr(h) for h in header) or 'none'}); choose one with "
                      "--text-column.", "text_column")
    clash = [name for name in ADDED if name in header]
    if clash:
        raise Invalid(f"{path.name}: the file already has a '{clash[0]}' column; rename it "
                      "so the output can add its own.", clash[0])
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise Invalid(f"{path.name}: more than {MAX_ROWS:,} rows; split the file.")
            if len(row) > len(header):
                raise Invalid(f"{path.name}: line {reader.line_num}: {len(row)} values for "
                              f"{len(header)} columns (is a comma inside unquoted text?).")
            rows.append(row + [""] * (len(header) - len(row)))
    except csv.Error as exc:
        raise Invalid(f"{path.name}: line {reader.line_num}: {exc}.") from None
    return Table(header, rows)


def discover_file(source: Path, out: Path, column: str, embedder: Embedder,
                  progress: Callable[[str, int, int], None] | None = None) -> Outcome:
    """Themes for the `column` of `source`, written to `out` (see the module docstring)."""
    table = read_table(source, column)
    index = table.header.index(column)
    texted = [i for i, row in enumerate(table.rows) if row[index].strip()]
    texts = [table.rows[i][index] for i in texted]
    chunks: list[Vectors] = []
    for start in range(0, len(texts), EMBED_BATCH):
        chunks.append(embedder.embed(texts[start:start + EMBED_BATCH]))
        if progress is not None:
            progress("Embedding", min(start + EMBED_BATCH, len(texts)), len(texts))
    vectors = np.vstack(chunks) if chunks else np.zeros((0, embedder.dim), np.float32)
    if progress is not None:
        progress("Finding themes", 0, 1)
    found = engine.discover(vectors, texts)
    theme_of = {row: int(found.labels[slot]) for slot, row in enumerate(texted)}
    labels = [t.label for t in found.themes]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([*table.header, *ADDED])
    unsorted = 0
    for number, row in enumerate(table.rows):
        theme = theme_of.get(number, engine.UNSORTED)
        if theme == engine.UNSORTED:
            unsorted += 1
            writer.writerow([*row, "", ""])
        else:
            writer.writerow([*row, str(theme + 1), labels[theme]])
    out.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return Outcome(len(table.rows), len(found.themes), unsorted)
