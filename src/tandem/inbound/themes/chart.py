"""A theme's weekly trend as a small SVG sparkline, drawn on the server (no script).

Bars rather than a line: a week with nothing is a visible gap, and a single busy week does
not read as a slope. The last bar (the current week, still filling) is lighter. The SVG has
a title naming every week's count, so the chart is readable without seeing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import quoteattr

from markupsafe import Markup

BAR, GAP, HEIGHT = 6, 2, 24


def sparkline(counts: Sequence[int], starts: Sequence[date] = (), label: str = "") -> Markup:
    """Bars of `counts` (oldest first), scaled to the highest week."""
    n = len(counts)
    width = max(n * (BAR + GAP) - GAP, 1)
    high = max(counts, default=0)
    if len(starts) == n:
        described = ", ".join(f"{c} in the week of {s.day} {s:%b}"
                              for c, s in zip(counts, starts, strict=True))
    else:
        described = ", ".join(str(c) for c in counts)
    described = f"items per week, oldest first: {described}"
    title = f"{label}: {described}" if label else described
    parts = [f'<svg class="spark" viewBox="0 0 {width} {HEIGHT}" width="{width}" '
             f'height="{HEIGHT}" role="img" aria-label={quoteattr(title)}>'
             f"<title>{Markup.escape(title)}</title>",
             f'<line x1="0" y1="{HEIGHT - 0.5}" x2="{width}" y2="{HEIGHT - 0.5}" '
             'class="spark-base"/>']
    for i, count in enumerate(counts):
        h = 0 if high == 0 else max(1.5, (HEIGHT - 2) * count / high)
        cls = "spark-now" if i == n - 1 else "spark-bar"
        parts.append(f'<rect class="{cls}" x="{i * (BAR + GAP)}" y="{HEIGHT - 1 - h:.1f}" '
                     f'width="{BAR}" height="{h:.1f}" rx="1"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
