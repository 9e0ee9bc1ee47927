"""The generic commands every kind gets: list, show, add, update, delete, link, unlink."""

from __future__ import annotations

import json

import pytest

from tandem.cli.records import cli_name
from tandem.registry import RESOURCES

from .helpers import Cli


def test_every_kind_has_a_command_group(cli: Cli) -> None:
    top = cli.ok("--help").stdout
    for res in RESOURCES.values():
        assert cli_name(res) in top


def test_opportunity_lifecycle(acme: Cli) -> None:
    made = acme.ok("opportunity", "add", "title=Faster exports", "status=exploring")
    assert made.stdout.strip() == "Created opportunity 1."
    acme.ok("opportunity", "add", "title=SSO", "problem=Enterprise buyers need it")
    listed = json.loads(acme.ok("opportunity", "list", "--json").stdout)
    assert sorted(o["title"] for o in listed["items"]) == ["Faster exports", "SSO"]
    filtered = json.loads(acme.ok("opportunity", "list", "--filter", "status=exploring",
                                  "--json").stdout)
    assert [o["title"] for o in filtered["items"]] == ["Faster exports"]
    searched = json.loads(acme.ok("opportunity", "list", "-q", "enterprise", "--json").stdout)
    assert [o["title"] for o in searched["items"]] == ["SSO"]
    table = acme.ok("opportunity", "list").stdout
    assert "Faster exports" in table and "exploring" in table

    acme.ok("opportunity", "update", "1", "status=validated")
    shown = json.loads(acme.ok("opportunity", "show", "1", "--json").stdout)
    assert shown["status"] == "validated" and shown["title"] == "Faster exports"
    acme.ok("opportunity", "delete", "2", "-y")
    assert json.loads(acme.ok("opportunity", "list", "--json").stdout)["total"] == 1


@pytest.mark.parametrize(("args", "message"), [
    (["opportunity", "add", "title=X", "colour=red"], "Unknown field 'colour'"),
    (["opportunity", "add", "justtext"], "'justtext' is not FIELD=VALUE."),
    (["opportunity", "add", "problem=No title"], "title must not be empty."),
    (["opportunity", "add", "title=X", "status=dreaming"],
     "status must be one of 'new', 'exploring', 'validated', 'planned' or 'parked', "
     "not 'dreaming'."),
    (["launch", "add", "name=L", "release_id=42"], "No release 42 in this workspace."),
    (["opportunity", "list", "--filter", "colour=red"], "Unknown filter 'colour'"),
    (["opportunity", "list", "--filter", "status"], "'status' is not KEY=VALUE"),
    (["link", "evidence", "1", "launch", "1"], "Evidence cannot be linked to launches."),
    (["link", "gizmo", "1", "evidence", "1"], "Unknown kind of object 'gizmo'"),
])
def test_bad_input_is_one_line(acme: Cli, args: list[str], message: str) -> None:
    result = acme(*args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_duplicate_title_is_a_conflict(acme: Cli) -> None:
    acme.ok("opportunity", "add", "title=Same")
    result = acme("opportunity", "add", "title=same")
    assert result.exit_code == 1
    assert "already exists" in result.stderr


def test_link_and_unlink(acme: Cli) -> None:
    acme.ok("evidence", "add", "Exports are slow")
    acme.ok("opportunity", "add", "title=Fast exports")
    assert "Linked evidence 1 to opportunities 1." in acme.ok(
        "link", "evidence", "1", "opportunity", "1").stdout
    linked = json.loads(acme.ok("evidence", "list", "--linked", "yes", "--json").stdout)
    assert linked["total"] == 1
    again = acme("link", "evidence", "1", "opportunity", "1")
    assert again.exit_code == 1 and "already linked" in again.stderr
    acme.ok("unlink", "opportunity", "1", "evidence", "1")
    assert json.loads(acme.ok("evidence", "list", "--linked", "yes",
                              "--json").stdout)["total"] == 0


def test_update_and_delete_if_still_at_a_version(acme: Cli) -> None:
    acme.ok("opportunity", "add", "title=Faster exports")
    acme.ok("opportunity", "update", "1", "status=exploring", "--if-version", "1")
    stale = acme("opportunity", "update", "1", "status=parked", "--if-version", "1")
    assert stale.exit_code == 1 and "at version 2, not 1" in stale.stderr
    assert acme("opportunity", "delete", "1", "-y", "--if-version", "1").exit_code == 1
    shown = json.loads(acme.ok("opportunity", "show", "1", "--json").stdout)
    assert (shown["status"], shown["row_version"]) == ("exploring", 2)
    acme.ok("opportunity", "delete", "1", "-y", "--if-version", "2")
