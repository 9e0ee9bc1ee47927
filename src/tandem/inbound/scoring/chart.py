"""The value-versus-effort chart, drawn as SVG on the server (no script, no library).

Each scored opportunity is a dot at (effort, value); the dashed lines sit at the medians and
split the plot into quick wins (top left), big bets (top right), fill-ins (bottom left) and
money pits (bottom right). Every text is escaped; the markup is safe to inline in a page.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from tandem.inbound.scoring.calc import quadrant

WIDTH, HEIGHT = 720, 440
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 24, 56
LABEL_CHARS = 22


@dataclass(frozen=True)
class Point:
    label: str
    effort: float
    value: float
    href: str = ""


def _ticks(high: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `high`."""
    if high <= 0:
        return [0.0, 1.0]
    raw = high / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(high / step) + 1)]


def _fmt(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"


Box = tuple[float, float, float, float]  # left, top, right, bottom
CHAR_W, LINE_H = 6.3, 14.0  # an 11px label's average character width and line height


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place(x: float, y: float, width: float, placed: list[Box],
           bounds: Box) -> tuple[float, float, str]:
    """Where a dot's label goes: right, left, above or below the dot, whichever first fits
    inside the plot without covering another label or dot ('' anchor: nowhere, so the
    label is left to the dot's tooltip)."""
    candidates = (
        (x + 9, y + 4, "start", (x + 9, y - 9, x + 9 + width, y + 5)),
        (x - 9, y + 4, "end", (x - 9 - width, y - 9, x - 9, y + 5)),
        (x, y - 11, "middle", (x - width / 2, y - 11 - LINE_H + 4, x + width / 2, y - 9)),
        (x, y + 19, "middle", (x - width / 2, y + 8, x + width / 2, y + 8 + LINE_H)),
    )
    for lx, ly, anchor, box in candidates:
        inside = (box[0] >= bounds[0] and box[2] <= bounds[2] and box[1] >= bounds[1]
                  and box[3] <= bounds[3])
        if inside and not any(_overlaps(box, other) for other in placed
                              if other != (x - 6, y - 6, x + 6, y + 6)):
            placed.append(box)
            return lx, ly, anchor
    return x, y, ""


def value_effort_svg(points: Sequence[Point], value_label: str, effort_label: str) -> str:
    """An accessible SVG scatter of value against effort, with median quadrant lines."""
    title = f"{value_label} against {effort_label}"
    if not points:
        return ""
    x_ticks = _ticks(max(p.effort for p in points) * 1.08)  # room right of the last dot
    y_ticks = _ticks(max(p.value for p in points) * 1.08)
    x_max, y_max = x_ticks[-1], y_ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def sx(x: float) -> float:
        return LEFT + (x / x_max) * plot_w

    def sy(y: float) -> float:
        return TOP + plot_h - (y / y_max) * plot_h

    x_split = statistics.median(p.effort for p in points)
    y_split = statistics.median(p.value for p in points)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" class="plot"/>',
    ]
    for tick in x_ticks:
        x = sx(tick)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" '
                     f'class="grid"/><text x="{x:.1f}" y="{TOP + plot_h + 18}" '
                     f'class="tick" text-anchor="middle">{_fmt(tick)}</text>')
    for tick in y_ticks:
        y = sy(tick)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
                     f'class="grid"/><text x="{LEFT - 8}" y="{y + 4:.1f}" class="tick" '
                     f'text-anchor="end">{_fmt(tick)}</text>')
    parts.append(f'<line x1="{sx(x_split):.1f}" y1="{TOP}" x2="{sx(x_split):.1f}" '
                 f'y2="{TOP + plot_h}" class="split"/>')
    parts.append(f'<line x1="{LEFT}" y1="{sy(y_split):.1f}" x2="{LEFT + plot_w}" '
                 f'y2="{sy(y_split):.1f}" class="split"/>')
    corners = (("Quick wins", LEFT + 8, TOP + 16, "start"),
               ("Big bets", LEFT + plot_w - 8, TOP + 16, "end"),
               ("Fill-ins", LEFT + 8, TOP + plot_h - 8, "start"),
               ("Money pits", LEFT + plot_w - 8, TOP + plot_h - 8, "end"))
    for text, x, y, anchor in corners:
        parts.append(f'<text x="{x}" y="{y}" class="corner" text-anchor="{anchor}">'
                     f'{text}</text>')
    parts.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 12}" class="axis" '
                 f'text-anchor="middle">{escape(effort_label)}</text>')
    parts.append(f'<text x="16" y="{TOP + plot_h / 2:.1f}" class="axis" text-anchor="middle" '
                 f'transform="rotate(-90 16 {TOP + plot_h / 2:.1f})">{escape(value_label)}'
                 f'</text>')
    placed: list[Box] = [(sx(p.effort) - 6, sy(p.value) - 6, sx(p.effort) + 6,
                          sy(p.value) + 6) for p in points]
    bounds = (LEFT, TOP, LEFT + plot_w, TOP + plot_h)
    for point in sorted(points, key=lambda p: (-p.value, p.effort)):
        x, y = sx(point.effort), sy(point.value)
        where = quadrant(point.value, point.effort, y_split, x_split)
        tip = escape(f"{point.label}: {value_label} {point.value:g}, "
                     f"{effort_label} {point.effort:g} ({where})")
        text = _short(point.label)
        label_x, label_y, anchor = _place(x, y, len(text) * CHAR_W, placed, bounds)
        label = (f'<text x="{label_x:.1f}" y="{label_y:.1f}" class="point" '
                 f'text-anchor="{anchor}">{escape(text)}</text>') if anchor else ""
        dot = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" class="dot q-'
               f'{where.lower().replace(" ", "-")}"><title>{tip}</title></circle>{label}')
        if point.href:
            dot = f'<a href={quoteattr(point.href)}>{dot}</a>'
        parts.append(dot)
    parts.append("</svg>")
    return "".join(parts)
