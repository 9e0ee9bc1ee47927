"""Load: reads during a large evidence import, and the API's read throughput against a bare
endpoint of the same framework (issue 11 item 7; figures in docs/reliability.md).

Run: .venv/bin/python bench/bench_load.py [import|throughput|all] [--rows 100000]
                                         [--postgres URL] [--seconds 8]

- import: Tandem runs as a team would run it (docs/operations.md): `tandem serve --no-worker`
  in one process and `tandem worker` in another, over a fresh database. A CSV of `--rows`
  rows (bench_imports.write_csv) is uploaded to the evidence import route (202 and a job);
  4 reader threads (GET /me, the evidence list, the opportunity list, one evidence item;
  10 ms apart) measure every read from before the upload until the job has finished.
  Reported per phase (baseline, upload, import job): count, failures, p50, p99, max.
- throughput: the same server, and a bare FastAPI app with one GET route answering a small
  JSON object, each served by uvicorn in its own process with the same options. An asyncio
  httpx client in this process sends requests at concurrency 1, 16 and 64 for `--seconds`
  each. Tandem's reads are authenticated (a bearer token) and touch the database; the bare
  endpoint does neither, so the ratio is the whole cost of the app over the framework.

The load generator shares the machine with the servers: on 2 cores the client's own CPU
caps the highest rates, for the bare endpoint most, so ratios at 16 and 64 are upper bounds
of Tandem's cost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_imports import write_csv

from tandem.accounts import service as accounts
from tandem.runtime import Runtime
from tandem.settings import Settings

PASSWORD = "bench-password-1"
BIN = Path(sys.executable).parent
BARE_APP = '''
from fastapi import FastAPI
app = FastAPI()

@app.get("/ping")
def ping() -> dict[str, object]:
    return {"ok": True, "service": "bare"}
'''


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_up(url: str, process: subprocess.Popen[bytes], seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


@contextmanager
def _process(args: list[str], env: dict[str, str], cwd: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


class Setup:
    """A fresh database with one owner, one workspace and a token; the servers' settings."""

    def __init__(self, folder: Path, database_url: str) -> None:
        self.folder = folder
        self.env = {**os.environ, "TANDEM_DATA_DIR": str(folder),
                    "TANDEM_DATABASE_URL": database_url, "TANDEM_SECRET_KEY": "b" * 48,
                    "TANDEM_ENVIRONMENT": "development", "TANDEM_JOB_POLL_SECONDS": "0.2",
                    "TANDEM_EMBEDDER": "hashing",
                    "TANDEM_IMPORT_MAX_MEGABYTES": "512",
                    "TANDEM_MAX_IMPORT_BYTES": str(512 * 2**20)}
        runtime = Runtime(Settings(data_dir=folder, database_url=database_url,
                                   secret_key="b" * 48))
        with runtime.session() as session:
            owner = accounts.create_user(session, "bench@example.com", PASSWORD)
            accounts.create_workspace(session, "Acme", owner, "acme")
            _, plain = accounts.create_token(session, owner, "bench")
        runtime.close()
        self.auth = {"Authorization": f"Bearer {plain}"}

    @contextmanager
    def tandem(self, worker: bool) -> Iterator[str]:
        port = _free_port()
        serve = [str(BIN / "tandem"), "serve", "--no-worker", "--port", str(port),
                 "--log-level", "warning"]
        with _process(serve, self.env, self.folder) as server:
            base = f"http://127.0.0.1:{port}"
            _wait_up(base + "/api/v1/me", server)
            if not worker:
                yield base
                return
            with _process([str(BIN / "tandem"), "worker"], self.env, self.folder):
                yield base


# --- reads during an import --------------------------------------------------------------

class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.phase = "baseline"
        self.samples: dict[str, list[float]] = {}
        self.failed: dict[str, int] = {}

    def add(self, seconds: float, ok: bool) -> None:
        with self.lock:
            self.samples.setdefault(self.phase, []).append(seconds)
            if not ok:
                self.failed[self.phase] = self.failed.get(self.phase, 0) + 1


def _reader(stop: threading.Event, recorder: Recorder, client: httpx.Client,
            path: Callable[[], str]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        try:
            ok = client.get(path()).status_code < 400
        except httpx.HTTPError:
            ok = False
        recorder.add(time.perf_counter() - started, ok)
        time.sleep(0.01)


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def reads_during_import(setup: Setup, rows: int, baseline: float) -> list[str]:
    csv_path = setup.folder / "feedback.csv"
    size = write_csv(csv_path, rows)
    recorder = Recorder()
    lines = []
    with setup.tandem(worker=True) as base:
        with httpx.Client(base_url=base, headers=setup.auth, timeout=120) as seed:
            first = seed.post("/api/v1/workspaces/acme/evidence",
                              json={"text": "The first item, read throughout the bench"})
            first.raise_for_status()
            item = first.json()["id"]
        paths: list[Callable[[], str]] = [
            lambda: "/api/v1/me",
            lambda: "/api/v1/workspaces/acme/evidence?limit=20",
            lambda: "/api/v1/workspaces/acme/opportunities?limit=20",
            lambda: f"/api/v1/workspaces/acme/evidence/{item}"]
        stop = threading.Event()
        clients = [httpx.Client(base_url=base, headers=setup.auth, timeout=120)
                   for _ in paths]
        threads = [threading.Thread(target=_reader, args=(stop, recorder, c, p))
                   for c, p in zip(clients, paths, strict=True)]
        for thread in threads:
            thread.start()
        try:
            time.sleep(baseline)
            recorder.phase = "upload"
            started = time.perf_counter()
            with httpx.Client(base_url=base, headers=setup.auth, timeout=1200) as client:
                with csv_path.open("rb") as stream:
                    job = client.post("/api/v1/workspaces/acme/evidence/import",
                                      params={"name": "feedback.csv"}, content=stream,
                                      headers={"Content-Type": "text/csv"})
                if job.status_code != 202:
                    raise SystemExit(f"upload refused: {job.status_code} {job.text[:300]}")
                uploaded = time.perf_counter() - started
                recorder.phase = "import job"
                body: dict[str, Any] = job.json()
                while body["status"] in ("queued", "running"):
                    time.sleep(0.5)
                    body = client.get(f"/api/v1/workspaces/acme/jobs/{body['id']}").json()
                took = time.perf_counter() - started
                if body["status"] != "succeeded":
                    raise SystemExit(f"import failed: {body}")
        finally:
            stop.set()
            for thread in threads:
                thread.join()
            for client in clients:
                client.close()
    lines.append(f"Import of {rows:,} rows ({size / 2**20:.0f} MB CSV): upload "
                 f"{uploaded:.1f} s, upload to job finished {took:.1f} s "
                 f"({rows / took:,.0f} rows/s).\n")
    lines.append("| phase | reads | failed | p50 | p99 | max |")
    lines.append("|---|---|---|---|---|---|")
    for phase in ("baseline", "upload", "import job"):
        ordered = sorted(recorder.samples.get(phase, []))
        if not ordered:
            continue
        lines.append(f"| {phase} | {len(ordered):,} | {recorder.failed.get(phase, 0)} | "
                     f"{statistics.median(ordered) * 1000:.0f} ms | "
                     f"{_percentile(ordered, 0.99) * 1000:.0f} ms | "
                     f"{ordered[-1] * 1000:.0f} ms |")
    return lines


# --- throughput against a bare endpoint ---------------------------------------------------

async def _hammer(base: str, path: str, headers: dict[str, str], concurrency: int,
                  seconds: float) -> tuple[int, int, list[float]]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    latencies: list[float] = []
    failed = 0
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits,
                                 timeout=60) as client:
        await client.get(path)  # warm the connection and the app
        deadline = time.perf_counter() + seconds

        async def one() -> None:
            nonlocal failed
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    ok = (await client.get(path)).status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - started)
                failed += not ok
        await asyncio.gather(*(one() for _ in range(concurrency)))
    return len(latencies), failed, latencies


def throughput(setup: Setup, seconds: float) -> list[str]:
    bare_file = setup.folder / "bare_app.py"
    bare_file.write_text(BARE_APP, encoding="utf-8")
    port = _free_port()
    bare_cmd = [str(BIN / "uvicorn"), "bare_app:app", "--port", str(port),
                "--log-level", "warning", "--no-proxy-headers"]
    lines = ["| endpoint | concurrency | requests/s | failed | p50 | p99 | share of bare |",
             "|---|---|---|---|---|---|---|"]
    with setup.tandem(worker=False) as base, \
            _process(bare_cmd, setup.env, setup.folder) as bare:
        bare_base = f"http://127.0.0.1:{port}"
        _wait_up(bare_base + "/ping", bare)
        with httpx.Client(base_url=base, headers=setup.auth) as client:
            for n in range(20):
                client.post("/api/v1/workspaces/acme/evidence",
                            json={"text": f"Customer message number {n} for the list"})
        targets = [("bare FastAPI `GET /ping`", bare_base, "/ping", {}),
                   ("Tandem `GET /api/v1/me`", base, "/api/v1/me", setup.auth),
                   ("Tandem evidence list (20 items)", base,
                    "/api/v1/workspaces/acme/evidence?limit=20", setup.auth)]
        for concurrency in (1, 16, 64):
            bare_rate = 0.0
            for label, url, path, headers in targets:
                count, failed, latencies = asyncio.run(
                    _hammer(url, path, headers, concurrency, seconds))
                rate = count / seconds
                if url == bare_base:
                    bare_rate = rate
                ordered = sorted(latencies)
                share = f"{rate / bare_rate:.0%}" if bare_rate else ""
                lines.append(f"| {label} | {concurrency} | {rate:,.0f} | {failed} | "
                             f"{statistics.median(ordered) * 1000:.1f} ms | "
                             f"{_percentile(ordered, 0.99) * 1000:.1f} ms | {share} |")
    return lines


@contextmanager
def _database(postgres: str | None, folder: Path) -> Iterator[str]:
    if not postgres:
        yield f"sqlite:///{folder / 'tandem.db'}"
        return
    admin = create_engine(postgres, isolation_level="AUTOCOMMIT")
    name = "tandem_bench_load"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield postgres.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", nargs="?", default="all",
                        choices=("import", "throughput", "all"))
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--baseline", type=float, default=5.0)
    parser.add_argument("--postgres", help="an admin database URL: run on PostgreSQL")
    args = parser.parse_args()
    engine = "PostgreSQL" if args.postgres else "SQLite"
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}; {engine}; "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average "
          f"{os.getloadavg()[0]:.1f} at start\n")
    if args.part in ("import", "all"):
        with tempfile.TemporaryDirectory(prefix="tandem-load-") as tmp, \
                _database(args.postgres, Path(tmp)) as url:
            print("\n".join(reads_during_import(Setup(Path(tmp), url), args.rows,
                                                args.baseline)) + "\n")
    if args.part in ("throughput", "all"):
        with tempfile.TemporaryDirectory(prefix="tandem-load-") as tmp, \
                _database(args.postgres, Path(tmp)) as url:
            print("\n".join(throughput(Setup(Path(tmp), url), args.seconds)))


if __name__ == "__main__":
    main()
