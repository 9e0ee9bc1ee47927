"""Charts of the pricing curves, drawn with matplotlib as SVG or PNG bytes (no database).

The web shows the SVG; the same bytes are the SVG export and the PNG export is the same
figure rasterised at twice the size. Figures are built without pyplot, so rendering on a
request thread is safe.
"""

from __future__ import annotations

import itertools
from typing import Any

from tandem.market.chartkit import (
    BLUE,
    FORMATS,
    GREEN,
    GRID,
    INK,
    MUTED,
    ORANGE,
    empty,
    figure,
    right_axis,
    save,
)
from tandem.market.pricing import calc

__all__ = ["FORMATS", "gabor_granger_chart", "newton_miller_smith_chart",
           "van_westendorp_chart"]


def _money(value: float) -> str:
    return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def _axes(fig: Any, xlabel: str, ylabel: str) -> Any:
    from matplotlib.ticker import PercentFormatter

    ax = fig.add_subplot()
    ax.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    return ax


def van_westendorp_chart(result: calc.VanWestendorp, fmt: str = "svg",
                         currency: str = "") -> bytes:
    """The four curves, the acceptable range shaded light, the optimal zone darker, and the
    four crossing points (narrow definition) marked and labelled."""
    with figure() as fig:
        curves = result.curves
        if curves is None:
            empty(fig, "No chart: " + result.points["opp"].reason + ".")
            return save(fig, fmt)
        ax = _axes(fig, f"Price{f' ({currency})' if currency else ''}",
                   "Share of respondents")
        span = result.acceptable_range
        if span is not None:
            ax.axvspan(*span, color="#f1f1ec", zorder=0, label="Acceptable range (PMC-PME)")
        zone = result.optimal_zone
        if zone is not None and zone[0] != zone[1]:
            low, high = sorted(zone)
            ax.axvspan(low, high, color="#dfe7d9", zorder=0, label="Optimal zone (OPP-IPP)")
        p = curves.prices
        ax.plot(p, curves.too_cheap, color=BLUE, linestyle="--", linewidth=1.8,
                label="Too cheap")
        ax.plot(p, curves.cheap, color=BLUE, linewidth=2.2, label="Cheap")
        ax.plot(p, curves.expensive, color=ORANGE, linewidth=2.2, label="Expensive")
        ax.plot(p, curves.too_expensive, color=ORANGE, linestyle="--", linewidth=1.8,
                label="Too expensive")
        _mark_points(ax, result)
        ax.set_ylim(0, 1.02)
        ax.set_xlim(p[0], _view_top(curves))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, frameon=False,
                  fontsize=8.5, handlelength=2.2, columnspacing=1.6)
        return save(fig, fmt)


def _view_top(curves: calc.Curves) -> float:
    """Where the x axis ends: just past the price 98 % call too expensive, so a few very
    high answers do not squeeze the part of the chart that matters."""
    import numpy as np

    reach = int(np.searchsorted(np.asarray(curves.too_expensive), 0.98))
    top = curves.prices[min(reach, len(curves.prices) - 1)]
    return float(min(curves.prices[-1], top * 1.1))


def _mark_points(ax: Any, result: calc.VanWestendorp) -> None:
    """A dot where each crossing is; its label on a row of its own near the top (lowest
    price highest), joined to the dot by a thin line, so close points never overlap."""
    import numpy as np

    curves = result.curves
    assert curves is not None
    heights = {"opp": curves.too_cheap, "ipp": curves.cheap, "pmc": curves.too_cheap,
               "pme": curves.cheap}
    found = sorted((price, name) for name in heights
                   if (price := result.price(name)) is not None)
    for row, (price, name) in enumerate(found):
        y = float(np.interp(price, curves.prices, heights[name]))
        label_y = 0.95 - 0.085 * row
        ax.plot([price, price], [y, label_y], color=MUTED, linewidth=0.8, linestyle=":",
                zorder=4)
        ax.plot([price], [y], marker="o", markersize=6, color=INK, zorder=5)
        ax.annotate(f"{name.upper()} {_money(price)}", (price, label_y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9, color=INK,
                    fontweight="bold", zorder=6,
                    bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": GRID})


def newton_miller_smith_chart(result: calc.VanWestendorp, fmt: str = "svg",
                              currency: str = "") -> bytes:
    """Trial share (left axis) and revenue per respondent (right axis) by price."""
    with figure() as fig:
        nms = result.nms
        if nms is None:
            empty(fig, "No purchase-intent columns: map intent_cheap and "
                           "intent_expensive to see trial and revenue.")
            return save(fig, fmt)
        ax = _axes(fig, f"Price{f' ({currency})' if currency else ''}", "Trial (would buy)")
        ax.plot(nms.prices, nms.trial, color=BLUE, linewidth=2.2, label="Trial")
        ax.set_ylim(0, max(max(nms.trial) * 1.2, 0.05))
        right = right_axis(ax)
        right.plot(nms.prices, nms.revenue, color=GREEN, linewidth=2.2, label="Revenue")
        right.set_ylabel("Revenue per respondent", color=MUTED)
        right.set_ylim(0, max(max(nms.revenue) * 1.2, 0.01))
        best = nms.revenue_price
        right.axvline(best, color=GREEN, linestyle=":", linewidth=1.4)
        right.annotate(f"Most revenue at {_money(best)}", (best, max(nms.revenue)),
                       xytext=(8, 6), textcoords="offset points", color=GREEN,
                       fontweight="bold", fontsize=9)
        lines = ax.get_lines() + right.get_lines()[:1]
        ax.legend(lines, [line.get_label() for line in lines], loc="upper center",
                  bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False, fontsize=8.5)
        ax.set_xlim(nms.prices[0], nms.prices[-1])
        return save(fig, fmt)


def gabor_granger_chart(result: calc.GaborGranger, fmt: str = "svg",
                        currency: str = "") -> bytes:
    """Demand as answered (dots) and made non-increasing (line) on the left axis, revenue
    per respondent as bars on the right, the revenue-maximising price marked."""
    with figure() as fig:
        if not result.points:
            empty(fig, "No chart: " + (result.reason or "no valid rows") + ".")
            return save(fig, fmt)
        prices = [p.price for p in result.points]
        ax = _axes(fig, f"Price{f' ({currency})' if currency else ''}", "Would buy")
        right = right_axis(ax)
        step = min((b - a for a, b in itertools.pairwise(prices)), default=1.0)
        colors = [GREEN if p.price == result.optimal_price else "#cfd8c9"
                  for p in result.points]
        right.bar(prices, [p.revenue for p in result.points], width=step * 0.55,
                  color=colors, zorder=1, label="Revenue per respondent")
        right.set_ylabel("Revenue per respondent", color=MUTED)
        best = result.max_revenue or 0.0
        right.set_ylim(0, max(best * 1.25, 0.01))
        ax.set_zorder(right.get_zorder() + 1)
        ax.patch.set_visible(False)
        ax.plot(prices, [p.demand for p in result.points], color=BLUE, linewidth=2.2,
                marker="o", markersize=4, label="Demand (non-increasing)")
        if result.smoothed:
            ax.scatter(prices, [p.raw for p in result.points], color=ORANGE, marker="x",
                       s=36, zorder=6, label="Demand as answered")
        ax.set_ylim(0, 1.02)
        if result.optimal_price is not None:
            right.annotate(f"Most revenue at {_money(result.optimal_price)}",
                           (result.optimal_price, best), xytext=(0, 6),
                           textcoords="offset points", ha="center", color=GREEN,
                           fontweight="bold", fontsize=9)
        handles = ax.get_legend_handles_labels()
        bars = right.get_legend_handles_labels()
        ax.legend(handles[0] + bars[0], handles[1] + bars[1], loc="upper center",
                  bbox_to_anchor=(0.5, -0.14), ncol=3, frameon=False, fontsize=8.5)
        return save(fig, fmt)
