"""Evidence add / list / import from the command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from tests.inbound import make_samples

from .helpers import Cli

GOOD_CSV = """text,source,customer_company,customer_contact,received_on,tags
"Exports time out on big boards",support,Initech,Peter,2024-03-01,"export, performance"
Wants SSO with Okta,sales_call,Globex,,2024-03-02,sso
"Love the roadmap view, but it needs filters",interview,,,,
"""

BAD_CSV = """text,source,received_on
First row is fine,support,2024-03-01
Second is fine too,email,2024-03-02
Third has a bad source,carrier-pigeon,2024-03-03
Fourth has a bad date,review,yesterday
"""


def _listed(cli: Cli, *args: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(cli.ok("evidence", "list", "--json", *args).stdout)
    return data


def _texts(cli: Cli, *args: str) -> list[str]:
    page = _listed(cli, *args)
    items = page["items"]
    assert isinstance(items, list)
    return [str(item["text"]) for item in items]


def test_add_then_list_and_filter(any_acme: Cli) -> None:
    cli = any_acme
    first = cli.ok("evidence", "add", "CSV export is slow", "--source", "support",
                   "--company", "Initech", "--contact", "Peter", "--date", "2024-05-01",
                   "-t", "export", "--tag", "Performance")
    assert first.stdout.strip() == "Created evidence 1."
    cli.ok("evidence", "add", "--text", "Needs SSO", "--source", "sales_call",
           "--date", "2024-05-02", "--tag", "sso")
    added = json.loads(cli.ok("evidence", "add", "Dark mode please", "--json").stdout)
    assert added["source"] == "other" and added["tags"] == []

    everything = _listed(cli)
    assert everything["total"] == 3
    items = everything["items"]
    assert isinstance(items, list)
    exported = next(i for i in items if i["text"] == "CSV export is slow")
    assert exported["customer_company"] == "Initech"
    assert exported["customer_contact"] == "Peter"
    assert exported["received_on"] == "2024-05-01"
    assert exported["tags"] == ["export", "performance"]

    assert _texts(cli, "--source", "support") == ["CSV export is slow"]
    assert _texts(cli, "--tag", "sso") == ["Needs SSO"]
    assert _texts(cli, "--q", "dark") == ["Dark mode please"]
    assert _texts(cli, "--company", "Initech") == ["CSV export is slow"]
    assert len(_texts(cli, "--linked", "no")) == 3
    assert _texts(cli, "--linked", "yes") == []
    page = _listed(cli, "--limit", "2")
    assert len(page["items"]) == 2 and page["next_offset"] == 2  # type: ignore[arg-type]
    assert len(_texts(cli, "--limit", "2", "--offset", "2")) == 1

    table = cli.ok("evidence", "list").stdout
    assert "CSV export is slow" in table and "Initech" in table
    assert "Showing 1-3 of 3." in table


def test_add_rejects_bad_input(acme: Cli) -> None:
    no_text = acme("evidence", "add")
    assert no_text.exit_code == 2
    both = acme("evidence", "add", "one", "--text", "two")
    assert both.exit_code == 2
    bad_source = acme("evidence", "add", "x", "--source", "carrier-pigeon")
    assert bad_source.exit_code == 2
    bad_date = acme("evidence", "add", "x", "--date", "31/12/2024")
    assert bad_date.exit_code == 2
    blank = acme("evidence", "add", "   ")
    assert blank.exit_code == 1
    assert blank.stderr == "Error: text must not be empty.\n"
    assert json.loads(acme.ok("evidence", "list", "--json").stdout)["total"] == 0


def test_add_reads_text_from_stdin(acme: Cli) -> None:
    acme.ok("evidence", "add", "-", input="A long note\nover two lines\n")
    assert _texts(acme) == ["A long note\nover two lines"]


def test_list_rejects_bad_limit(acme: Cli) -> None:
    assert acme("evidence", "list", "--limit", "0").exit_code == 2
    assert acme("evidence", "list", "--linked", "maybe").exit_code == 2


def test_csv_import_success(any_acme: Cli, tmp_path: Path) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    result = any_acme.ok("evidence", "import", str(path))
    assert result.stdout.strip() == ("Imported 3 new evidence from evidence.csv (0 already "
                                     "there, 0 rejected).")
    page = _listed(any_acme)
    assert page["total"] == 3
    assert _texts(any_acme, "--tag", "performance") == ["Exports time out on big boards"]
    assert _texts(any_acme, "--source", "sales_call") == ["Wants SSO with Okta"]
    again = any_acme.ok("evidence", "import", str(path))
    assert "Imported 0 new evidence from evidence.csv (3 already there" in again.stdout
    assert _listed(any_acme)["total"] == 3


def test_csv_with_bad_rows_imports_nothing(any_acme: Cli, tmp_path: Path) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    result = any_acme("evidence", "import", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("Error: evidence.csv")
    assert "line 4, column 'source'" in line
    assert "line 5, column 'received_on'" in line
    assert "nothing imported" in line
    assert "Traceback" not in result.output
    assert _listed(any_acme)["total"] == 0


def test_csv_skip_invalid_imports_the_rest(any_acme: Cli, tmp_path: Path) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    result = any_acme.ok("evidence", "import", str(path), "--skip-invalid")
    assert "Imported 2 new evidence from evidence.csv (0 already there, 2 rejected)." in \
        result.stdout
    assert "Skipped 2 invalid row(s):" in result.stderr
    assert "line 4, column 'source'" in result.stderr
    assert "line 5, column 'received_on'" in result.stderr
    assert sorted(_texts(any_acme)) == ["First row is fine", "Second is fine too"]


def test_csv_import_json_report(acme: Cli, tmp_path: Path) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    report = json.loads(acme.ok("evidence", "import", str(path), "--skip-invalid",
                                "--json").stdout)
    assert (report["new"], report["duplicates"], report["rejected"]) == (2, 0, 2)
    assert [s.split(":")[0] for s in report["problems"]] == [
        "line 4, column 'source'", "line 5, column 'received_on'"]


def test_zendesk_json_preset(any_acme: Cli) -> None:
    path = make_samples.path("zendesk")
    result = any_acme.ok("evidence", "import", str(path), "--preset", "zendesk")
    assert "Imported 4 new evidence from zendesk_tickets.json" in result.stdout
    shown = _listed(any_acme, "--source", "support")["items"]
    assert isinstance(shown, list) and len(shown) == 4
    first = next(e for e in shown if "overtime" in e["text"])
    assert first["text"].startswith("Payroll export misses overtime\n\nThe weekly rota")
    assert first["customer_company"] == "Harbor Cafe"
    assert first["customer_contact"] == "Mia Chen <mia@harborcafe.example>"
    assert first["received_on"] == "2026-09-03" and first["tags"] == ["payroll", "export"]
    again = any_acme.ok("evidence", "import", str(path), "--preset", "zendesk")
    assert "(4 already there, 0 rejected)" in again.stdout


def test_canny_csv_preset_and_map(acme: Cli, tmp_path: Path) -> None:
    path = make_samples.path("canny")
    report = json.loads(acme.ok("evidence", "import", str(path), "--preset", "canny",
                                "--map", "customer_company=", "--json").stdout)
    assert (report["preset"], report["new"]) == ("canny", 4)
    items = _listed(acme, "--source", "community")["items"]
    assert isinstance(items, list) and len(items) == 4
    assert {e["customer_company"] for e in items} == {""}  # --map company= uses none
    survey = tmp_path / "survey.csv"
    survey.write_text("Answer,Submitted\nToo many clicks,2026-02-03\n", encoding="utf-8")
    acme.ok("evidence", "import", str(survey), "--map", "text=Answer",
            "--map", "received_on=Submitted")
    assert _texts(acme, "--q", "clicks") == ["Too many clicks"]


def test_presets_and_formats_problems(acme: Cli, tmp_path: Path) -> None:
    path = make_samples.path("canny")
    unknown = acme("evidence", "import", str(path), "--preset", "jira")
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("Error: Unknown preset 'jira' (known: zendesk,")
    wrong = acme("evidence", "import", str(path), "--preset", "zendesk")
    assert wrong.exit_code == 1 and "preset reads JSON" in wrong.stderr
    bad_map = acme("evidence", "import", str(path), "--map", "Body")
    assert bad_map.exit_code == 1 and "'Body' is not FIELD=COLUMN" in bad_map.stderr
    notes = tmp_path / "notes.txt"
    notes.write_text("First idea\n\nSecond idea\nstill second\n", encoding="utf-8")
    acme.ok("evidence", "import", str(notes))
    assert sorted(_texts(acme)) == ["First idea", "Second idea\nstill second"]
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "a"},\n {"text": "b",}]', encoding="utf-8")
    result = acme("evidence", "import", str(broken))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: broken.json: line 2: malformed JSON")


def test_csv_file_problems(acme: Cli, tmp_path: Path) -> None:
    missing = acme("evidence", "import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2
    latin = tmp_path / "latin.csv"
    latin.write_bytes("text\nCaf\xe9 au lait\n".encode("latin-1"))
    not_utf8 = acme("evidence", "import", str(latin))
    assert not_utf8.exit_code == 1
    assert "latin.csv: line 2: not UTF-8 text" in not_utf8.stderr
    headless = tmp_path / "headless.csv"
    headless.write_text("words\nhello\n", encoding="utf-8")
    no_text = acme("evidence", "import", str(headless))
    assert no_text.exit_code == 1
    assert "headless.csv: no text column found (its columns: words)" in no_text.stderr


def test_show_update_delete(acme: Cli) -> None:
    acme.ok("evidence", "add", "Original", "--company", "Initech")
    shown = json.loads(acme.ok("evidence", "show", "1", "--json").stdout)
    assert shown["customer_company"] == "Initech"
    assert "Original" in acme.ok("evidence", "show", "1").stdout
    acme.ok("evidence", "update", "1", "text=Changed", "tags=a, b")
    changed = json.loads(acme.ok("evidence", "show", "1", "--json").stdout)
    assert changed["text"] == "Changed" and changed["tags"] == ["a", "b"]
    assert changed["customer_company"] == "Initech"
    refused = acme("evidence", "delete", "1", input="n\n")
    assert refused.exit_code == 1
    assert _listed(acme)["total"] == 1
    acme.ok("evidence", "delete", "1", "--yes")
    assert _listed(acme)["total"] == 0
    gone = acme("evidence", "show", "1")
    assert gone.exit_code == 1
    assert gone.stderr.strip() == "Error: No evidence 1 in this workspace."
