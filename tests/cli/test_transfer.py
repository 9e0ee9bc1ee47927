"""`tandem export` and `tandem import`: a workspace survives the round trip, links and all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tandem.loop import links
from tandem.loop.overview import overview
from tandem.platform.actor import LocalAdmin
from tandem.platform.jobs.worker import Background
from tests.jobs.support import make_worker

from .helpers import Cli


@pytest.fixture(autouse=True)
def worker(request: pytest.FixtureRequest) -> Iterator[None]:
    """Imports are written by a background job: a worker on the test's database."""
    name = "any_acme" if "any_acme" in request.fixturenames else "acme"
    runtime = request.getfixturevalue(name).runtime()
    background = Background.start(make_worker(runtime))
    yield
    if background is not None:
        background.stop()
    runtime.close()


def _fill(cli: Cli) -> None:
    """Evidence, an opportunity, a release, a launch and a message, linked along the loop."""
    cli.ok("evidence", "add", "Exports time out", "--source", "support", "-t", "export")
    cli.ok("evidence", "add", "Need scheduled exports", "--source", "interview")
    cli.ok("evidence", "add", "Unrelated wish")
    cli.ok("opportunity", "add", "title=Fast exports", "problem=Big boards time out")
    cli.ok("release", "add", "name=Exports 2.0", "horizon=now")
    cli.ok("launch", "add", "name=Exports launch", "release_id=1", "tier=2")
    cli.ok("message", "add", "title=Export in seconds", "body=Any board, any size.",
           "launch_id=1")
    cli.ok("link", "evidence", "1", "opportunity", "1", "--importance", "3")
    cli.ok("link", "evidence", "2", "opportunities", "1")
    cli.ok("link", "opportunity", "1", "release", "1")
    cli.ok("link", "message", "1", "evidence", "1")


def _state(cli: Cli, slug: str) -> tuple[dict[str, int], Any]:
    runtime = cli.runtime()
    try:
        with runtime.scope(LocalAdmin(), slug) as scope:
            counts = overview(scope).counts
            opportunity = json.loads(cli.ok("opportunity", "list", "-w", slug,
                                            "--json").stdout)["items"][0]
            trace = links.trace(scope, "opportunities", opportunity["id"])
            shape = {
                "evidence": sorted((e.title, e.importance)
                                   for e in trace.upstream.get("evidence", [])),
                "releases": [r.title for r in trace.downstream.get("releases", [])],
                "launches": [x.title for x in trace.downstream.get("launches", [])],
                "messages": [m.title for m in trace.downstream.get("messages", [])],
            }
    finally:
        runtime.close()
    return counts, shape


def test_export_import_round_trip(any_acme: Cli, tmp_path: Path) -> None:
    cli = any_acme
    _fill(cli)
    target = tmp_path / "acme.json"
    written = cli.ok("export", "--output", str(target))
    assert f"to {target}" in written.stdout
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "tandem-workspace"
    assert len(data["tables"]["evidence"]) == 3

    # Same document on stdout when no --output is given.
    assert json.loads(cli.ok("export").stdout) == data

    result = cli.ok("import", str(target), "--slug", "acme-copy", "--name", "Acme Copy")
    assert "Imported workspace 'acme-copy' (Acme Copy)" in result.stdout
    assert "3 evidence" in result.stdout

    assert _state(cli, "acme-copy") == _state(cli, "acme")
    counts, shape = _state(cli, "acme-copy")
    assert counts["evidence"] == 3 and counts["evidence_unlinked"] == 1
    assert shape["evidence"] == [("Exports time out", 3), ("Need scheduled exports", None)]
    assert shape["releases"] == ["Exports 2.0"]
    assert shape["messages"] == ["Export in seconds"]

    listed = [w["slug"] for w in json.loads(cli.ok("workspace", "list", "--json").stdout)]
    assert listed == ["acme", "acme-copy"]


def test_import_into_taken_slug_changes_nothing(acme: Cli, tmp_path: Path) -> None:
    acme.ok("evidence", "add", "One")
    target = tmp_path / "acme.json"
    acme.ok("export", "-o", str(target))
    clash = acme("import", str(target))
    assert clash.exit_code == 1
    assert clash.stderr.strip() == "Error: The address 'acme' is not available: choose another."
    assert len(json.loads(acme.ok("workspace", "list", "--json").stdout)) == 1


def test_import_of_broken_files_is_all_or_nothing(acme: Cli, tmp_path: Path) -> None:
    acme.ok("evidence", "add", "One")
    good = json.loads(acme.ok("export").stdout)
    good["tables"]["evidence"].append({"id": 99, "text": "", "source": "support"})
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(good), encoding="utf-8")
    result = acme("import", str(broken), "--slug", "copy")
    assert result.exit_code == 1
    assert result.stderr == "Error: tables.evidence[1].text must not be empty.\n"
    assert [w["slug"] for w in json.loads(acme.ok("workspace", "list", "--json").stdout)] \
        == ["acme"]

    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    bad = acme("import", str(garbage))
    assert bad.exit_code == 1
    assert bad.stderr.startswith("Error: garbage.json is not JSON:")

    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    wrong = acme("import", str(other))
    assert wrong.exit_code == 1
    assert "Not a Tandem workspace export" in wrong.stderr


def test_export_to_unwritable_place_leaves_no_file(acme: Cli, tmp_path: Path) -> None:
    result = acme("export", "-o", str(tmp_path / "missing-dir" / "out.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No such file or directory")
    assert not (tmp_path / "missing-dir").exists()


def test_import_with_local_owner(acme: Cli, tmp_path: Path) -> None:
    target = tmp_path / "acme.json"
    acme.ok("export", "-o", str(target))
    acme.ok("import", str(target), "--slug", "mine", "--owner", "owner@example.com")
    members = json.loads(acme.ok("workspace", "members", "-w", "mine", "--json").stdout)
    assert members == [{"email": "owner@example.com", "name": "", "role": "owner"}]


def test_the_import_message_names_accounts_left_empty_and_counts_tables() -> None:
    from tandem.loop.cli import accounts_note, counts_of

    assert accounts_note({"accounts": {"matched": ["a@x.io"], "unmatched": []}}) == ""
    note = accounts_note({"accounts": {"matched": [], "unmatched": ["b@y.io"]}})
    assert note == (" References to 1 account(s) with no user of the same e-mail here were "
                    "left empty: b@y.io.")
    tables = {f"t{i}": [{}] * (i + 1) for i in range(10)}
    assert counts_of({"tables": tables}).endswith("55 rows in 10 tables in all")
    assert counts_of({"objects": {"evidence": [{}, {}]}}) == "2 evidence"  # version 1
    assert counts_of({"tables": {}}) == "nothing"
