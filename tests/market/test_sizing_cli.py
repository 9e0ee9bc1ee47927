"""`tandem sizing`: add, show, update, export, chart, list, delete."""

from __future__ import annotations

import json
from pathlib import Path

from tandem.demo.market import CLINICS_TOP_DOWN
from tests.cli.helpers import Cli


def test_cli(acme: Cli, tmp_path: Path) -> None:
    args = ["sizing", "add", "--name", "Clinics", "--method", "top_down", "--currency", "EUR",
            "--tier", "sam=OAM", "--note", "icp_share=clinics with 2-10 sites"]
    for key in ("industry_total", "relevant_share", "geography_share", "icp_share",
                "achievable_share"):
        e = CLINICS_TOP_DOWN[key]
        assert isinstance(e, dict)
        args[2:2] = ["--input", f"{key}={e['low']:g}:{e['base']:g}:{e['high']:g}"]
    made = json.loads(acme.ok(*args, "--json").stdout)
    assert made["scenarios"]["base"][1]["name"] == "OAM"
    shown = acme.ok("sizing", "show", str(made["id"])).stdout
    assert "OAM = TAM" in shown
    acme.ok("sizing", "update", str(made["id"]), "--input", "achievable_share=1:3:5")
    md = tmp_path / "clinics.md"
    acme.ok("sizing", "export", str(made["id"]), "--format", "md", "--output", str(md))
    assert "clinics with 2-10 sites" in md.read_text()
    assert "kind,scenario" in acme.ok("sizing", "export", str(made["id"]), "--format",
                                      "csv").stdout
    png = tmp_path / "c.png"
    acme.ok("sizing", "chart", str(made["id"]), "--out", str(png))
    assert png.read_bytes()[:4] == b"\x89PNG"
    bad = acme("sizing", "update", str(made["id"]), "--input", "icp_share=1:2")
    assert bad.exit_code == 2
    assert "Clinics" in acme.ok("sizing", "list").stdout
    acme.ok("sizing", "delete", str(made["id"]))
