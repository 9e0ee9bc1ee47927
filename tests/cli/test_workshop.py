"""`tandem workshop`: create, answer from CSV, reveal, settle, apply; the RACI as PNG."""

from __future__ import annotations

from pathlib import Path

from .helpers import Cli


def test_workshop_commands(acme: Cli, tmp_path: Path) -> None:
    acme.ok("person", "add", "name=Pia", "roles=Founder")
    acme.ok("person", "add", "name=Agency", "roles=Marcom")
    assert "started with 2 participants" in acme.ok(
        "workshop", "create", "Q1", "--person", "1", "--person", "2").stdout
    for person, letter in (("1", "A"), ("2", "R")):
        answers = tmp_path / f"{person}.csv"
        answers.write_text("activity,raci,importance,assessment,hours\n"
                           f"Campaigns,{letter},4,1,8\n", encoding="utf-8")
        assert "1 answers saved" in acme.ok("workshop", "answer", "1", "--person", person,
                                            "--file", str(answers)).stdout
    assert "private until" in acme.ok("workshop", "show", "1").stdout
    revealed = acme.ok("workshop", "reveal", "1").stdout
    assert "Campaigns" in revealed and "No A" in revealed  # the other activities
    assert "1 activities settled" in acme.ok("workshop", "settle", "1", "--agreed").stdout
    refused = acme("workshop", "settle", "1")
    assert refused.exit_code != 0 and "--agreed" in refused.output
    assert "assess again on" in acme.ok("workshop", "apply", "1").stdout
    png = tmp_path / "raci.png"
    acme.ok("roles", "matrix", "--format", "png", "--output", str(png))
    assert png.read_bytes().startswith(b"\x89PNG")
    no_file = acme("roles", "matrix", "--format", "png")
    assert no_file.exit_code != 0 and "--output FILE.png" in no_file.output
