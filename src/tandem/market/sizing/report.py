"""A sizing model as Markdown and CSV (no database): inputs with units and sources, then
every figure of every scenario with the formula that produced it."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from tandem.market.sizing.calc import (
    INPUTS,
    METHOD_LABELS,
    SCENARIOS,
    Estimate,
    Method,
    Sizing,
    Unit,
    compact,
)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown(name: str, method: Method, inputs: Mapping[str, Estimate], result: Sizing,
             currency: str = "", horizon: str = "", assumptions: str = "",
             about: str = "") -> str:
    lines = [f"# {_cell(name)}", "",
             f"{METHOD_LABELS[method]} market sizing"
             + (f" for {_cell(about)}" if about else "")
             + (f", prices in {currency}" if currency else "")
             + (f", planning horizon {_cell(horizon)}" if horizon else "") + ".", ""]
    first = result.scenarios["base"]
    lines += ["| Scenario | " + " | ".join(f.name for f in first) + " |",
              "|---|" + "---:|" * len(first)]
    for scenario in SCENARIOS:
        lines.append(f"| {scenario} | " + " | ".join(
            compact(f.value, Unit.money, currency) for f in result.scenarios[scenario]) + " |")
    lines += ["", "## Inputs", "", "| Input | Unit | Low | Base | High | Source or assumption |",
              "|---|---|---:|---:|---:|---|"]
    for item in INPUTS[method]:
        e = inputs[item.key]
        unit = currency if item.unit is Unit.money and currency else item.unit.value
        lines.append(f"| {item.label} | {unit} | " + " | ".join(
            compact(e.value(s), item.unit) for s in SCENARIOS) + f" | {_cell(e.note)} |")
    lines += ["", "## How each figure is made", ""]
    for scenario in SCENARIOS:
        lines.append(f"**{scenario.title()}**")
        lines.append("")
        lines += [f"- {f.formula}" for f in result.scenarios[scenario]]
        lines.append("")
    if assumptions.strip():
        lines += ["## Assumptions", "", assumptions.strip(), ""]
    return "\n".join(lines)


def csv_text(method: Method, inputs: Mapping[str, Estimate], result: Sizing,
             currency: str = "") -> str:
    """One row per input and per figure: kind, scenario, key, name, value, unit, detail."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "scenario", "key", "name", "value", "unit", "detail"])
    for item in INPUTS[method]:
        e = inputs[item.key]
        unit = currency if item.unit is Unit.money and currency else item.unit.value
        for scenario in SCENARIOS:
            writer.writerow(["input", scenario, item.key, item.label, f"{e.value(scenario):g}",
                             unit, e.note])
    for scenario in SCENARIOS:
        for f in result.scenarios[scenario]:
            writer.writerow(["figure", scenario, f.tier, f.name, f"{f.value:.2f}",
                             currency or "money", f.formula])
    return out.getvalue()
