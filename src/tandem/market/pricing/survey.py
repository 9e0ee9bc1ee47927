"""Survey CSV files: which column holds which answer, every row checked, bad rows reported.

Pure (no database): the web, the API, the CLI's standalone commands and the tests all read a
survey through `analyse`. A row with a missing, non-numeric, negative or out-of-order answer
is left out and reported with its line and column, never a crash.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from tandem.errors import Invalid
from tandem.market.pricing import calc

T = TypeVar("T")
MAX_ROWS = 50_000
MAX_COLUMN = 200  # characters in a column name


class Method(StrEnum):
    van_westendorp = "van_westendorp"
    gabor_granger = "gabor_granger"


METHOD_LABELS = {Method.van_westendorp: "Van Westendorp", Method.gabor_granger: "Gabor-Granger"}

# Each method's fields: name -> (required, what it holds). Columns default to the field name.
FIELDS: dict[Method, dict[str, tuple[bool, str]]] = {
    Method.van_westendorp: {
        "too_cheap": (True, "the price so low they would doubt the quality"),
        "cheap": (True, "a bargain: a great buy for the money"),
        "expensive": (True, "getting expensive, but they would still consider it"),
        "too_expensive": (True, "so expensive they would not consider it"),
        "intent_cheap": (False, "purchase intent at their cheap price, 1-5 (Newton-Miller-Smith)"),
        "intent_expensive": (False, "purchase intent at their expensive price, 1-5"),
    },
    Method.gabor_granger: {
        "price": (True, "the price asked"),
        "share": (False, "share who would buy at that price (0-1 or 45%), one row per price"),
        "buy": (False, "yes / no, one row per respondent and price asked"),
        "respondents": (False, "how many were asked at that price (weights the share)"),
        "respondent": (False, "who answered, with buy: counts people rather than answers"),
    },
}
_CURRENCY = re.compile(r"^[\s$€£¥]*|\s*(usd|eur|gbp)?\s*$", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_YES = {"yes", "y", "1", "true", "t"}
_NO = {"no", "n", "0", "false", "f"}


@dataclass
class RowProblem:
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column '{self.field}'" if self.field else "")
        return f"{where}: {self.message}"


@dataclass
class Analysis:
    """A survey read and analysed: the result, the columns used and every row left out."""

    method: Method
    mapping: dict[str, str]
    rows: int  # data rows read (blank lines aside)
    problems: list[RowProblem] = field(default_factory=list)
    van_westendorp: calc.VanWestendorp | None = None
    gabor_granger: calc.GaborGranger | None = None
    people: int | None = None  # distinct respondents, when rows are answers (Gabor-Granger)

    @property
    def dropped(self) -> int:
        """Rows left out (for one-row-per-answer Gabor-Granger, answers left out)."""
        return len({p.line for p in self.problems})

    @property
    def respondents(self) -> int:
        return self.people if self.people is not None else self.rows - self.dropped


def normal(name: str) -> str:
    """'Too Cheap' and 'too-cheap' both find the field too_cheap."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def resolve_mapping(method: Method, header: list[str],
                    given: Mapping[str, str] | None = None) -> dict[str, str]:
    """Field -> column: the given mapping, else the column named like the field. Invalid,
    naming the field and listing the file's columns, when a needed column is missing."""
    fields = FIELDS[method]
    given = {k: v.strip() for k, v in (given or {}).items() if v and v.strip()}
    unknown = sorted(set(given) - set(fields))
    if unknown:
        raise Invalid(f"'{unknown[0]}' is not a {METHOD_LABELS[method]} field (known: "
                      f"{', '.join(fields)}).", unknown[0])
    by_normal = {normal(h): h for h in header}
    mapping: dict[str, str] = {}
    shown = ", ".join(header) or "none"
    for name, (required, _) in fields.items():
        if name in given:
            if given[name] not in header:
                raise Invalid(f"Column '{given[name]}' for {name} is not in the file "
                              f"(its columns: {shown}).", name)
            mapping[name] = given[name]
        elif name in by_normal:
            mapping[name] = by_normal[name]
        elif required:
            raise Invalid(f"No column for {name} ({fields[name][1]}): name it in the "
                          f"mapping (the file's columns: {shown}).", name)
    if method is Method.gabor_granger and ("share" in mapping) == ("buy" in mapping):
        raise Invalid("Gabor-Granger needs either a share column (one row per price) or a "
                      f"buy column (one row per respondent and price), not {'both' if mapping.get('share') else 'neither'} "  # noqa: E501
                      f"(the file's columns: {shown}).", "share")
    if ("intent_cheap" in mapping) != ("intent_expensive" in mapping):
        raise Invalid("Newton-Miller-Smith needs both intent_cheap and intent_expensive "
                      "columns, or neither.", "intent_expensive")
    return mapping


def parse_price(raw: str) -> float:
    """'12', '12.50', '$12', '€1,200' -> a number; ValueError with the reason otherwise."""
    text = _CURRENCY.sub("", raw.strip())
    if not text:
        raise ValueError("is empty")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{raw.strip()[:40]}' is not a price") from None
    if not math.isfinite(value):
        raise ValueError(f"'{raw.strip()[:40]}' is not a price")
    if value < 0:
        raise ValueError(f"{value:g} is negative")
    return value


def parse_share(raw: str) -> float:
    text = raw.strip()
    percent = text.endswith("%")
    try:
        value = float(text.rstrip("%").strip()) / (100 if percent else 1)
    except ValueError:
        raise ValueError(f"'{text[:40]}' is not a share (0-1 or a percentage)") from None
    if not (math.isfinite(value) and 0 <= value <= 1):
        raise ValueError(f"'{text[:40]}' is not between 0 and 1 (or 0% and 100%)")
    return value


def parse_buy(raw: str) -> bool:
    text = raw.strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"'{raw.strip()[:40]}' is not yes or no")


def parse_intent(raw: str) -> int:
    text = raw.strip()
    if text not in {"1", "2", "3", "4", "5"}:
        raise ValueError(f"'{text[:40]}' is not an answer from 1 to 5" if text else "is empty")
    return int(text)


def parse_count(raw: str) -> float:
    text = raw.strip()
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"'{text[:40]}' is not a whole number of 1 or more")
    return float(text)


def read_table(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and (line, values) of each non-blank row; Invalid for an unreadable file."""
    if "\x00" in text:
        raise Invalid("The file holds NUL characters, so it is not a text CSV: save it as "
                      "'CSV UTF-8' and try again.", "file")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise Invalid(f"line 1: {exc}.", "file") from None
    if not header:
        raise Invalid("The file is empty: it needs a header row and one row per answer.", "file")
    if any(len(h) > MAX_COLUMN for h in header):
        raise Invalid(f"A column name is longer than {MAX_COLUMN} characters.", "file")
    rows: list[tuple[int, dict[str, str]]] = []
    records = iter(reader)
    while True:
        try:
            raw = next(records)
        except StopIteration:
            break
        except csv.Error as exc:
            raise Invalid(f"line {reader.line_num + 1}: {exc}.", "file") from None
        values = {(k or "").strip(): (v or "").strip() if isinstance(v, str) else ""
                  for k, v in raw.items()}
        if not any(values.values()):
            continue
        if len(rows) >= MAX_ROWS:
            raise Invalid(f"More than {MAX_ROWS:,} rows: split the survey.", "file")
        rows.append((reader.line_num, values))
    return header, rows


def header_of(text: str) -> list[str]:
    return read_table(text)[0]


def _field(values: dict[str, str], column: str, name: str, parse: Callable[[str], T],
           line: int, problems: list[RowProblem]) -> T | None:
    try:
        return parse(values.get(column, ""))
    except ValueError as exc:
        problems.append(RowProblem(line, column, f"{name} {exc}"))
        return None


def analyse(method: Method, text: str, mapping: Mapping[str, str] | None = None) -> Analysis:
    """Read `text` (CSV with a header) with `mapping` (field -> column) and analyse it."""
    header, rows = read_table(text)
    used = resolve_mapping(method, header, mapping)
    if method is Method.van_westendorp:
        return _van_westendorp(used, rows)
    return _gabor_granger(used, rows)


def _van_westendorp(used: dict[str, str], rows: list[tuple[int, dict[str, str]]]) -> Analysis:
    result = Analysis(Method.van_westendorp, used, len(rows))
    answers: dict[str, list[float]] = {name: [] for name in calc.ANSWERS}
    intents: dict[str, list[int]] = {"intent_cheap": [], "intent_expensive": []}
    with_intent = "intent_cheap" in used
    for line, values in rows:
        found: list[RowProblem] = []
        prices = [_field(values, used[n], n.replace("_", " "), parse_price, line, found)
                  for n in calc.ANSWERS]
        wanted = [_field(values, used[n], n.replace("_", " "), parse_intent, line, found)
                  for n in intents] if with_intent else []
        numbers = [p for p in prices if p is not None]
        if not found:
            found.extend(_out_of_order(line, used, numbers))
        if found:
            result.problems.extend(found)
            continue
        for name, price in zip(calc.ANSWERS, numbers, strict=True):
            answers[name].append(price)
        for name, answer in zip(intents, wanted, strict=False):
            intents[name].append(answer or 0)
    result.van_westendorp = calc.van_westendorp(
        answers["too_cheap"], answers["cheap"], answers["expensive"], answers["too_expensive"],
        intent_cheap=intents["intent_cheap"] if with_intent else None,
        intent_expensive=intents["intent_expensive"] if with_intent else None)
    return result


def _out_of_order(line: int, used: dict[str, str], prices: list[float]) -> list[RowProblem]:
    """The first answer lower than the one before it (too cheap <= cheap <= expensive <=
    too expensive), as a problem on that answer's column."""
    names = calc.ANSWERS
    for i in range(1, len(names)):
        if prices[i - 1] > prices[i]:
            before, here = names[i - 1].replace("_", " "), names[i].replace("_", " ")
            return [RowProblem(line, used[names[i]], f"out of order: {here} {prices[i]:g} is "
                               f"below {before} {prices[i - 1]:g}")]
    return []


def _gabor_granger(used: dict[str, str], rows: list[tuple[int, dict[str, str]]]) -> Analysis:
    result = Analysis(Method.gabor_granger, used, len(rows))
    per_respondent = "buy" in used
    prices: list[float] = []
    values_out: list[float] = []
    weights: list[float] = []
    seen: dict[float, int] = {}
    people: set[str] = set()
    for line, values in rows:
        found: list[RowProblem] = []
        price = _field(values, used["price"], "price", parse_price, line, found)
        value: float | bool | None = (
            _field(values, used["buy"], "buy", parse_buy, line, found) if per_respondent
            else _field(values, used["share"], "share", parse_share, line, found))
        weight = (_field(values, used["respondents"], "respondents", parse_count, line, found)
                  if "respondents" in used and not per_respondent else 1.0)
        if price is not None and not per_respondent and price in seen:
            found.append(RowProblem(line, used["price"], f"price {price:g} is already on "
                                    f"line {seen[price]}"))
        if found or price is None or value is None or weight is None:
            result.problems.extend(found)
            continue
        seen.setdefault(price, line)
        if per_respondent and "respondent" in used:
            people.add(values.get(used["respondent"], ""))
        prices.append(price)
        values_out.append(float(value))
        weights.append(weight)
    if per_respondent and "respondent" in used:
        result.people = len(people)
    if per_respondent:
        grid, shares, asked = calc.demand_from_answers(prices, [v > 0 for v in values_out])
        result.gabor_granger = calc.gabor_granger(grid, shares, asked)
    else:
        result.gabor_granger = calc.gabor_granger(prices, values_out, weights)
    return result
