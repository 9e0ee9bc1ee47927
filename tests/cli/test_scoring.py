"""`tandem score` and `tandem scoring`: the ranking, the default and formula checks."""

from __future__ import annotations

import json

from .helpers import Cli


def test_score_rank_default_and_check(acme: Cli) -> None:
    acme.ok("opportunity", "add", "title=Swaps", "reach=1000", "impact=high",
            "confidence=80", "effort=4")
    acme.ok("opportunity", "add", "title=Tips")
    assert "Added RICE, WSJF" in acme.ok("scoring", "standard").stdout
    table = acme.ok("score").stdout
    assert "Swaps" in table and "400.00" in table and "needs reach +3" in table
    ranking = json.loads(acme.ok("score", "--json", "--sort", "title").stdout)
    assert [r["title"] for r in ranking["rows"]] == ["Swaps", "Tips"]
    assert "now the default" in acme.ok("scoring", "default", "wsjf").stdout
    assert json.loads(acme.ok("score", "--json").stdout)["method"] == "wsjf"
    assert "Reads: effort, reach" in acme.ok("scoring", "check", "reach / effort").stdout
    bad = acme("scoring", "check", "reach * impakt")
    assert bad.exit_code == 1 and "Unknown field 'impakt'" in bad.output
    missing = acme("score", "--model", "nope")
    assert missing.exit_code != 0 and "No scoring model named 'nope'" in missing.output
    weights = json.loads(acme.ok("scoring", "weights", "critical=6", "--json").stdout)
    assert weights["critical"] == 6
    assert acme("scoring", "weights", "huge=1").exit_code != 0


def test_opportunities_list_ranks_like_score(acme: Cli) -> None:
    acme.ok("opportunity", "add", "title=Swaps", "reach=1000", "impact=high",
            "confidence=80", "effort=4")
    acme.ok("opportunity", "add", "title=Alerts", "reach=50", "impact=low",
            "confidence=50", "effort=1")
    acme.ok("scoring", "standard")
    listed = json.loads(acme.ok("opportunities", "list", "--sort", "score", "--json").stdout)
    assert [r["title"] for r in listed["rows"]] == ["Swaps", "Alerts"]
    assert listed == json.loads(acme.ok("score", "--sort", "score", "--json").stdout)
    by_title = json.loads(acme.ok("opportunities", "list", "--sort", "title", "--json").stdout)
    assert [r["title"] for r in by_title["rows"]] == ["Alerts", "Swaps"]
