"""Custom formulas: valid arithmetic evaluates like a calculator; everything else is a
FormulaError naming where it went wrong, and nothing ever runs as code."""

from __future__ import annotations

import math

import pytest

from tandem.inbound.scoring.formula import MAX_LENGTH, FormulaError, parse

FIELDS = {"reach", "impact", "confidence", "effort"}
VALUES = {"reach": 1000.0, "impact": 2.0, "confidence": 80.0, "effort": 4.0}


@pytest.mark.parametrize(("text", "expected"), [
    ("reach * impact * confidence / 100 / effort", 400.0),
    ("1 + 2 * 3", 7.0),
    ("(1 + 2) * 3", 9.0),
    ("10 - 4 - 3", 3.0),  # left to right
    ("2 ^ 3 ^ 2", 512.0),  # right to left
    ("-2 ^ 2", -4.0),  # power binds tighter than the sign
    ("2 ^ -1", 0.5),
    ("-(-3)", 3.0),
    (".5 * 4", 2.0),
    ("1e3 / effort", 250.0),
    ("max(reach, 5000) / min(effort, 2)", 2500.0),
    ("if(effort > 3, reach / 2, reach)", 500.0),
    ("if(effort >= 5, 1, 0) + (impact == 2) + (impact != 2)", 1.0),
    ("round(reach / 3, 1)", 333.3),
    ("clamp(reach, 0, 100) + abs(-1) + sqrt(16) + log10(100)", 107.0),
    ("ln(1)", 0.0),
])
def test_valid_formulas_evaluate(text: str, expected: float) -> None:
    assert parse(text, FIELDS).evaluate(VALUES) == pytest.approx(expected)


def test_a_formula_knows_the_fields_it_reads() -> None:
    assert parse("reach / effort + 1", FIELDS).fields == {"reach", "effort"}
    assert parse("42", FIELDS).fields == frozenset()


@pytest.mark.parametrize(("text", "message", "position"), [
    ("", "empty", 0),
    ("reach +", "ends too early", 8),
    ("reach * (impact + 2", "ends too early", 20),
    ("reach impact", "Unexpected 'impact'", 7),
    ("reech * 2", "Unknown field 'reech'", 1),
    ("reach * frobnicate(2)", "Unknown function 'frobnicate'", 9),
    ("max()", "takes 1 to 32 argument(s), not 0", 1),
    ("if(1, 2)", "takes 3 argument(s), not 2", 1),
    ("min", "is a function", 1),
    ("reach / (effort - 4)", "Division by zero", 7),
    ("0 ^ -1", "Zero to a negative power", 3),
    ("(0 - 8) ^ 0.5", "fractional power", 9),
    ("9 ^ 9 ^ 9", "too large", 3),
    ("1e999", "too large", 1),
    ("sqrt(0 - 1)", "cannot take these values", 1),
    ("ln(0)", "cannot take these values", 1),
    ("reach\n+ 1", "one line", 6),
])
def test_errors_name_the_position(text: str, message: str, position: int) -> None:
    with pytest.raises(FormulaError) as caught:
        parse(text, FIELDS).evaluate(VALUES)
    assert message in caught.value.message
    assert caught.value.position == position


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')",
    "reach.__class__.__bases__",
    "reach[0]",
    "lambda: 1",
    "open('/etc/passwd')",
    "exec('1')",
    "reach; 1",
    "reach = 1",
    "'text'",
    "reach if 1 else 2",
    "[1, 2]",
    "{1: 2}",
    "f'{reach}'",
])
def test_hostile_formulas_are_refused_without_running(text: str) -> None:
    with pytest.raises(FormulaError):
        parse(text, FIELDS).evaluate(VALUES)


def test_nesting_and_length_are_bounded() -> None:
    with pytest.raises(FormulaError, match="nest"):
        parse("(" * 30 + "1" + ")" * 30, FIELDS)
    with pytest.raises(FormulaError, match="chains too many"):
        parse("-" * 300 + "1", FIELDS)
    with pytest.raises(FormulaError, match="at most"):
        parse("1+" * MAX_LENGTH + "1", FIELDS)
    assert parse("(" * 20 + "1" + ")" * 20, FIELDS).evaluate({}) == 1.0


def test_results_are_always_finite() -> None:
    formula = parse("reach * reach * reach * reach", FIELDS)
    with pytest.raises(FormulaError):
        formula.evaluate({"reach": 1e100})
    assert math.isfinite(formula.evaluate({"reach": 10.0}))
