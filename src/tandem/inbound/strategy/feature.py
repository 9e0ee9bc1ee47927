"""Strategy: the vision and lifecycle stage of each product, objectives with key results, and
initiatives that group opportunities and releases, so each traces up to its objective."""

from __future__ import annotations

from tandem.inbound.strategy.records import initiatives, key_results, objectives
from tandem.platform.feature import Feature, Kind, KindView, NavEntry

feature = Feature(
    name="strategy",
    kinds=(
        Kind(objectives, KindView(
            ("title", "period", "product_id"),
            "What the product must achieve, measured by key results.",
            "No objectives yet — say what the product must achieve this period.")),
        Kind(key_results, KindView(
            ("title", "objective_id", "current", "target"),
            "Numbers that settle whether an objective is met: start, current, target.",
            "No key results yet — add one to an objective.")),
        Kind(initiatives, KindView(
            ("title", "objective_id"),
            "Bodies of work grouping the opportunities and releases that serve an objective.",
            "No initiatives yet — group the work that serves an objective.")),
    ),
    api="tandem.inbound.strategy.api:router",
    web="tandem.inbound.strategy.web:router",
    cli="tandem.inbound.strategy.cli:register",
    nav=(NavEntry("Strategy", "strategy", "Inbound", order=32),),
    panels=("tandem.inbound.strategy.web:serves_panel",),
)
