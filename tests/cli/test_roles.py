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


def test_roles_matrix_through_a_lens(acme: Cli) -> None:
    acme.ok("person", "add", "name=Pia", "roles=PMM")
    acme.ok("person", "add", "name=Tom", "roles=Sales")
    acme.ok("person", "add", "name=Ann", "roles=PM")
    acme.ok("assignment", "add", "activity=Launch", "person_id=1", "raci=A")
    acme.ok("assignment", "add", "activity=Launch", "person_id=2", "raci=R")
    acme.ok("assignment", "add", "activity=Launch", "person_id=3", "raci=I")
    acme.ok("assignment", "add", "activity=Pricing", "person_id=1", "raci=R")
    acme.ok("assignment", "add", "activity=Pricing", "person_id=3", "raci=R")
    acme.ok("assignment", "add", "activity=Pricing", "person_id=2", "raci=A")
    # RAPID: A is Decide, R on an execution column (Programs) is Perform, on a decision
    # column (Business) Recommend; Informed has no RAPID role.
    rapid = acme.ok("roles", "matrix", "--format", "csv", "--lens", "rapid").stdout
    assert "Launch,Programs,outbound,,D,P\n" in rapid  # Ann, Pia, Tom: Ann's I is blank
    assert "Pricing,Business,shared,R,R,D\n" in rapid
    assert "Market problems,Market,inbound,,,\n" in rapid  # empty cells stay empty
    daci = acme.ok("roles", "matrix", "--lens", "DACI").stdout
    assert "Driver" in daci and "several Drivers" in daci and "Pricing" in daci
    data = json.loads(acme.ok("roles", "matrix", "--lens", "daci", "--json").stdout)
    assert data["lens"] == "daci"
    launch = next(r for r in data["rows"] if r["activity"] == "Launch")
    assert {(x["person"], x["raci"], x["letter"], x["role"]) for x in launch["letters"]} == {
        ("Pia", "A", "A", "Approver"), ("Tom", "R", "D", "Driver"),
        ("Ann", "I", "I", "Informed")}
    assert "Launch,Programs,outbound,I,A,R\n" in acme.ok("roles", "matrix", "--format",
                                                         "csv").stdout
    bad = acme("roles", "matrix", "--lens", "rasci")
    assert bad.exit_code == 2 and "raci, daci or rapid" in bad.output
