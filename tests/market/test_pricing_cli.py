"""`tandem pricing`: the standalone analyses on a file, and surveys kept in a workspace."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import Cli

VW = ("tc,cheap,expensive,too_expensive,ic,ie\n1,2,4,5,5,3\n1,2,4,5,4,2\n2,3,5,6,5,3\n"
      "2,3,5,6,4,3\n3,4,6,7,3,1\n4,3,5,6,5,5\n")
GG = "price,share\n10,0.30\n20,0.50\n24,0.32\n30,0.20\n"


def test_standalone_van_westendorp_json_names_the_points(cli: Cli, tmp_path: Path) -> None:
    survey = tmp_path / "vw.csv"
    survey.write_text(VW)
    chart = tmp_path / "vw.svg"
    data = json.loads(cli.ok("pricing", "van-westendorp", str(survey), "--map",
                             "too_cheap=tc", "--map", "intent_cheap=ic", "--map",
                             "intent_expensive=ie", "--chart", str(chart), "--json").stdout)
    assert (data["respondents"], data["dropped"]) == (5, 1)
    assert data["opp"] == 3.0 and data["pmc"] == 3.0 and data["pme"] == 4.0
    assert data["pmc_original"] == 1.75 and data["pme_original"] == 4.75
    assert data["newton_miller_smith"]["revenue_price"] > 0
    assert b"<svg" in chart.read_bytes()
    shown = cli.ok("pricing", "van-westendorp", str(survey), "--map", "too_cheap=tc")
    assert "Optimal price (OPP)" in shown.stdout and "left out line 7" in shown.stderr


def test_standalone_gabor_granger(cli: Cli, tmp_path: Path) -> None:
    survey = tmp_path / "gg.csv"
    survey.write_text(GG)
    data = json.loads(cli.ok("pricing", "gabor-granger", str(survey), "--json").stdout)
    assert data["optimal_price"] == 20
    assert [d["demand"] for d in data["demand"]] == [0.4, 0.4, 0.32, 0.2]
    assert [r["revenue"] for r in data["revenue"]] == [4.0, 8.0, 7.68, 6.0]
    bad = cli("pricing", "gabor-granger", str(survey), "--map", "price=cost")
    assert bad.exit_code == 1 and "Column 'cost' for price is not in the file" in bad.stderr
    wrong = cli("pricing", "gabor-granger", str(survey), "--chart", str(tmp_path / "x.gif"))
    assert wrong.exit_code == 2


def test_workspace_surveys(acme: Cli, tmp_path: Path) -> None:
    survey = tmp_path / "team.csv"
    survey.write_text(GG)
    made = json.loads(acme.ok("pricing", "import", str(survey), "--method", "gabor_granger",
                              "--currency", "EUR", "--json").stdout)
    assert made["name"] == "team" and made["analysis"]["optimal_price"] == 20
    assert "team" in acme.ok("pricing", "list").stdout
    assert "most revenue" in acme.ok("pricing", "show", str(made["id"])).stdout
    out = tmp_path / "team.png"
    acme.ok("pricing", "chart", str(made["id"]), "--out", str(out))
    assert out.read_bytes()[:4] == b"\x89PNG"
    acme.ok("pricing", "delete", str(made["id"]))
    assert "No pricing surveys yet" in acme.ok("pricing", "list").stdout
