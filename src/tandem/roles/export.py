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


LETTER_COLOURS = {"A": "#1d2127", "R": "#2f5fd0", "C": "#9db5ef", "I": "#dfe6f7"}


def matrix_png(m: Matrix) -> bytes:
    """The matrix as a heatmap image: activities down, people across, each letter a coloured
    cell (A darkest), for slides and documents."""
    from tandem.market import chartkit

    people = m.people or []
    width = max(6.0, 3.2 + 0.9 * len(people))
    height = max(2.5, 0.9 + 0.28 * len(m.activities))
    with chartkit.figure(width=width, height=height) as fig:
        if not people or not m.activities:
            chartkit.empty(fig, "No one holds a role yet: the matrix is empty.")
            return chartkit.save(fig, "png")
        ax = fig.add_subplot()
        for row, activity in enumerate(m.activities):
            given = m.letters.get(activity.name, {})
            for col, person in enumerate(people):
                letter = given.get(person.id, "")
                if not letter:
                    continue
                ax.add_patch(_cell(col, row, LETTER_COLOURS.get(letter, "#eeeeee")))
                ax.text(col, row, letter, ha="center", va="center", fontsize=8,
                        fontweight="bold", color="#ffffff" if letter in "AR" else "#1d2127")
        ax.set_xlim(-0.5, len(people) - 0.5)
        ax.set_ylim(len(m.activities) - 0.5, -0.5)
        ax.set_xticks(range(len(people)), [p.name for p in people], fontsize=8)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(m.activities)),
                      [a.name if len(a.name) <= 40 else a.name[:39] + "…"
                       for a in m.activities], fontsize=7.5)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xticks([x - 0.5 for x in range(1, len(people))], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, len(m.activities))], minor=True)
        ax.grid(which="minor", color=chartkit.GRID, linewidth=0.6)
        return chartkit.save(fig, "png")


def _cell(col: int, row: int, colour: str) -> object:
    from matplotlib.patches import Rectangle

    return Rectangle((col - 0.45, row - 0.42), 0.9, 0.84, color=colour, linewidth=0)
