"""The value-versus-effort chart is valid, escaped SVG with every point and no clashing
labels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from tandem.inbound.scoring.chart import Point, value_effort_svg

NS = "{http://www.w3.org/2000/svg}"


def test_every_point_is_drawn_and_text_is_escaped() -> None:
    points = [Point("<script>alert(1)</script>", 2, 10, "/w/a/opportunities/1"),
              Point("Payroll & exports", 5, 3), Point("Swaps", 1, 8)]
    svg = value_effort_svg(points, "Value", "Effort")
    root = ET.fromstring(svg)  # well-formed XML
    assert len(root.findall(f".//{NS}circle")) == 3
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Payroll &amp; exports" in svg
    assert root.find(f".//{NS}a").get("href") == "/w/a/opportunities/1"
    assert root.find(f"{NS}title").text == "Value against Effort"


def test_labels_do_not_overlap_when_points_crowd() -> None:
    points = [Point(f"Opportunity {i}", 2 + i * 0.01, 5) for i in range(6)]
    svg = value_effort_svg(points, "Value", "Effort")
    spots = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" class="point"', svg)
    assert len(set(spots)) == len(spots)  # no two labels drawn on the same spot
    assert 1 <= len(spots) < 6  # the crowd's labels that fit; the rest keep their tooltip


def test_no_points_no_chart() -> None:
    assert value_effort_svg([], "Value", "Effort") == ""
