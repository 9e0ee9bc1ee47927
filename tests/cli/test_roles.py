"""`tandem roles`: check exits 1 on errors, the matrix as a table and CSV, and presets."""

from __future__ import annotations

import json

from .helpers import Cli


def test_roles_check_matrix_and_preset(acme: Cli) -> None:
    acme.ok("person", "add", "name=Pia", "roles=PMM")
    acme.ok("person", "add", "name=Tom", "roles=Sales")
    acme.ok("assignment", "add", "activity=Launch", "person_id=1", "raci=A")
    acme.ok("assignment", "add", "activity=Launch", "person_id=2", "raci=R")
    assert "exactly one A" in acme.ok("roles", "check").stdout
    acme.ok("assignment", "add", "activity=Sales tools", "person_id=2", "raci=R")
    failing = acme("roles", "check")
    assert failing.exit_code == 1 and "Sales tools" in failing.output
    found = json.loads(acme("roles", "check", "--json").stdout)["findings"]
    assert [(f["code"], f["activity"]) for f in found] == [("no_accountable", "Sales tools")]
    assert "Launch" in acme.ok("roles", "matrix").stdout
    assert "Launch,Programs,outbound,A,R" in acme.ok("roles", "matrix", "--format",
                                                     "csv").stdout
    shown = acme.ok("roles", "preset", "split").stdout
    assert "Preset: split" in shown and "expects the PMM as A" in shown
    assert "Added" in acme.ok("roles", "preset", "--apply").stdout
    assert acme("roles", "preset", "nope").exit_code != 0
