"""Custom scoring formulas: a small, safe arithmetic language over named fields.

A formula such as `reach * impact * confidence / 100 / effort` is parsed by a Lark LALR
grammar (never Python's eval or ast), checked against the fields and functions it may use,
and evaluated on plain floats. Everything a hostile formula could try is refused with a
`FormulaError` that names the 1-based position in the text:

- attribute access, indexing, strings, imports, lambdas: not in the grammar (a syntax error);
- unknown fields or functions, or a function given the wrong number of arguments;
- nesting deeper than MAX_DEPTH, text longer than MAX_LENGTH;
- division by zero, overflow (`9^9^9`), or any result that is not a finite number.

Comparisons give 1 or 0, so `if(effort > 3, reach / 2, reach)` works.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

MAX_LENGTH = 500
MAX_DEPTH = 24  # brackets
MAX_TREE_DEPTH = 100  # operators chained, e.g. 1+1+1+... or ------1

_GRAMMAR = r"""
?start: compare
?compare: sum
    | sum COMPARE sum -> cmp
?sum: product
    | sum ADD product -> binary
?product: unary
    | product MUL unary -> binary
?unary: power
    | NEG unary -> negate
?power: atom
    | atom POW unary -> binary
?atom: NUMBER -> number
    | NAME -> field
    | NAME "(" [compare ("," compare)*] ")" -> call
    | "(" compare ")"
COMPARE: ">=" | "<=" | "==" | "!=" | ">" | "<"
ADD: "+" | "-"
MUL: "*" | "/"
POW: "^"
NEG: "-"
NAME: /[a-z_][a-z0-9_]*/i
NUMBER: /(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/
%ignore /[ \t\r\n]+/
"""


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(_GRAMMAR, parser="lalr", propagate_positions=True, maybe_placeholders=False)


class FormulaError(ValueError):
    """A formula that cannot be parsed or evaluated; `position` is 1-based (0: whole text)."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        if self.position:
            return f"{self.message} (at position {self.position})"
        return self.message


def _if(cond: float, yes: float, no: float) -> float:
    return yes if cond != 0 else no


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _round(value: float, digits: float = 0) -> float:
    return float(round(value, int(_clamp(digits, -12, 12))))


# name -> (function, fewest arguments, most arguments)
FUNCTIONS: dict[str, tuple[Callable[..., float], int, int]] = {
    "min": (min, 1, 32),
    "max": (max, 1, 32),
    "abs": (abs, 1, 1),
    "sqrt": (math.sqrt, 1, 1),
    "ln": (math.log, 1, 1),
    "log10": (math.log10, 1, 1),
    "round": (_round, 1, 2),
    "clamp": (_clamp, 3, 3),
    "if": (_if, 3, 3),
}

_BINARY: dict[str, Callable[[float, float], float]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "^": operator.pow,
}
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt, "<": operator.lt, ">=": operator.ge, "<=": operator.le,
    "==": operator.eq, "!=": operator.ne,
}


@dataclass(frozen=True)
class Formula:
    """A parsed formula: evaluate it as often as needed with `evaluate(values)`."""

    text: str
    tree: Tree[Token]
    fields: frozenset[str]  # the fields it reads

    def evaluate(self, values: Mapping[str, float]) -> float:
        """The formula's value; every field it reads must be in `values`."""
        result = _Evaluator(values).eval(self.tree)
        if not math.isfinite(result):
            raise FormulaError("The result is not a finite number.")
        return result


def _depth_of(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


def _syntax_error(exc: UnexpectedInput, text: str) -> FormulaError:
    position = int(getattr(exc, "column", 0) or 0)
    if isinstance(exc, UnexpectedEOF) or (
            isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        return FormulaError("The formula ends too early.", len(text) + 1)
    if isinstance(exc, UnexpectedCharacters):
        where = exc.pos_in_stream or 0
        return FormulaError(f"{text[where]!r} is not allowed here.", position)
    if isinstance(exc, UnexpectedToken):
        return FormulaError(f"Unexpected '{exc.token}'.", position)
    return FormulaError("The formula is not valid.", position)


def parse(text: str, fields: Collection[str]) -> Formula:
    """Parse `text`, allowing only `fields` and FUNCTIONS; raises FormulaError."""
    if not text.strip():
        raise FormulaError("The formula is empty.")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"A formula has at most {MAX_LENGTH} characters.", MAX_LENGTH + 1)
    if "\n" in text or "\r" in text:
        raise FormulaError("A formula is one line.", min(i + 1 for i, c in enumerate(text)
                                                          if c in "\r\n"))
    if _depth_of(text) > MAX_DEPTH:
        raise FormulaError(f"Brackets nest at most {MAX_DEPTH} deep.")
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        raise _syntax_error(exc, text) from None
    used = _check(tree, frozenset(fields))
    return Formula(text, tree, used)


def _check(tree: Tree[Token] | Token, allowed: frozenset[str]) -> frozenset[str]:
    """Names resolved against `allowed` and FUNCTIONS; returns the fields used."""
    used: set[str] = set()
    stack: list[tuple[Tree[Token] | Token, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, Tree):
            continue
        if depth > MAX_TREE_DEPTH:
            raise FormulaError("The formula chains too many operations; split it up.",
                               _column(node.meta) if not node.meta.empty else 0)
        if node.data == "field":
            name = node.children[0]
            if name not in allowed:
                hint = f" Fields: {', '.join(sorted(allowed))}." if allowed else ""
                if name in FUNCTIONS:
                    raise FormulaError(f"'{name}' is a function: write {name}(...).",
                                       _column(name))
                raise FormulaError(f"Unknown field '{name}'.{hint}", _column(name))
            used.add(str(name))
        elif node.data == "call":
            name, *args = node.children
            spec = FUNCTIONS.get(str(name))
            if spec is None:
                raise FormulaError(f"Unknown function '{name}'. Functions: "
                                   f"{', '.join(sorted(FUNCTIONS))}.", _column(name))
            _fn, low, high = spec
            if not low <= len(args) <= high:
                wanted = str(low) if low == high else f"{low} to {high}"
                raise FormulaError(f"{name}() takes {wanted} argument(s), not {len(args)}.",
                                   _column(name))
        stack.extend((child, depth + 1) for child in node.children)
    return frozenset(used)


def _column(token: Any) -> int:
    return int(getattr(token, "column", 0) or 0)


class _Evaluator:
    """Walks the tree with an explicit depth bound (the grammar's nesting is capped)."""

    def __init__(self, values: Mapping[str, float]) -> None:
        self.values = values

    def eval(self, node: Tree[Token] | Token) -> float:
        if isinstance(node, Token):  # a bare parenthesised atom never reaches here
            raise FormulaError("The formula is not valid.", _column(node))
        kind = node.data
        if kind == "number":
            value = float(str(node.children[0]))
            if not math.isfinite(value):
                raise FormulaError("The number is too large.", _column(node.children[0]))
            return value
        if kind == "field":
            return float(self.values[str(node.children[0])])
        if kind == "negate":
            return -self.eval(node.children[1])
        if kind == "binary":
            left, op, right = node.children
            return self._binary(str(op), self.eval(left), self.eval(right), _column(op))
        if kind == "cmp":
            left, op, right = node.children
            return 1.0 if _COMPARE[str(op)](self.eval(left), self.eval(right)) else 0.0
        if kind == "call":
            func, *args = node.children
            fn = FUNCTIONS[str(func)][0]
            try:
                return float(fn(*(self.eval(a) for a in args)))
            except (ValueError, OverflowError):
                raise FormulaError(f"{func}() cannot take these values.", _column(func)) from None
        raise FormulaError("The formula is not valid.")

    @staticmethod
    def _binary(op: str, left: float, right: float, position: int) -> float:
        if op == "/" and right == 0:
            raise FormulaError("Division by zero.", position)
        if op == "^":
            if left == 0 and right < 0:
                raise FormulaError("Zero to a negative power.", position)
            if left < 0 and not float(right).is_integer():
                raise FormulaError("A negative number to a fractional power.", position)
        try:
            result = _BINARY[op](left, right)
        except OverflowError:
            raise FormulaError("The number grows too large.", position) from None
        if isinstance(result, complex) or not math.isfinite(result):
            raise FormulaError("The number grows too large.", position)
        return float(result)
