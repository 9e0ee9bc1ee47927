"""`tandem search query` with modes and filters, and `tandem evidence duplicates`."""

from __future__ import annotations

import json

from tandem.inbound.duplicates import service as duplicates
from tandem.platform.actor import LocalAdmin
from tests.cli.helpers import Cli
from tests.inbound.support import add

COPY = "Exporting the rota to payroll takes me two hours every week"


def _seed(cli: Cli, *texts: str, embed: bool = True) -> list[int]:
    runtime = cli.runtime()
    try:
        with runtime.scope(LocalAdmin(), "acme") as scope:
            return [add(scope, t, embed=embed, source="support").id for t in texts]
    finally:
        runtime.close()


def test_search_query_hybrid_and_filters(acme: Cli) -> None:
    (plain,) = _seed(acme, "payroll export broken", embed=False)
    first = acme.ok("search", "query", "payroll")
    assert "keyword matches only" in first.output and "payroll export broken" in first.output
    (near,) = _seed(acme, "payroll export")
    found = json.loads(acme.ok("search", "query", "payroll export broken", "--json").stdout)
    assert found["evidence"]["used"] == "hybrid"
    assert {h["id"]: h["matched_by"] for h in found["evidence"]["hits"]}[near] == "meaning"
    none = json.loads(acme.ok("search", "query", "payroll", "--mode", "keyword", "--source",
                              "interview", "--json").stdout)
    assert none["evidence"]["hits"] == []
    dated = json.loads(acme.ok("search", "query", "payroll", "--from", "2000-01-01",
                               "--linked", "no", "--json").stdout)
    assert plain in [h["id"] for h in dated["evidence"]["hits"]]
    refused = acme("search", "query", "payroll", "--theme", "three")
    assert refused.exit_code != 0 and "needs a theme id" in refused.output


def test_duplicates_list_merge_dismiss(acme: Cli) -> None:
    a, b, c = _seed(acme, COPY, COPY + "!", COPY + "?")
    scanned = acme.ok("evidence", "duplicates", "scan", "--no-wait", "--json")
    assert json.loads(scanned.stdout)["kind"] == "duplicates.scan"
    runtime = acme.runtime()
    try:
        with runtime.scope(LocalAdmin(), "acme") as scope:
            duplicates.scan(scope, runtime.embedder.name)
    finally:
        runtime.close()
    listed = acme.ok("evidence", "duplicates", "list")
    assert "1 group(s) to review" in listed.output
    assert acme.ok("evidence", "duplicates", "dismiss", str(b), str(c)).output.count("1 pair")
    merged = acme.ok("evidence", "duplicates", "merge", str(a), str(b))
    assert f"Merged {b} into evidence {a}" in merged.output
    again = acme("evidence", "duplicates", "merge", str(a), str(b))
    assert again.exit_code != 0 and f"{b}" in again.output
    assert f"{c}" in acme.ok("evidence", "duplicates", "list").output  # a and c still pair
    acme.ok("evidence", "duplicates", "dismiss", str(a), str(c))
    assert "No duplicates waiting" in acme.ok("evidence", "duplicates", "list").output
