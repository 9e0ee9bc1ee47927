"""What every chart drawn with matplotlib shares: Tandem's colours; SVG, PNG and PDF out.

Figures are built without pyplot, so rendering on a request thread is safe; SVG output
carries no date and fixed ids, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

WIDTH, HEIGHT = 8.0, 4.6  # inches; 100 px each on screen
INK = "#1d2127"
MUTED = "#667085"
GRID = "#e3e3dc"
BLUE = "#2f5fd0"
ORANGE = "#c2521b"
GREEN = "#4f6b45"
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans", "font.size": 10, "axes.edgecolor": GRID,
    "axes.labelcolor": MUTED, "xtick.color": MUTED, "ytick.color": MUTED,
    "axes.spines.top": False, "axes.spines.right": False, "svg.hashsalt": "tandem",
    "svg.fonttype": "path", "pdf.fonttype": 42,  # TrueType fonts embedded in PDFs
}
FORMATS = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}


@contextmanager
def figure(width: float = WIDTH, height: float = HEIGHT) -> Iterator[Any]:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        yield Figure(figsize=(width, height), layout="constrained")


def save(fig: Any, fmt: str) -> bytes:
    """The figure as SVG, PDF (fonts embedded), or PNG at twice the screen size."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be svg, png or pdf, not {fmt}")
    buffer = io.BytesIO()
    if fmt == "svg":
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    elif fmt == "pdf":
        fig.savefig(buffer, format="pdf", metadata={"CreationDate": None, "Creator": "Tandem"})
    else:
        fig.savefig(buffer, format="png", dpi=200, metadata={"Software": None})
    return buffer.getvalue()


def empty(fig: Any, note: str) -> None:
    """A chart with nothing to draw says why, in its middle."""
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, note, ha="center", va="center", color=MUTED, fontsize=12, wrap=True)


def right_axis(ax: Any) -> Any:
    """A second y axis on the right, drawn as quietly as the left one."""
    right = ax.twinx()
    right.spines["right"].set_visible(True)
    right.spines["right"].set_color(GRID)
    right.tick_params(colors=MUTED)
    return right
