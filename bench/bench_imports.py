"""Evidence import at scale: a generated CSV of N rows (default 1,000,000) imported through
the same code the import job runs (check pass, then batches of 500 in short transactions),
with no embedding (imports never embed; a later job does). Records rows/s and peak RSS.

Run: .venv/bin/python bench/bench_imports.py [--rows N] [--postgres URL]
`make bench` runs it with BENCH_IMPORT_ROWS rows (default 100,000, to stay quick); the
1,000,000-row figure in docs/benchmarks.md comes from `--rows 1000000`.
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from tandem.accounts import service as accounts
from tandem.inbound.evidence.importer import Request, import_file
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime
from tandem.settings import Settings

WORDS = ["export", "payroll", "shift", "swap", "rota", "manager", "weekend", "login",
         "camera", "scan", "delivery", "holiday", "planner", "clash", "chef", "overtime",
         "slow", "report", "filter", "invoice", "approve", "mobile", "app", "sync",
         "calendar", "reminder", "template", "team", "notice", "hours", "timesheet"]
COMPANIES = [f"Customer {n}" for n in range(500)]
SOURCES = ("support", "interview", "review", "email", "survey", "community")


def write_csv(path: Path, rows: int, seed: int = 7) -> int:
    """Rows of made-up feedback, streamed to disk (never held in memory); the file size."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "body", "date", "company", "email", "source", "tags"])
        for n in range(rows):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
            company = rng.choice(COMPANIES)
            writer.writerow([f"T-{n}", f"Item {n}: {words}.",
                             (start + timedelta(days=n % 700)).isoformat(), company,
                             f"person{n % 5000}@example.com", rng.choice(SOURCES),
                             rng.choice(WORDS)])
    return path.stat().st_size


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(url: str, label: str, rows: int, tmp: Path) -> list[tuple[str, str]]:
    runtime = Runtime(Settings(data_dir=tmp, database_url=url, secret_key="bench"))
    with runtime.session() as session:
        owner = accounts.create_user(session, "bench@example.com", "correct-horse-1")
        accounts.create_workspace(session, "Bench", owner, "bench")
    path = tmp / "feedback.csv"
    size = write_csv(path, rows)
    before = peak_rss_mb()
    started = time.perf_counter()
    report = import_file(lambda: runtime.scope(LocalAdmin(), "bench"), path,
                         Request(path.name))
    seconds = time.perf_counter() - started
    again_started = time.perf_counter()
    again = import_file(lambda: runtime.scope(LocalAdmin(), "bench"), path, Request(path.name))
    again_seconds = time.perf_counter() - again_started
    runtime.close()
    assert report["new"] == rows and again["duplicates"] == rows, (report, again)
    return [
        (f"{label}: import {rows:,} rows ({size / 2**20:,.0f} MB CSV)",
         f"{seconds:,.0f} s ({rows / seconds:,.0f} rows/s)"),
        (f"{label}: the same file again (all duplicates)",
         f"{again_seconds:,.0f} s ({rows / again_seconds:,.0f} rows/s), 0 added"),
        (f"{label}: peak RSS before / after", f"{before:,.0f} MB / {peak_rss_mb():,.0f} MB"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default="")
    args = parser.parse_args()
    results: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        results += run(f"sqlite:///{tmp}/bench.db", "SQLite", args.rows, Path(tmp))
    if args.postgres:
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS tandem_bench_imports WITH (FORCE)"))
            conn.execute(text("CREATE DATABASE tandem_bench_imports"))
        with tempfile.TemporaryDirectory() as tmp:
            url = args.postgres.rsplit("/", 1)[0] + "/tandem_bench_imports"
            results += run(url, "PostgreSQL", args.rows, Path(tmp))
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS tandem_bench_imports WITH (FORCE)"))
    print(f"Machine: {platform.machine()}, {platform.system()}, Python "
          f"{platform.python_version()}, date {date.today().isoformat()}")
    print("| measure | result |\n|---|---|")
    for name, value in results:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
