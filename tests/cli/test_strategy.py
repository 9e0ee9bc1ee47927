"""`tandem strategy`: show, vision, group and trace through the API."""

from __future__ import annotations

import json

from .helpers import Cli


def test_strategy_commands(acme: Cli) -> None:
    assert "No objectives yet" in acme.ok("strategy", "show").stdout
    acme.ok("product", "add", "name=Shiftwell")
    acme.ok("objective", "add", "title=Win multi-site clinics", "period=2027 H1")
    acme.ok("key-result", "add", "objective_id=1", "title=Accounts", "start=4", "target=24",
            "current=9")
    acme.ok("initiative", "add", "title=Regions", "objective_id=1")
    acme.ok("opportunity", "add", "title=Several sites")
    acme.ok("strategy", "vision", "1", "--text", "Every shift covered.", "--stage", "growth")
    acme.ok("strategy", "group", "1", "opportunity", "1")
    shown = acme.ok("strategy", "show").stdout
    assert "Shiftwell (growth): Every shift covered." in shown
    assert "Win multi-site clinics [25%]" in shown and "Several sites" in shown
    traced = json.loads(acme.ok("strategy", "trace", "opportunity", "1", "--json").stdout)
    assert traced[0]["initiative"]["title"] == "Regions"
    acme.ok("strategy", "group", "1", "opportunity", "1", "--remove")
    assert "serves no objective yet" in acme.ok("strategy", "trace", "opportunity", "1").stdout
    wrong = acme("strategy", "trace", "evidence", "1")
    assert wrong.exit_code != 0 and "an opportunity or a release" in wrong.output
