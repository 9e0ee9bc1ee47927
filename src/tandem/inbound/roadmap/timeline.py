"""The roadmap as a timeline by month: each dated release on its own row, coloured by lane.

Pure drawing over plain rows (no database), so it is tested alone; the service turns the
board into rows. Releases with no date cannot sit on a timeline: they are counted under the
chart instead of being guessed into a month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tandem.market import chartkit

LANES = {"now": ("Now", chartkit.BLUE), "next": ("Next", chartkit.ORANGE),
         "later": ("Later", "#8a8f98"), "done": ("Done", chartkit.GREEN)}
ROW_INCHES = 0.34
MIN_MONTHS = 6


@dataclass(frozen=True)
class TimelineRow:
    name: str
    lane: str  # a key of LANES
    when: date | None  # ship date when shipped, else target date
    version: str = ""


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_span(days: Sequence[date], today: date) -> tuple[date, date]:
    """First days of the first and the last month shown: every date and today, a month of
    margin each side, and at least MIN_MONTHS months."""
    low = _add_months(_month_start(min([*days, today])), -1)
    high = _add_months(_month_start(max([*days, today])), 1)
    while (high.year - low.year) * 12 + high.month - low.month < MIN_MONTHS:
        high = _add_months(high, 1)
    return low, high


def render(rows: Sequence[TimelineRow], fmt: str, today: date) -> bytes:
    """The timeline as SVG, PNG or PDF."""
    dated = sorted((r for r in rows if r.when is not None),
                   key=lambda r: (r.when or date.min, r.name.lower()))
    undated = [r for r in rows if r.when is None]
    height = max(2.6, 1.5 + ROW_INCHES * len(dated))
    with chartkit.figure(height=height) as fig:
        if not dated:
            chartkit.empty(fig, "No release has a target or ship date yet: "
                                "give one a date to see it on the timeline.")
        else:
            _draw(fig, dated, undated, today)
        return chartkit.save(fig, fmt)


def _draw(fig: Any, dated: Sequence[TimelineRow], undated: Sequence[TimelineRow],
          today: date) -> None:
    from matplotlib.lines import Line2D

    ax = fig.add_subplot()
    low, high = month_span([r.when for r in dated if r.when is not None], today)
    ys = list(range(len(dated)))[::-1]  # the earliest release on top
    middle = low + (high - low) / 2
    for y, row in zip(ys, dated, strict=True):
        assert row.when is not None
        _, colour = LANES[row.lane]
        ax.plot([row.when], [y], marker="D", markersize=8, color=colour, linestyle="none")
        label = f"{row.name} {row.version}".strip()
        left = row.when > middle  # labels point inwards so they stay inside the chart
        ax.annotate(label if len(label) <= 48 else label[:47] + "…", (row.when, y),
                    xytext=(-8 if left else 8, 0), textcoords="offset points", va="center",
                    ha="right" if left else "left", fontsize=9, color=chartkit.INK)
    ax.axvline(today, color=chartkit.MUTED, linestyle=":", linewidth=1.2)
    ax.annotate("today", (today, len(dated) - 0.4), xytext=(3, 0), textcoords="offset points",
                fontsize=8, color=chartkit.MUTED)
    months = []
    cursor = low
    while cursor <= high:
        months.append(cursor)
        cursor = _add_months(cursor, 1)
    step = max(1, len(months) // 12)
    shown = months[::step]
    ax.set_xticks(shown, [m.strftime("%b\n%Y") if i == 0 or m.month <= step else
                          m.strftime("%b") for i, m in enumerate(shown)])
    ax.tick_params(axis="x", labelrotation=0, labelsize=8)
    ax.set_xlim(low, high)
    ax.set_ylim(-0.7, len(dated) - 0.3)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color=chartkit.GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    used = [lane for lane in LANES if any(r.lane == lane for r in dated)]
    ax.legend(handles=[Line2D([], [], marker="D", linestyle="none", color=LANES[lane][1],
                              label=LANES[lane][0]) for lane in used],
              loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=len(used), frameon=False,
              fontsize=9)
    if undated:
        names = ", ".join(r.name for r in undated[:4]) + (" …" if len(undated) > 4 else "")
        ax.set_title(f"No date yet ({len(undated)}): {names}", loc="left", fontsize=8,
                     color=chartkit.MUTED)
