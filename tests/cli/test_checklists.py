"""`tandem checklist`: generate a launch's checklist, add a task, mark it done, reopen,
update and delete it."""

from __future__ import annotations

import json

from .helpers import Cli


def test_checklist_commands(acme: Cli) -> None:
    acme.ok("person", "add", "name=Pia", "roles=PMM")
    acme.ok("release", "add", "name=Payroll Sync")
    acme.ok("launch", "add", "name=Payroll launch", "release_id=1", "tier=3",
            "launch_date=2030-03-01")
    made = acme.ok("checklist", "generate", "1").stdout
    assert "Added 2 tasks" in made and "Publish the release note" in made
    added = acme.ok("checklist", "add", "1", "Brief support", "--owner", "Pia",
                    "--due", "2030-02-20", "--critical").stdout
    assert "Added task 3: Brief support (Pia, due 2030-02-20)" in added
    assert "Done: Brief support" in acme.ok("checklist", "done", "3").stdout
    shown = json.loads(acme.ok("checklist", "show", "1", "--json").stdout)
    assert (shown["total"], shown["done"]) == (3, 1)
    assert "Open again" in acme.ok("checklist", "reopen", "3").stdout
    acme.ok("checklist", "update", "1", "--title", "Changelog entry", "--due", "2030-02-27")
    task = next(t for t in json.loads(acme.ok("checklist", "show", "1", "--json").stdout)[
        "tasks"] if t["id"] == 1)
    assert (task["title"], task["due_date"], task["due_manual"]) == (
        "Changelog entry", "2030-02-27", True)
    acme.ok("checklist", "update", "1", "--follow-launch")
    table = acme.ok("checklist", "show", "1").stdout
    assert "2030-03-01" in table and "Changelog entry" in table
    assert "Deleted task 3" in acme.ok("checklist", "delete", "3").stdout
    # A critical task past its date: `tandem health` fails on it until it is done.
    acme.ok("assignment", "add", "activity=Launch", "person_id=1", "raci=A")
    late = json.loads(acme.ok("checklist", "add", "1", "Brief sales", "--due", "2020-01-01",
                              "--critical", "--json").stdout)["id"]
    failing = acme("health", "--json")
    assert failing.exit_code == 1
    assert "launch_critical_late" in [a["code"] for a in json.loads(failing.stdout)["alarms"]]
    acme.ok("checklist", "done", str(late))
    assert "launch_critical_late" not in acme("health").output
    assert acme("checklist", "add", "1", "X", "--due", "someday").exit_code != 0
    assert acme("checklist", "add", "1", "X", "--owner", "Nobody").exit_code == 1
    assert acme("checklist", "done", "99").exit_code != 0
    # The Prioritise ranking by owner.
    acme.ok("scoring", "standard")
    acme.ok("opportunity", "add", "title=Swaps", "owner_id=1")
    acme.ok("opportunity", "add", "title=Tips")
    mine = acme.ok("score", "--owner", "Pia", "--sort", "owner").stdout
    assert "Swaps" in mine and "Tips" not in mine and "Pia" in mine
    nobody = acme.ok("score", "--owner", "none").stdout
    assert "Tips" in nobody and "Swaps" not in nobody
