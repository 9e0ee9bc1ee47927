"""`tandem themes discover`: standalone, every row back in order with its theme, and specific
errors on bad files (the suite embeds with the hashing stand-in)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.cli.helpers import Cli

TOPICS = {
    "card": ["my card has not arrived", "card still not arrived after a week",
             "when will my card arrive", "card not arrived yet please help",
             "has my card been sent, it has not arrived"],
    "refund": ["I want a refund for this purchase", "refund my purchase please",
               "how long does a refund for a purchase take", "purchase refund still missing",
               "refund the purchase I made twice"],
    "pin": ["how do I change my pin number", "pin number blocked after tries",
            "reset my pin number", "forgot my pin number", "change pin number at atm"],
}


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_discover_writes_every_row_in_order_with_a_theme(cli: Cli, tmp_path: Path) -> None:
    rows = [{"id": str(i), "body": text, "label": topic}
            for i, (topic, text) in enumerate(
                (topic, text) for topic, texts in TOPICS.items() for text in texts)]
    rows.insert(4, {"id": "blank", "body": "  ", "label": ""})
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(source, rows)
    result = cli.ok("themes", "discover", str(source), "--text-column", "body",
                    "--out", str(out))
    assert "16 rows" in result.output
    with out.open(encoding="utf-8", newline="") as stream:
        written = list(csv.DictReader(stream))
    assert [r["id"] for r in written] == [r["id"] for r in rows]
    assert list(written[0]) == ["id", "body", "label", "theme_id", "theme_label"]
    blank = written[4]
    assert blank["theme_id"] == "" and blank["theme_label"] == ""
    by_topic: dict[str, set[str]] = {}
    for row in written:
        if row["label"]:
            by_topic.setdefault(row["label"], set()).add(row["theme_id"])
    # each topic lands in one theme of its own, labelled by its words
    assert all(len(ids) == 1 and "" not in ids for ids in by_topic.values())
    assert len({next(iter(ids)) for ids in by_topic.values()}) == 3
    labels = {r["label"]: r["theme_label"] for r in written if r["label"]}
    assert "pin" in labels["pin"] and "refund" in labels["refund"]


@pytest.mark.parametrize(("content", "args", "message"), [
    (b"body\nhello\n", ("--text-column", "text"), "no column 'text' in the header"),
    (b"text\ncaf\xe9 au lait\n", (), "line 2: not UTF-8 text (byte 0xe9"),
    (b"", (), "the file is empty"),
    (b"text,theme_id\nhi,1\n", (), "already has a 'theme_id' column"),
    (b"text\nhi,there\n", (), "line 2: 2 values for 1 columns"),
])
def test_bad_files_are_refused_with_a_specific_error(cli: Cli, tmp_path: Path, content: bytes,
                                                     args: tuple[str, ...],
                                                     message: str) -> None:
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(content)
    result = cli("themes", "discover", str(source), "--out", str(out), *args)
    assert result.exit_code == 1
    assert message in result.output
    assert not out.exists()


def test_a_missing_file_is_named(cli: Cli, tmp_path: Path) -> None:
    result = cli("themes", "discover", str(tmp_path / "nope.csv"), "--out",
                 str(tmp_path / "o.csv"))
    assert result.exit_code == 1 and "nope.csv: no such file" in result.output


def _seed_groups(cli: Cli) -> dict[str, list[int]]:
    from tandem.platform.actor import LocalAdmin
    from tests.inbound.themes.test_service import seed

    runtime = cli.runtime()
    try:
        with runtime.scope(LocalAdmin(), "acme") as scope:
            return seed(scope)
    finally:
        runtime.close()


def test_workspace_themes_run_list_curate_and_opportunity(acme: Cli) -> None:
    import json

    groups = _seed_groups(acme)
    assert "No themes yet" in acme.ok("themes", "list").output
    acme.ok("themes", "run")  # waits for the job with a progress bar (a worker runs here)
    listed = json.loads(acme.ok("themes", "list", "--json").stdout)
    ids = [t["id"] for t in listed["themes"]]
    assert [t["size"] for t in listed["themes"]] == [8, 8, 8]
    table = acme.ok("themes", "list").output
    assert "Companies" in table and "0 unsorted of 24" in table
    shown = acme.ok("themes", "show", str(ids[0])).output
    assert "quotes" in shown and "weekly trend" in shown
    assert "Renamed" in acme.ok("themes", "rename", str(ids[0]), "Rota exports").output
    merged = json.loads(acme.ok("themes", "merge", str(ids[1]), str(ids[2]), "--json").stdout)
    assert merged["size"] == 16 and merged["merged"]
    split = json.loads(acme.ok("themes", "split", str(ids[1]), "--json").stdout)
    assert split["size"] == 8
    moved = acme.ok("themes", "move", str(ids[1]), str(groups["payroll"][0]))
    assert "Moved 1 item(s)" in moved.output
    assert "Pin" in acme.ok("themes", "pin", str(ids[0])).output
    assert "Hide" in acme.ok("themes", "hide", str(ids[1])).output
    assert "(hidden)" in acme.ok("themes", "list", "--hidden").output
    made = acme.ok("themes", "opportunity", str(ids[0]), "--title", "Fix rota exports")
    assert "with 7 piece(s) of evidence linked" in made.output
    again = acme("themes", "opportunity", str(ids[0]))
    assert again.exit_code != 0 and "already opportunity" in again.output
    bad = acme("themes", "list", "--sort", "colour")
    assert bad.exit_code != 0
