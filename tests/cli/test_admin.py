"""`tandem demo`: the demo workspace and its sign-in, created once."""

from __future__ import annotations

import json

from tandem.accounts import service as accounts

from .helpers import Cli


def test_demo_is_created_once(cli: Cli) -> None:
    first = cli.ok("demo")
    assert "Demo workspace 'demo'" in first.stdout and "was created" in first.stdout
    assert "demo@tandem.local" in first.stdout and "tandem-demo" in first.stdout
    assert "http" not in first.stdout
    total = json.loads(cli.ok("-w", "demo", "evidence", "list", "--json").stdout)["total"]
    assert total > 0
    assert f"evidence: {total}" in first.stdout

    second = cli.ok("demo")
    assert "was already there" in second.stdout
    again = json.loads(cli.ok("-w", "demo", "evidence", "list", "--json").stdout)["total"]
    assert again == total

    runtime = cli.runtime()
    with runtime.session() as session:
        user = accounts.authenticate(session, "demo@tandem.local", "tandem-demo")
        assert [w.slug for w, _ in accounts.workspaces_for(session, user)] == ["demo"]
    runtime.close()
