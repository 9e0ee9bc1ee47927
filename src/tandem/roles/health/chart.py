"""The parallelism trend as a small server-rendered SVG bar chart (no script, no library)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from tandem.roles.health.engine import QuarterShare

WIDTH, HEIGHT, PAD, AXIS, LEFT = 560, 180, 20, 24, 44


def trend_svg(trend: Sequence[QuarterShare]) -> str:
    """One bar per quarter: the share of its releases whose outbound work started before
    development finished, with a dashed line at 50%."""
    if not trend:
        return ""
    inner_w, inner_h = WIDTH - LEFT - PAD, HEIGHT - PAD - AXIS
    step = inner_w / len(trend)
    bar = min(56.0, step * 0.6)
    parts = [f'<svg class="trend-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="trend-title" preserveAspectRatio="xMidYMid meet">',
             '<title id="trend-title">Share of releases whose outbound work started before '
             'development finished, by quarter</title>']
    for pct in (0, 50, 100):
        y = PAD + inner_h * (1 - pct / 100)
        dash = ' stroke-dasharray="4 4"' if pct == 50 else ""
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - PAD}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'class="trend-grid"{dash}/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'class="trend-axis">{pct}%</text>')
    for i, q in enumerate(trend):
        h = inner_h * q.percent / 100
        x = LEFT + i * step + (step - bar) / 2
        y = PAD + inner_h - h
        cls = "trend-bar ok" if q.percent >= 50 else "trend-bar warn"
        label = escape(q.quarter)
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{max(h, 1):.1f}" '
                     f'class="{cls}"><title>{label}: {q.early} of {q.total} releases '
                     f'({q.percent}%)</title></rect>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{max(y - 4, 12):.1f}" '
                     f'text-anchor="middle" class="trend-value">{q.percent}%</text>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" '
                     f'class="trend-axis">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)
