"""Reads and writes while a long write holds SQLite's lock (docs/reliability.md).

Run: .venv/bin/python bench/bench_long_write.py [--hold 10] [--products 20000]
Serves the real app with uvicorn on a free loopback port over a fresh SQLite database, then
measures, with 4 reader threads (GET /me and a list) and 2 writer threads (POST evidence):

1. baseline: nothing else happening;
2. held lock: another connection holds the write lock (BEGIN IMMEDIATE) for `--hold` seconds,
   as one long request transaction used to (a 20,000-product workspace import: 37 s);
3. import: a workspace import of `--products` products, written by the in-process worker
   in batches of 500 (one short transaction each).

Prints a Markdown table: requests, errors, p50/p99/max latency per phase and kind.
"""

from __future__ import annotations

import argparse
import platform
import socket
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from tandem.accounts import service as accounts
from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.settings import Settings

PASSWORD = "bench-password-1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}

    def add(self, kind: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.samples.setdefault(kind, []).append(seconds)
            if not ok:
                self.errors[kind] = self.errors.get(kind, 0) + 1


def _loop(stop: threading.Event, recorder: Recorder, kind: str,
          call: Callable[[], httpx.Response], pause: float) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        try:
            ok = call().status_code < 500
        except httpx.HTTPError:
            ok = False
        recorder.add(kind, time.perf_counter() - started, ok)
        time.sleep(pause)


def _phase(base: str, auth: dict[str, str], during: Callable[[], None]) -> Recorder:
    """Readers and writers run while `during()` runs (it returns when the phase ends)."""
    recorder = Recorder()
    stop = threading.Event()
    clients = [httpx.Client(base_url=base, headers=auth, timeout=120) for _ in range(6)]
    counter = iter(range(10**9))
    threads = [threading.Thread(target=_loop, args=(
        stop, recorder, "read", lambda c=c: c.get("/api/v1/me"), 0.01)) for c in clients[:2]]
    threads += [threading.Thread(target=_loop, args=(
        stop, recorder, "read", lambda c=c: c.get("/api/v1/workspaces/acme/evidence"), 0.01))
        for c in clients[2:4]]
    threads += [threading.Thread(target=_loop, args=(
        stop, recorder, "write", lambda c=c: c.post(
            "/api/v1/workspaces/acme/evidence",
            json={"text": f"written during the bench {next(counter)}"}), 0.05))
        for c in clients[4:]]
    for thread in threads:
        thread.start()
    try:
        during()
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        for client in clients:
            client.close()
    return recorder


def _hold_lock(path: Path, seconds: float) -> None:
    conn = sqlite3.connect(path, isolation_level=None, timeout=60)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE workspaces SET name = name")
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


def _import(base: str, auth: dict[str, str], products: int) -> float:
    data: dict[str, Any] = {
        "format": "tandem-workspace", "version": 2,
        "workspace": {"name": "Big", "slug": "big"},
        "tables": {"products": [{"id": i + 1, "name": f"Product {i}"}
                                for i in range(products)]}}
    with httpx.Client(base_url=base, headers=auth, timeout=600) as client:
        started = time.perf_counter()
        job = client.post("/api/v1/workspaces/import", json=data).json()
        while job["status"] in ("queued", "running"):
            time.sleep(0.2)
            job = client.get(f"/api/v1/workspaces/big/jobs/{job['id']}").json()
        if job["status"] != "succeeded":
            raise SystemExit(f"import failed: {job}")
        return time.perf_counter() - started


def _rows(phase: str, recorder: Recorder) -> list[str]:
    rows = []
    for kind, samples in sorted(recorder.samples.items()):
        ordered = sorted(samples)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        rows.append(f"| {phase} | {kind} | {len(samples)} | {recorder.errors.get(kind, 0)} | "
                    f"{statistics.median(samples) * 1000:.0f} ms | {p99 * 1000:.0f} ms | "
                    f"{ordered[-1] * 1000:.0f} ms |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hold", type=float, default=10.0)
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--baseline", type=float, default=5.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    settings = Settings(data_dir=folder, secret_key="b" * 48, job_poll_seconds=0.1,
                        max_import_bytes=512 * 1024 * 1024)
    runtime = Runtime(settings)
    with runtime.session() as session:
        owner = accounts.create_user(session, "bench@example.com", PASSWORD)
        accounts.create_workspace(session, "Acme", owner, "acme")
        _, plain = accounts.create_token(session, owner, "bench")
    auth = {"Authorization": f"Bearer {plain}"}
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(runtime, worker=True), host="127.0.0.1",
                                           port=port, log_level="warning"))
    serving = threading.Thread(target=server.run, daemon=True)
    serving.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    database = folder / "tandem.db"
    imported: list[float] = []
    phases = [
        ("baseline", _phase(base, auth, lambda: time.sleep(args.baseline))),
        (f"lock held {args.hold:g} s", _phase(base, auth,
                                              lambda: _hold_lock(database, args.hold))),
        (f"import of {args.products:,} products", _phase(
            base, auth, lambda: imported.append(_import(base, auth, args.products)))),
    ]
    server.should_exit = True
    serving.join()
    runtime.close()
    print(f"Machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"Import of {args.products:,} products through the API job: {imported[0]:.1f} s\n")
    print("| phase | requests | count | 5xx or failed | p50 | p99 | max |")
    print("|---|---|---|---|---|---|---|")
    for name, recorder in phases:
        print("\n".join(_rows(name, recorder)))


if __name__ == "__main__":
    main()
