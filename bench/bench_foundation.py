"""Foundation benchmarks: demo load, CSV import, list, search and overview latency.

Run: .venv/bin/python bench/bench_foundation.py [--postgres URL]
Prints a Markdown table to paste into docs/benchmarks.md. Uses the BANKING77 training texts
from ../shared/data (10,003 real customer messages) as an evidence CSV.
"""

from __future__ import annotations

import argparse
import csv
import io
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text

from tandem.demo.loader import DEMO_SLUG, ensure_demo
from tandem.inbound.evidence.importer import Request, import_file
from tandem.inbound.evidence.service import evidence
from tandem.loop.overview import overview
from tandem.loop.reindex import reindex
from tandem.loop.search import search
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime
from tandem.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "banking77_train.csv"


def _csv_from_banking77() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["text", "source", "tags"])
    with DATA.open() as handle:
        for row in csv.DictReader(handle):
            writer.writerow([row["text"], "support", row["label"]])
    return out.getvalue()


def _timed(fn: Callable[[], object], repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(url: str, label: str) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        runtime = Runtime(Settings(data_dir=Path(tmp), database_url=url, secret_key="bench"))
        rows: list[tuple[str, str]] = []
        demo = _timed(lambda: ensure_demo(runtime))
        rows.append(("demo workspace load (300 evidence)", f"{demo:.2f} s"))
        payload = Path(tmp) / "banking77_train.csv"
        payload.write_text(_csv_from_banking77(), encoding="utf-8")

        def do_import() -> None:
            import_file(lambda: runtime.scope(LocalAdmin(), DEMO_SLUG), payload,
                        Request(payload.name))

        seconds = _timed(do_import)
        rows.append(("CSV import, 10,003 rows", f"{seconds:.1f} s ({10003 / seconds:,.0f} rows/s)"))

        def page() -> None:
            with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
                evidence.list(scope, limit=50, offset=5000)

        def filtered() -> None:
            with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
                evidence.list(scope, filters={"tag": "card_arrival"}, limit=50)

        def find() -> None:
            with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
                search(scope, "refund")

        def list_search() -> None:
            with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
                evidence.list(scope, q="card", limit=50)

        def rebuild() -> None:
            with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
                reindex(scope)

        def home() -> None:
            with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
                overview(scope)

        rows.append(("list 50 of 10,303 evidence (offset 5000)",
                     f"{_timed(page, 20) * 1000:.1f} ms"))
        rows.append(("list filtered by tag", f"{_timed(filtered, 20) * 1000:.1f} ms"))
        rows.append(("workspace search", f"{_timed(find, 20) * 1000:.1f} ms"))
        rows.append(("list search, 'card'", f"{_timed(list_search, 20) * 1000:.1f} ms"))
        rows.append(("rebuild the search index", f"{_timed(rebuild):.1f} s"))
        rows.append(("home overview", f"{_timed(home, 20) * 1000:.1f} ms"))
        runtime.close()
        return [(f"{label}: {name}", value) for name, value in rows]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    results: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        results += run(f"sqlite:///{tmp}/bench.db", "SQLite")
    admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS tandem_bench WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE tandem_bench"))
    results += run(args.postgres.rsplit("/", 1)[0] + "/tandem_bench", "PostgreSQL")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS tandem_bench WITH (FORCE)"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("| measure | result |\n|---|---|")
    for name, value in results:
        print(f"| {name} | {value} |")
    print(f"| peak memory of the whole run | {peak:.0f} MB |")


if __name__ == "__main__":
    main()
