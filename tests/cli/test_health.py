"""`tandem health` exits 1 on an error-level alarm; `tandem lifecycle` moves the phase."""

from __future__ import annotations

import json

from .helpers import Cli


def test_health_and_lifecycle(acme: Cli) -> None:
    failing = acme("health")
    assert failing.exit_code == 1 and "no marketing owner" in failing.output
    data = json.loads(acme("health", "--json").stdout)
    assert data["errors"] == 1 and data["alarms"][0]["code"] == "no_outbound_owner"
    acme.ok("person", "add", "name=Pia", "roles=PMM")
    acme.ok("assignment", "add", "activity=Launch", "person_id=1", "raci=A")
    assert "The loop is healthy" in acme.ok("health", "--due-weeks", "4").stdout
    acme.ok("product", "add", "name=Shiftwell")
    acme.ok("lifecycle", "owners", "launch", "--driver", "Pia")
    moved = acme.ok("lifecycle", "phase", "launch").stdout
    assert "Shiftwell is now in launch" in moved and "Pia" in moved
    assert json.loads(acme.ok("lifecycle", "show", "--json").stdout)["phase"] == "launch"
    assert acme("lifecycle", "phase", "nope").exit_code != 0
    assert acme("lifecycle", "owners", "growth", "--driver", "Nobody").exit_code == 1
