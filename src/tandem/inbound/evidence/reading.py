"""Reading an import file record by record, in bounded memory, whatever its size.

CSV (comma or tab), JSON (an array of objects, an object holding one such array as an API
page does, or one object per line) and plain text (one item per paragraph). Each record
comes with the line it starts on (for a JSON array: its position, "record 12"), its values
as strings keyed by column (nested JSON keys joined with dots, lists joined with commas).

A file that cannot be read at all (wrong encoding, malformed JSON, a broken CSV quote)
raises Invalid naming the file and the line; a record that is wrong on its own (more values
than the header has columns, a JSON value that is not an object) comes back as a `Problem`
for the caller to report, so one bad row does not hide the others.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

import ijson
import ijson.backends.python as ijson_python

from tandem.errors import Invalid

MAX_FIELD = 1024 * 1024  # one CSV field; past this the file is refused, not read into memory
MAX_PARAGRAPH = 256 * 1024  # plain text: a longer paragraph is cut here (and then rejected)
PREVIEW_RECORDS = 50  # JSON: records looked at to list the columns
WRAPPER_KEYS = ("tickets", "results", "items", "data", "records", "posts", "reviews", "notes",
                "conversations")

csv.field_size_limit(MAX_FIELD)


@dataclass
class Record:
    line: int
    values: dict[str, str]
    unit: str = "line"  # "line", or "record" for the items of a JSON array

    @property
    def where(self) -> str:
        return f"{self.unit} {self.line}"


@dataclass
class Problem:
    """A record that cannot become evidence: where, which column (if one), and why."""

    line: int
    column: str | None
    message: str
    unit: str = "line"

    def __str__(self) -> str:
        where = f"{self.unit} {self.line}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.message.rstrip('.')}"


Item = Record | Problem


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def _bad_encoding(path: Path, name: str, encoding: str) -> Invalid:
    """Where the first byte that is not valid text sits: found again line by line, since
    the decoder reads ahead in blocks."""
    if encoding == "utf-16":
        return Invalid(f"{name} is not valid UTF-16 text: save it as UTF-8 and try again.",
                       "file")
    with path.open("rb") as raw:
        for number, line in enumerate(raw, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                return Invalid(f"{name}: line {number}: not UTF-8 text (byte 0x"
                               f"{line[exc.start]:02x} at character {exc.start + 1}): save the "
                               "file as UTF-8 (in a spreadsheet: 'CSV UTF-8') and try again.",
                               "file")
    return Invalid(f"{name} is not UTF-8 text: save it as UTF-8 and try again.", "file")


class Reader:
    """One pass over a file: `columns`, then `records()`; `done()` is the share of bytes
    read so far (0 to 1), for progress."""

    columns: list[str]

    def __init__(self, path: Path, name: str) -> None:
        self.path = path
        self.name = name
        self._raw: IO[bytes] = path.open("rb")
        self._size = max(path.stat().st_size, 1)
        head = self._raw.read(4)
        self._raw.seek(0)
        self.encoding = _encoding(head)

    def done(self) -> float:
        try:
            return min(1.0, self._raw.tell() / self._size)
        except (OSError, ValueError):
            return 1.0

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def records(self) -> Iterator[Item]:
        try:
            yield from self._records()
        except UnicodeDecodeError:
            raise _bad_encoding(self.path, self.name, self.encoding) from None

    def _records(self) -> Iterator[Item]:
        raise NotImplementedError

    def _text(self) -> io.TextIOWrapper:
        return io.TextIOWrapper(self._raw, encoding=self.encoding, errors="strict", newline="")


class CsvReader(Reader):
    def __init__(self, path: Path, name: str) -> None:
        super().__init__(path, name)
        self._stream = self._text()
        try:
            first = self._stream.readline()
        except UnicodeDecodeError:
            self.close()
            raise _bad_encoding(path, name, self.encoding) from None
        if not first.strip():
            self.close()
            raise Invalid(f"{name} is empty: it needs a header row, then one row per item.",
                          "file")
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        self._reader = csv.reader(_chain(first, self._stream), delimiter=delimiter)
        try:
            header = next(self._reader)
        except csv.Error as exc:
            self.close()
            raise Invalid(f"{name}: line 1: {exc}.", "file") from None
        self.columns = [h.strip() for h in header]

    def _records(self) -> Iterator[Item]:
        reader, header = self._reader, self.columns
        width = len(header)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise Invalid(f"{self.name}: line {reader.line_num + 1}: {exc}.",
                              "file") from None
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > width:
                yield Problem(reader.line_num, None, "more values than the header has "
                              "columns (is a comma inside unquoted text?)")
                continue
            yield Record(reader.line_num, dict(zip(header, row, strict=False)))


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest


def flatten(obj: dict[str, Any], prefix: str = "",
            into: dict[str, str] | None = None) -> dict[str, str]:
    """{"requester": {"email": "a@b"}, "tags": ["x", "y"]} -> {"requester.email": "a@b",
    "tags": "x, y"}; lists of objects are left out (they are threads, not fields)."""
    out: dict[str, str] = {} if into is None else into
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flatten(value, name + ".", out)
        elif isinstance(value, list):
            if all(not isinstance(v, dict | list) for v in value):
                out[name] = ", ".join("" if v is None else str(v) for v in value)
        elif value is None:
            out[name] = ""
        elif isinstance(value, bool):
            out[name] = "true" if value else "false"
        else:
            out[name] = str(value)
    return out


class JsonReader(Reader):
    """An array, an object holding one array (`{"tickets": [...]}`), or JSON lines."""

    def __init__(self, path: Path, name: str) -> None:
        super().__init__(path, name)
        if self.encoding != "utf-8-sig":
            self.close()
            raise Invalid(f"{name}: JSON must be UTF-8 text; save it as UTF-8.", "file")
        self._prefix: str | None = None  # ijson path of the records; None: JSON lines
        self._skip = 0
        head = self._raw.read(65536)
        self._raw.seek(0)
        if head.startswith(codecs.BOM_UTF8):
            self._skip = 3
        start = head[self._skip:].lstrip()[:1]
        if not start:
            self.close()
            raise Invalid(f"{name} is empty.", "file")
        if start == b"[":
            self._prefix = "item"
        elif start == b"{":
            self._prefix = self._wrapper_key()
        else:
            self.close()
            raise Invalid(f"{name}: line 1: malformed JSON: it must start with [ or {{, "
                          f"not '{start.decode('latin-1')}'.", "file")
        self.columns = self._columns()

    def _wrapper_key(self) -> str | None:
        """None for JSON lines; else the path of the records inside the one object."""
        self._raw.seek(self._skip)
        first = self._raw.readline(MAX_FIELD)
        self._raw.seek(0)
        try:
            obj = json.loads(first)
        except (ValueError, UnicodeDecodeError):
            obj = None  # an object over several lines: a wrapper, looked into below
        if isinstance(obj, dict):
            for key, value in obj.items():
                if isinstance(value, list) and value and isinstance(value[0], dict):
                    return f"{key}.item"
            return None
        try:
            for prefix, event, _value in ijson.parse(self._open_body()):
                if event == "start_array" and prefix and "." not in prefix:
                    return f"{prefix}.item"
        except ijson.JSONError as exc:
            raise self._malformed(exc) from None
        raise Invalid(f"{self.name}: found no list of records in the JSON object "
                      f"(expected a key such as {', '.join(WRAPPER_KEYS[:4])}).", "file")

    def _open_body(self) -> IO[bytes]:
        self._raw.seek(self._skip)
        return self._raw

    def _columns(self) -> list[str]:
        seen: dict[str, None] = {}
        for item in islice(self._iterate(), PREVIEW_RECORDS):
            if isinstance(item, Record):
                seen.update(dict.fromkeys(item.values))
        self._raw.seek(0)
        return list(seen)

    def _records(self) -> Iterator[Item]:
        yield from self._iterate()

    def _iterate(self) -> Iterator[Item]:
        if self._prefix is None:
            yield from self._lines()
            return
        number = 0
        try:
            for obj in ijson.items(self._open_body(), self._prefix, use_float=True):
                number += 1
                if not isinstance(obj, dict):
                    yield Problem(number, None, "is not a JSON object", "record")
                    continue
                yield Record(number, flatten(obj), "record")
        except ijson.JSONError as exc:
            raise self._malformed(exc) from None

    def _lines(self) -> Iterator[Item]:
        raw = self._open_body()
        for number, line in enumerate(iter(lambda: raw.readline(MAX_FIELD + 1), b""), 1):
            if len(line) > MAX_FIELD:
                raise Invalid(f"{self.name}: line {number}: longer than "
                              f"{MAX_FIELD // 1024} kB.", "file")
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except UnicodeDecodeError:
                raise _bad_encoding(self.path, self.name, self.encoding) from None
            except json.JSONDecodeError as exc:
                raise Invalid(f"{self.name}: line {number}: malformed JSON: {exc.msg} "
                              f"(character {exc.colno}).", "file") from None
            if not isinstance(obj, dict):
                yield Problem(number, None, "is not a JSON object")
                continue
            yield Record(number, flatten(obj))

    def _malformed(self, exc: Exception) -> Invalid:
        """The fast parser does not say where; the pure-Python one does (as a character
        offset), so on error the file is read again to name the line."""
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        offset: int | None = None
        with self.path.open("rb") as again:
            again.seek(self._skip)
            try:
                for _ in ijson_python.parse(again):
                    pass
            except ijson.JSONError as slow:
                reason = str(slow).splitlines()[0]
                tail = reason.rsplit(" at ", 1)
                if len(tail) == 2 and tail[1].isdigit():
                    offset = int(tail[1])
                    reason = tail[0]
            except UnicodeDecodeError:
                return _bad_encoding(self.path, self.name, self.encoding)
        line = _line_at(self.path, offset, self._skip) if offset is not None else None
        where = f"line {line}: " if line is not None else ""
        return Invalid(f"{self.name}: {where}malformed JSON: {reason.rstrip('.')}.", "file")


def _line_at(path: Path, offset: int, skip: int) -> int:
    """The line holding character `offset` of the file (after a BOM of `skip` bytes)."""
    line, seen = 1, 0
    with path.open(encoding="utf-8", errors="replace", newline="") as text:
        if skip:
            text.read(1)
        while True:
            block = text.read(65536)
            if not block:
                return line
            if seen + len(block) > offset:
                return line + block.count("\n", 0, offset - seen)
            line += block.count("\n")
            seen += len(block)


class TextReader(Reader):
    """One item per paragraph: lines up to a blank line."""

    def __init__(self, path: Path, name: str) -> None:
        super().__init__(path, name)
        self.columns = ["text"]

    def _records(self) -> Iterator[Item]:
        start, size = 0, 0
        parts: list[str] = []
        number = 0
        for number, line in enumerate(self._text(), start=1):
            if line.strip():
                if not parts:
                    start = number
                if size < MAX_PARAGRAPH:
                    parts.append(line.strip())
                    size += len(line)
            elif parts:
                yield Record(start, {"text": "\n".join(parts)})
                parts, size = [], 0
        if parts:
            yield Record(start, {"text": "\n".join(parts)})


def open_reader(path: Path, name: str, fmt: str) -> Reader:
    """A reader for `fmt` ("csv", "json" or "text"); Invalid when the file cannot be read."""
    if path.stat().st_size == 0:
        raise Invalid(f"{name} is empty.", "file")
    if fmt == "json":
        return JsonReader(path, name)
    if fmt == "text":
        return TextReader(path, name)
    return CsvReader(path, name)


def preview(path: Path, name: str, fmt: str, rows: int = 5) -> tuple[list[str], list[Item]]:
    """The columns and the first few records, for the mapping page."""
    with open_reader(path, name, fmt) as reader:
        return reader.columns, list(islice(reader.records(), rows))
