"""`tandem intel`: aliases, the scan job, mentions, review and the timeline."""

from __future__ import annotations

import json

from tandem.platform.jobs.worker import Worker
from tests.cli.helpers import Cli


def test_intel_commands(acme: Cli) -> None:
    acme.ok("competitor", "add", "name=CrewCast")
    acme.ok("evidence", "add", "Lost to Crew Cast on price")
    assert "Crew Cast" in acme.ok("intel", "alias-add", "1", "Crew Cast").stdout
    job = json.loads(acme.ok("intel", "scan", "--no-wait", "--json").stdout)
    runtime = acme.runtime()
    try:  # no worker runs beside the CLI in tests: run the queued job here
        assert Worker(runtime, "t", poll=0.01, heartbeat=0.05).run_once()
    finally:
        runtime.close()
    assert "mentions_linked │ 1" in acme.ok("job", "wait", str(job["id"])).stdout
    found = json.loads(acme.ok("intel", "mentions", "1", "--json").stdout)
    assert found[0]["matched"] == "Crew Cast"
    acme.ok("intel", "reject", str(found[0]["id"]))
    assert "No mentions." in acme.ok("intel", "mentions", "1").stdout
    assert "Crew Cast" in acme.ok("intel", "mentions", "1", "--status", "rejected").stdout
    acme.ok("intel", "restore", str(found[0]["id"]))
    acme.ok("intel", "change-add", "1", "--summary", "Launched Lite", "--kind", "product",
            "--date", "2026-01-05", "--source", "pricing page")
    shown = acme.ok("intel", "profile", "1").stdout
    assert "Launched Lite" in shown and "Mentioned in 1" in shown
    assert "none" in acme.ok("intel", "alias-remove", "1", "crew cast").stdout
    assert acme("intel", "alias-add", "1", "x").exit_code == 1
