"""`tandem roadmap`: the board as a table and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import Cli


def test_roadmap_table_and_json(acme: Cli) -> None:
    assert "No releases yet" in acme.ok("roadmap").stdout
    acme.ok("opportunity", "add", "title=Shift swaps")
    acme.ok("evidence", "add", "We text all weekend")
    acme.ok("link", "evidence", "1", "opportunity", "1")
    acme.ok("release", "add", "name=Swap Center", "horizon=now", "target_date=2026-12-15")
    acme.ok("release", "add", "name=Regions", "horizon=later")
    acme.ok("link", "release", "1", "opportunity", "1")
    table = acme.ok("roadmap").stdout
    assert "Swap Center" in table and "NO LAUNCH PLAN" in table and "Regions" in table
    board = json.loads(acme.ok("roadmap", "--json").stdout)
    now = board["now"][0]
    assert now["release"]["name"] == "Swap Center" and now["evidence_count"] == 1
    assert [o["title"] for o in now["opportunities"]] == ["Shift swaps"]
    acme.ok("launch", "add", "name=Swap launch", "release_id=1", "tier=2")
    assert "NO LAUNCH PLAN" not in acme.ok("roadmap").stdout
    assert "Swap launch (tier 2, planning)" in acme.ok("roadmap").stdout


def test_roadmap_share_create_list_revoke(acme: Cli) -> None:
    made = acme.ok("roadmap-share", "create", "--label", "Investors").stdout
    assert "/share/roadmap/" in made and "not shown again" in made
    listed = json.loads(acme.ok("roadmap-share", "list", "--json").stdout)
    assert [(s["label"], s["revoked"]) for s in listed] == [("Investors", False)]
    assert "revoked" in acme.ok("roadmap-share", "revoke", str(listed[0]["id"])).stdout
    assert "revoked" in acme.ok("roadmap-share", "list").stdout
    assert acme("roadmap-share", "revoke", "999").exit_code != 0


def test_roadmap_move_and_export(acme: Cli, tmp_path: Path) -> None:
    acme.ok("release", "add", "name=Swap Center", "horizon=next", "target_date=2026-12-15")
    acme.ok("release", "add", "name=Regions", "horizon=next")
    moved = acme.ok("roadmap", "move", "2", "--to", "next", "--position", "1").stdout
    assert "1. Regions, 2. Swap Center" in moved
    refused = acme("roadmap", "move", "1", "--to", "someday")
    assert refused.exit_code != 0 and "horizon" in refused.output
    out = tmp_path / "timeline.pdf"
    acme.ok("roadmap", "export", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    wrong = acme("roadmap", "export", "--out", str(tmp_path / "timeline.gif"))
    assert wrong.exit_code != 0 and ".pdf, .png or .svg" in wrong.output
