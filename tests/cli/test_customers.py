"""Companies and contacts from the terminal, flags shown as flags, one name for the day
received, and no database quietly made in a mistyped data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tandem.cli.main import app
from tests.cli.helpers import Cli

COMPANIES = ("name,domain,arr,mrr,plan,stage\n"
             "Harbor Dental,harbor.example,48000,,Growth,customer\n"
             "Luna Taqueria,luna.example,,1000,Starter,trial\n")
CONTACTS = "email,name,title\nmia@harbor.example,Mia Chen,Practice Manager\n"


def test_import_and_list_companies_and_contacts(acme: Cli, tmp_path: Path) -> None:
    file = tmp_path / "companies.csv"
    file.write_text(COMPANIES, encoding="utf-8")
    done = acme.ok("company", "import", str(file))
    assert "companies.csv: 2 companies added, 0 updated." in done.stdout
    again = json.loads(acme.ok("company", "import", str(file), "--json").stdout)
    assert (again["created"], again["updated"]) == (0, 2)
    listed = json.loads(acme.ok("company", "list", "--sort", "-arr", "--json").stdout)
    assert [(c["name"], c["arr"]) for c in listed["items"]] == [
        ("Harbor Dental", 48000), ("Luna Taqueria", 12000)]
    trial = json.loads(acme.ok("company", "list", "--stage", "trial", "--json").stdout)
    assert [c["name"] for c in trial["items"]] == ["Luna Taqueria"]
    table = acme.ok("company", "list").stdout
    assert "48,000" in table and "Harbor Dental" in table
    people = tmp_path / "contacts.csv"
    people.write_text(CONTACTS, encoding="utf-8")
    acme.ok("contact", "import", str(people))
    mia = json.loads(acme.ok("contact", "list", "--json").stdout)["items"][0]
    assert mia["company_id"] == listed["items"][0]["id"]  # found by the email's domain


def test_a_bad_row_names_the_file_line_and_column(acme: Cli, tmp_path: Path) -> None:
    file = tmp_path / "crm.csv"
    file.write_text("name,arr,stage\nGood,100,customer\nBad,lots,customer\nWorse,1,lead\n",
                    encoding="utf-8")
    failed = acme("company", "import", str(file))
    assert failed.exit_code == 1
    assert failed.stderr.startswith("Error: crm.csv: 2 invalid row(s), nothing imported: "
                                    "line 3, column 'arr': value must be a whole number")
    assert "line 4, column 'stage'" in failed.stderr
    assert json.loads(acme.ok("company", "list", "--json").stdout)["total"] == 0
    skipped = acme.ok("company", "import", str(file), "--skip-invalid")
    assert "1 companies added" in skipped.stdout and "line 3" in skipped.stderr


@pytest.mark.parametrize("command", [("evidence", "import"), ("company", "import"),
                                     ("company", "delete"), ("serve",)])
def test_flags_are_shown_without_a_value(command: tuple[str, ...]) -> None:
    shown = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "120"}).stdout
    assert "--help" in shown and "<bool>" not in shown


def test_the_day_received_has_one_name(acme: Cli) -> None:
    added = json.loads(acme.ok("evidence", "add", "Exports", "--received-on", "2025-03-04",
                               "--json").stdout)
    assert added["received_on"] == "2025-03-04"
    assert acme("evidence", "add", "x", "--date", "2025-03-04").exit_code == 2


def _run(data_dir: Path, *args: str) -> tuple[int, str]:
    env = {"TANDEM_DATA_DIR": str(data_dir), "TANDEM_DATABASE_URL": None, "TANDEM_URL": None,
           "TANDEM_TOKEN": None, "TANDEM_WORKSPACE": None}
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stderr


def test_a_mistyped_data_dir_is_refused_not_filled(tmp_path: Path) -> None:
    typo = tmp_path / "tandem-dta"
    for command in (("evidence", "list"), ("serve",), ("worker",)):
        code, error = _run(typo, *command)
        assert code == 1, command
        assert error.startswith(f"Error: No Tandem database: there is no database in "
                                f"TANDEM_DATA_DIR={typo}")
        assert "`tandem db upgrade`" in error
    code, error = _run(typo, "db", "current")
    assert code == 0 and error.startswith("Revision none (there is no database file at")
    assert not (typo / "tandem.db").exists()
    assert _run(typo, "db", "upgrade")[0] == 0
    code, error = _run(typo, "evidence", "list")
    assert (code, error) == (1, "Error: There is no workspace yet: create one first.\n")
