"""`tandem bulk evidence|opportunities`: messages, JSON counts, and all or nothing."""

from __future__ import annotations

import json

from .helpers import Cli


def test_bulk_evidence_and_opportunities(acme: Cli) -> None:
    acme.ok("opportunity", "add", "title=Shift swaps")
    for text in ("one", "two", "three"):
        acme.ok("evidence", "add", f"We text all weekend ({text})")
    acme.ok("link", "evidence", "1", "opportunity", "1")
    linked = acme.ok("bulk", "evidence", "link", "1", "2", "3", "--opportunity", "1").stdout
    assert "Linked 2 pieces of evidence to 'Shift swaps'; 1 was already linked." in \
        " ".join(linked.split())
    refused = acme("bulk", "evidence", "tag", "1", "99", "--tag", "billing")
    assert refused.exit_code != 0 and "No evidence 99" in refused.output
    assert "billing" not in acme.ok("evidence", "show", "1").stdout  # nothing was tagged
    tagged = json.loads(acme.ok("bulk", "evidence", "tag", "1", "2", "--tag", "billing",
                                "--json").stdout)
    assert (tagged["changed"], tagged["unchanged"]) == (2, 0)
    assert "Moved 1 opportunity to planned." in acme.ok(
        "bulk", "opportunities", "move", "1", "--status", "planned").stdout
    assert acme("bulk", "evidence", "delete", "3", input="n\n").exit_code != 0  # asked
    assert "Deleted 1 piece of evidence." in acme.ok(
        "bulk", "evidence", "delete", "3", "--yes").stdout
