"""Segment criteria: a few field / operator / value rows, all of which a company must meet.

Pure (no database): `check` turns stored or submitted rows into `Criterion` objects or says
which row and which part is wrong; `matches` tests one company's facts (a mapping from
field name to value, as `facts_of` reads them off a company record). Rows are joined by AND;
a company whose value for a field is unknown (empty) meets no row about that field, not
even a negative one, so "region is not EMEA" counts only companies known to be elsewhere.
Text is compared trimmed and case-insensitively; `one of` takes comma-separated values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

MAX_ROWS = 12
MAX_VALUE = 200


class CriterionField(StrEnum):
    industry = "industry"
    employees = "employees"
    region = "region"
    plan = "plan"
    stage = "stage"
    arr = "arr"


class Operator(StrEnum):
    is_ = "is"
    is_not = "is_not"
    one_of = "one_of"
    none_of = "none_of"
    contains = "contains"
    at_least = "at_least"
    at_most = "at_most"
    between = "between"


NUMERIC = frozenset({CriterionField.employees, CriterionField.arr})
TEXT_OPS = (Operator.is_, Operator.is_not, Operator.one_of, Operator.none_of,
            Operator.contains)
NUMBER_OPS = (Operator.is_, Operator.is_not, Operator.at_least, Operator.at_most,
              Operator.between)

FIELD_LABELS = {CriterionField.industry: "Industry", CriterionField.employees: "Employees",
                CriterionField.region: "Region", CriterionField.plan: "Plan",
                CriterionField.stage: "Lifecycle stage", CriterionField.arr: "ARR"}
OP_LABELS = {Operator.is_: "is", Operator.is_not: "is not", Operator.one_of: "is one of",
             Operator.none_of: "is none of", Operator.contains: "contains",
             Operator.at_least: "is at least", Operator.at_most: "is at most",
             Operator.between: "is between"}

_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([km]?)\s*$", re.IGNORECASE)
_RANGE = re.compile(r"^\s*(.+?)\s*(?:-|\u2013|\.\.|\bto\b|\band\b)\s*(.+?)\s*$", re.IGNORECASE)


class CriteriaError(ValueError):
    """A row that cannot be used; `index` is 0-based and `part` is field, op or value."""

    def __init__(self, index: int, part: str, message: str) -> None:
        super().__init__(message)
        self.index, self.part, self.message = index, part, message

    @property
    def where(self) -> str:
        return f"criteria[{self.index}].{self.part}"


@dataclass(frozen=True)
class Criterion:
    field: CriterionField
    op: Operator
    value: str
    low: float | None = None  # numbers parsed from `value` for numeric fields
    high: float | None = None

    def describe(self) -> str:
        return f"{FIELD_LABELS[self.field]} {OP_LABELS[self.op]} {self.value}"


def number(text: str) -> float | None:
    """'250', '1,200', '50k', '2.5m' -> a number; anything else None."""
    found = _NUMBER.match(text.replace(",", "").replace("_", ""))
    if found is None:
        return None
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[found.group(2).lower()]
    return float(found.group(1)) * scale


def _bounds(index: int, field: CriterionField, op: Operator, value: str
            ) -> tuple[float | None, float | None]:
    if op is Operator.between:
        found = _RANGE.match(value)
        low = number(found.group(1)) if found else None
        high = number(found.group(2)) if found else None
        if low is None or high is None:
            raise CriteriaError(index, "value", f"Row {index + 1}: give two numbers, like "
                                f"'50-500' (not '{value[:40]}').")
        if low > high:
            raise CriteriaError(index, "value", f"Row {index + 1}: the lower number comes "
                                "first.")
        return low, high
    found_number = number(value)
    if found_number is None:
        raise CriteriaError(index, "value", f"Row {index + 1}: {FIELD_LABELS[field]} is a "
                            f"number, like 250 or 50k (not '{value[:40]}').")
    return found_number, found_number


def check(rows: Sequence[Mapping[str, Any]]) -> list[Criterion]:
    """Rows as sent or stored -> criteria; CriteriaError names the first bad row and part."""
    if len(rows) > MAX_ROWS:
        raise CriteriaError(MAX_ROWS, "field", f"At most {MAX_ROWS} criteria.")
    found = []
    for index, row in enumerate(rows):
        try:
            field = CriterionField(str(row.get("field", "")))
        except ValueError:
            raise CriteriaError(index, "field", f"Row {index + 1}: choose a field (one of "
                                f"{', '.join(f.value for f in CriterionField)}).") from None
        try:
            op = Operator(str(row.get("op", "")))
        except ValueError:
            raise CriteriaError(index, "op", f"Row {index + 1}: choose an operator.") from None
        allowed = NUMBER_OPS if field in NUMERIC else TEXT_OPS
        if op not in allowed:
            raise CriteriaError(index, "op", f"Row {index + 1}: {FIELD_LABELS[field]} takes "
                                f"{', '.join(OP_LABELS[o] for o in allowed)}.")
        value = str(row.get("value", "")).strip()
        if not value:
            raise CriteriaError(index, "value", f"Row {index + 1}: give a value.")
        if len(value) > MAX_VALUE:
            raise CriteriaError(index, "value", f"Row {index + 1}: at most {MAX_VALUE} "
                                "characters.")
        low = high = None
        if field in NUMERIC:
            low, high = _bounds(index, field, op, value)
        found.append(Criterion(field, op, value, low, high))
    return found


def _choices(value: str) -> set[str]:
    return {part.strip().lower() for part in value.split(",") if part.strip()}


def meets(criterion: Criterion, actual: Any) -> bool:
    """Whether one known-or-unknown value meets one criterion."""
    if actual is None or (isinstance(actual, str) and not actual.strip()):
        return False
    op = criterion.op
    if criterion.field in NUMERIC:
        amount = float(actual)
        low, high = criterion.low, criterion.high
        assert low is not None and high is not None  # set by check() for numeric fields
        return {Operator.is_: amount == low, Operator.is_not: amount != low,
                Operator.at_least: amount >= low, Operator.at_most: amount <= high,
                Operator.between: low <= amount <= high}[op]
    text, wanted = str(actual).strip().lower(), criterion.value.strip().lower()
    if op is Operator.is_:
        return text == wanted
    if op is Operator.is_not:
        return text != wanted
    if op is Operator.one_of:
        return text in _choices(criterion.value)
    if op is Operator.none_of:
        return text not in _choices(criterion.value)
    return wanted in text  # contains


def matches(criteria: Sequence[Criterion], facts: Mapping[str, Any]) -> bool:
    """Every criterion met; no criteria match nothing (a segment without criteria has only
    the companies assigned to it)."""
    return bool(criteria) and all(meets(c, facts.get(c.field.value)) for c in criteria)


def matching(criteria: Sequence[Criterion], companies: Iterable[Mapping[str, Any]]
             ) -> list[int]:
    """The positions of the companies that meet every criterion."""
    return [i for i, facts in enumerate(companies) if matches(criteria, facts)]


def facts_of(company: Any) -> dict[str, Any]:
    """The values criteria read, off a company record (or anything with those attributes)."""
    return {f.value: getattr(company, f.value, None) for f in CriterionField}


def describe(criteria: Sequence[Criterion]) -> str:
    return " and ".join(c.describe() for c in criteria)
