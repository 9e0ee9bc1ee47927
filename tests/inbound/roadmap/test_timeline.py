"""The roadmap timeline: the months it spans, and the chart in each format."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.inbound.roadmap.timeline import TimelineRow, month_span, render

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(("days", "low", "high"), [
    ([], date(2026, 10, 1), date(2027, 4, 1)),  # nothing dated: six months around today
    ([date(2027, 9, 14)], date(2026, 10, 1), date(2027, 10, 1)),
    ([date(2025, 1, 31), date(2026, 12, 1)], date(2024, 12, 1), date(2027, 1, 1)),
    ([date(2026, 12, 31)], date(2026, 10, 1), date(2027, 4, 1)),
])
def test_month_span(days: list[date], low: date, high: date) -> None:
    assert month_span(days, TODAY) == (low, high)


ROWS = [TimelineRow("Swap Center", "now", date(2026, 12, 15), "2.1"),
        TimelineRow("Payroll export", "next", date(2027, 2, 1)),
        TimelineRow("Regions", "later", None),
        TimelineRow("Time clock", "done", date(2026, 10, 2))]


@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG"),
                                            ("pdf", b"%PDF")])
def test_each_format_renders(fmt: str, magic: bytes) -> None:
    data = render(ROWS, fmt, TODAY)
    assert data.startswith(magic)


def test_labels_and_undated_note_are_drawn() -> None:
    svg = render(ROWS, "svg", TODAY).decode()
    # text is drawn as paths; matplotlib keeps each label as a comment beside its glyphs
    for text in ("Swap Center 2.1", "Payroll export", "Time clock", "today",
                 "No date yet (1): Regions", "Dec", "Jan"):
        assert text in svg, text
    assert "Regions 2" not in svg
    assert render(ROWS, "svg", TODAY) == svg.encode()  # same data, same bytes


def test_nothing_dated_says_so() -> None:
    svg = render([TimelineRow("Regions", "later", None)], "svg", TODAY).decode()
    assert "No release has a target or ship date yet" in svg


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        render(ROWS, "gif", TODAY)
