"""How the CLI prints: Rich tables for people, plain JSON for scripts, one red line per error.

Messages never go through Rich markup, so text like `objects.evidence[0]` prints as is.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

WIDE_MIN = 30
NARROW_MIN = 8


def print_json(data: Any) -> None:
    """Machine output: plain JSON on stdout, no colours, no wrapping."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def success(message: str) -> None:
    out.print(Text(message, style="green"), soft_wrap=True)


def info(message: str, *, to_stderr: bool = False) -> None:
    (err if to_stderr else out).print(Text(message), soft_wrap=True)


def warn(message: str) -> None:
    err.print(Text(message, style="yellow"), soft_wrap=True)


def error_line(message: str) -> None:
    """One red line on stderr, however long the message: never wrapped, never split."""
    flat = " ".join(message.split())
    err.print(Text("Error: ", style="bold red") + Text(flat, style="red"), soft_wrap=True)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " ".join(str(value).split())


def _fit(natural: dict[str, int], keep: set[str], wide: set[str], room: int) -> dict[str, int]:
    """Column widths that fit `room`: wide columns give way first (down to WIDE_MIN), then
    the others not kept whole (down to NARROW_MIN), then wide ones again."""
    widths = dict(natural)
    excess = sum(widths.values()) - room
    steps = ((wide, WIDE_MIN), (set(widths) - keep - wide, NARROW_MIN), (wide, NARROW_MIN))
    for names, floor in steps:
        while excess > 0:
            candidates = [n for n in names if widths[n] > floor]
            if not candidates:
                break
            widest = max(candidates, key=lambda n: widths[n])
            widths[widest] -= 1
            excess -= 1
    return widths


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
          wide: Iterable[str] = (), keep: Iterable[str] = ()) -> None:
    """A compact table, one line per row, fitted to the terminal.

    Columns in `wide` (long text) give up width first, then columns not in `keep`; cut
    text ends in an ellipsis. Full values are in `show` and in --json output.
    """
    cells = [[cell(v) for v in row] for row in rows]
    natural = {name: max([len(name), *(len(r[i]) for r in cells)])
               for i, name in enumerate(columns)}
    room = out.width - 3 * (len(columns) - 1)
    widths = _fit(natural, set(keep) | {columns[0]}, set(wide), room)
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for name in columns:
        grid.add_column(name, no_wrap=True, overflow="ellipsis", max_width=widths[name])
    for row in cells:
        grid.add_row(*(Text(v) for v in row))
    out.print(grid)


def details(item: dict[str, Any], *, title: str | None = None) -> None:
    """One object as a two-column table, long text wrapped rather than cut."""
    grid = Table(title=title, title_justify="left", show_header=False)
    grid.add_column("field", style="bold")
    grid.add_column("value", overflow="fold")
    for key, value in item.items():
        grid.add_row(key, Text(cell(value) if not isinstance(value, str) else value))
    out.print(grid)


def page_footer(shown: int, total: int, offset: int, next_offset: int | None) -> None:
    if total == 0:
        info("Nothing found.")
        return
    span = f"{offset + 1}-{offset + shown}" if shown else "none"
    more = f" Next page: --offset {next_offset}." if next_offset is not None else ""
    info(f"Showing {span} of {total}.{more}")


def read_password(from_stdin: bool, label: str = "Password") -> str:
    """From the first line of stdin, or asked twice with hidden input."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt(label, hide_input=True, confirmation_prompt=True)
    return password


@contextmanager
def working(description: str) -> Iterator[Callable[[int, int], None]]:
    """A live bar on stderr while a long step runs; nothing at all when not on a terminal.

    Yields `advance(done, total)`; until it is called the bar just pulses.
    """
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
                  disable=not err.is_terminal) as progress:
        task = progress.add_task(description, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance
