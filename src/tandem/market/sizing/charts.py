"""The sizing chart (no database): each tier as a row of low, base and high bars on a log
scale, so a SOM a hundredth of the TAM still shows, each bar labelled with its value."""

from __future__ import annotations

from typing import Any

from tandem.market.chartkit import BLUE, GREEN, GRID, INK, MUTED, empty, figure, save
from tandem.market.sizing.calc import SCENARIOS, Sizing, Unit, compact

COLORS = {"low": "#c9d6f3", "base": BLUE, "high": GREEN}


def sizing_chart(result: Sizing | None, fmt: str = "svg", currency: str = "",
                 note: str = "") -> bytes:
    with figure(8.0, 3.8) as fig:
        if result is None:
            empty(fig, note or "Nothing to size yet.")
            return save(fig, fmt)
        ax: Any = fig.add_subplot()
        tiers = [f.name for f in result.scenarios["base"]]
        height = 0.26
        top = max(f.value for s in SCENARIOS for f in result.scenarios[s])
        positive = [f.value for s in SCENARIOS for f in result.scenarios[s] if f.value > 0]
        if not positive:
            fig.clear()
            empty(fig, "Every figure is zero: check the inputs.")
            return save(fig, fmt)
        for i, scenario in enumerate(SCENARIOS):
            values = [f.value for f in result.scenarios[scenario]]
            ys = [row + (i - 1) * height for row in range(len(tiers))]
            ax.barh(ys, values, height=height * 0.92, color=COLORS[scenario],
                    label=scenario.title(), zorder=2)
            for y, value in zip(ys, values, strict=True):
                if value > 0:
                    ax.text(value * 1.08, y, compact(value, Unit.money, currency),
                            va="center", fontsize=8.5, color=INK if scenario == "base" else MUTED,
                            fontweight="bold" if scenario == "base" else "normal")
        ax.set_xscale("log")
        ax.set_xlim(min(positive) / 3, top * 8)
        ax.set_yticks(range(len(tiers)), tiers, fontsize=11, color=INK, fontweight="bold")
        ax.invert_yaxis()
        ax.grid(True, axis="x", color=GRID, linewidth=0.8, zorder=0)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_major_formatter(
            _formatter(lambda v: compact(v, Unit.money)))
        ax.set_xlabel(f"Yearly revenue{f' ({currency})' if currency else ''}, log scale")
        ax.legend(loc="lower right", frameon=False, fontsize=8.5, reverse=True)
        return save(fig, fmt)


def _formatter(fn: Any) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: fn(value))
