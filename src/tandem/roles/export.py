"""The RACI matrix as CSV, Markdown and a PNG heatmap, for spreadsheets and documents; each
under a lens (RACI, DACI or RAPID letters). Colours follow the RACI letter beneath, so the
heatmap reads the same under every lens."""

from __future__ import annotations

import csv
import io

from tandem.roles.lenses import Lens
from tandem.roles.service import Matrix


def _cells(m: Matrix, lens: Lens) -> tuple[list[str], list[list[str]]]:
    header = ["Activity", "Column", "Direction", *(p.name for p in m.people)]
    shown = m.cells(lens)
    rows = [[a.name, a.column, a.direction,
             *(shown.get(a.name, {}).get(p.id, ("", ""))[0] for p in m.people)]
            for a in m.activities]
    return header, rows


def matrix_csv(m: Matrix, lens: Lens = Lens.raci) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    header, rows = _cells(m, lens)
    writer.writerow(header)
    for row in rows:  # a cell starting with = + - @ would run as a formula in a spreadsheet
        writer.writerow(["'" + c if c and c[0] in "=+-@" else c for c in row])
    return out.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def matrix_markdown(m: Matrix, lens: Lens = Lens.raci) -> str:
    header, rows = _cells(m, lens)
    lines = ["| " + " | ".join(_md(h) for h in header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


LETTER_COLOURS = {"A": "#1d2127", "R": "#2f5fd0", "C": "#9db5ef", "I": "#dfe6f7"}


def matrix_png(m: Matrix, lens: Lens = Lens.raci) -> bytes:
    """The matrix as a heatmap image: activities down, people across, each letter a coloured
    cell (A darkest), for slides and documents; a dot where the lens has no counterpart."""
    from tandem.market import chartkit

    people = m.people or []
    width = max(6.0, 3.2 + 0.9 * len(people))
    height = max(2.5, 0.9 + 0.28 * len(m.activities))
    with chartkit.figure(width=width, height=height) as fig:
        if not people or not m.activities:
            chartkit.empty(fig, "No one holds a role yet: the matrix is empty.")
            return chartkit.save(fig, "png")
        ax = fig.add_subplot()
        shown = m.cells(lens)
        for row, activity in enumerate(m.activities):
            given = shown.get(activity.name, {})
            for col, person in enumerate(people):
                letter, raci = given.get(person.id, ("", ""))
                if not raci:
                    continue
                ax.add_patch(_cell(col, row, LETTER_COLOURS.get(raci, "#eeeeee")))
                ax.text(col, row, letter or "·", ha="center", va="center", fontsize=8,
                        fontweight="bold", color="#ffffff" if raci in "AR" else "#1d2127")
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
