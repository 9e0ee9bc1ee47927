"""Eight writers, one object or many, through the API and the web's edit form: lost updates
with and without versions (docs/reliability.md, "Concurrent edits").

Run: .venv/bin/python bench/bench_concurrency.py [--seconds 20] [--writers 8]
        [--engines sqlite,postgresql] [--objects 50] [--faces api,web]

Serves the real app with uvicorn on a free loopback port (SQLite in a temporary folder, or a
fresh PostgreSQL database at TANDEM_BENCH_POSTGRES_URL's server), and runs `--writers`
threads, each with its own httpx client, for `--seconds` per scenario. Each write is a
read-modify-write of a counter (an opportunity's `reach`): GET, add one, PATCH. With
If-Match the PATCH names the ETag it read and a 412 means "re-read and try again"; without
it (the "blind" rows, how every client wrote before versions) it always goes ahead. An
accepted write that the final counter does not count is a lost update:
lost = accepted - (final - initial), summed over the objects.

Through the web each writer signs in and submits the edit form as a browser would (the
hidden version and original values included), appending its own mark to the opportunity's
problem text; a 409 conflict page means "open the form again and retry". Blind web writes
post the form without the hidden fields, as forms did before versions. A web write is lost
when its mark is missing from the final text.

Prints a Markdown table: engine, face, objects, mode, accepted writes, refused (412 or 409),
5xx, lost updates.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import random
import re
import socket
import sqlite3
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import create_engine, text

from tandem.accounts import service as accounts
from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.settings import Settings

PG_ADMIN = os.environ.get("TANDEM_BENCH_POSTGRES_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
URL = "/api/v1/workspaces/acme/opportunities"
EMAIL, PASSWORD = "bench@example.com", "bench-password-1"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    accepted: dict[int, int] = field(default_factory=dict)
    marks: dict[int, list[str]] = field(default_factory=dict)
    stale: int = 0
    server_errors: int = 0
    other: int = 0

    def count(self, status: int, obj_id: int, mark: str = "") -> None:
        with self.lock:
            if status in (200, 303):
                self.accepted[obj_id] = self.accepted.get(obj_id, 0) + 1
                self.marks.setdefault(obj_id, []).append(mark)
            elif status in (409, 412):
                self.stale += 1
            elif status >= 500:
                self.server_errors += 1
            else:
                self.other += 1


def _writer(base: str, auth: dict[str, str], targets: list[int], if_match: bool,
            stop: threading.Event, tally: Tally, seed: int) -> None:
    pick = random.Random(seed)
    with httpx.Client(base_url=base, headers=auth, timeout=120) as client:
        while not stop.is_set():
            obj_id = pick.choice(targets)
            try:
                got = client.get(f"{URL}/{obj_id}")
                if got.status_code != 200:
                    tally.count(got.status_code if got.status_code >= 500 else 0, obj_id)
                    continue
                headers = {"If-Match": got.headers["ETag"]} if if_match else {}
                answer = client.patch(f"{URL}/{obj_id}", headers=headers,
                                      json={"reach": (got.json()["reach"] or 0) + 1})
                tally.count(answer.status_code, obj_id)
            except httpx.HTTPError:
                tally.count(599, obj_id)


def _web_writer(base: str, targets: list[int], versioned: bool, stop: threading.Event,
                tally: Tally, seed: int) -> None:
    pick = random.Random(seed)
    with httpx.Client(base_url=base, timeout=120) as client:
        client.get("/signin")
        csrf = client.cookies["tandem_csrf"]
        signed = client.post("/signin", data={"csrf_token": csrf, "email": EMAIL,
                                              "password": PASSWORD})
        if signed.status_code != 303:
            raise SystemExit(f"sign-in failed: {signed.status_code}")
        n = 0
        while not stop.is_set():
            obj_id = pick.choice(targets)
            edit = f"/w/acme/opportunities/{obj_id}/edit"
            try:
                page = client.get(edit)
                if page.status_code != 200:
                    tally.count(page.status_code if page.status_code >= 500 else 0, obj_id)
                    continue
                form = page.text.split('class="card form-card"', 1)[1].split("</form>", 1)[0]
                hidden = {k: html.unescape(v) for k, v in HIDDEN.findall(form)}
                values = json.loads(hidden["_original"])
                mark = f"w{seed}.{n};"
                n += 1
                values["problem"] = values.get("problem", "") + mark
                data = {**values, "csrf_token": hidden.get("csrf_token", csrf)}
                if versioned:
                    data |= {"_version": hidden["_version"], "_original": hidden["_original"]}
                answer = client.post(edit, data=data)
                tally.count(answer.status_code, obj_id, mark)
            except httpx.HTTPError:
                tally.count(599, obj_id)


def _scenario(base: str, auth: dict[str, str], face: str, objects: int, if_match: bool,
              writers: int, seconds: float) -> tuple[Tally, int]:
    with httpx.Client(base_url=base, headers=auth, timeout=60) as client:
        targets = []
        for _ in range(objects):
            made = client.post(URL, json={"title": f"Counter {uuid.uuid4().hex[:12]}",
                                          "reach": 0, "problem": ""})
            made.raise_for_status()
            targets.append(int(made.json()["id"]))
    tally, stop = Tally(), threading.Event()
    if face == "web":
        threads = [threading.Thread(target=_web_writer, args=(base, targets, if_match, stop,
                                                              tally, n)) for n in range(writers)]
    else:
        threads = [threading.Thread(target=_writer, args=(base, auth, targets, if_match,
                                                          stop, tally, n))
                   for n in range(writers)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    with httpx.Client(base_url=base, headers=auth, timeout=60) as client:
        final = {i: client.get(f"{URL}/{i}").json() for i in targets}
    if face == "web":
        lost = sum(1 for i, marks in tally.marks.items() for m in marks
                   if m not in final[i]["problem"])
    else:
        lost = sum(tally.accepted.values()) - sum(int(o["reach"]) for o in final.values())
    return tally, lost


def _postgres_database() -> tuple[str, str]:
    name = f"tandem_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", name


def _drop_postgres(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def run_engine(engine: str, args: argparse.Namespace) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="tandem-bench-conc-"))
    pg_name = None
    options: dict[str, object] = {}
    if engine == "postgresql":
        url, pg_name = _postgres_database()
        options["database_url"] = url
    runtime = Runtime(Settings(data_dir=folder, secret_key="b" * 48, **options))  # type: ignore[arg-type]
    with runtime.session() as session:
        owner = accounts.create_user(session, EMAIL, PASSWORD)
        accounts.create_workspace(session, "Acme", owner, "acme")
        _, plain = accounts.create_token(session, owner, "bench")
    auth = {"Authorization": f"Bearer {plain}"}
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(runtime), host="127.0.0.1", port=port,
                                           log_level="warning"))
    serving = threading.Thread(target=server.run, daemon=True)
    serving.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for face in args.faces.split(","):
            for objects in (1, args.objects):
                for versioned in (True, False):
                    tally, lost = _scenario(base, auth, face.strip(), objects, versioned,
                                            args.writers, args.seconds)
                    accepted = sum(tally.accepted.values())
                    share = f" ({lost / accepted:.0%})" if accepted and lost else ""
                    mode = ("blind" if not versioned else "If-Match, retry on 412"
                            if face.strip() == "api" else "versioned form, retry on 409")
                    rows.append(f"| {engine} | {face.strip()} | {objects} | {mode} | "
                                f"{accepted:,} | {tally.stale:,} | {tally.server_errors} | "
                                f"{tally.other} | {lost:,}{share} |")
                    print(rows[-1], flush=True)
    finally:
        server.should_exit = True
        serving.join()
        runtime.close()
        if pg_name:
            _drop_postgres(pg_name)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--objects", type=int, default=50, help="for the many-objects runs")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--faces", default="api,web")
    args = parser.parse_args()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; "
          f"{args.writers} writers, {args.seconds:g} s per row\n")
    print("| engine | face | objects | writes | accepted | refused (412/409) | 5xx | other | "
          "lost updates |")
    print("|---|---|---|---|---|---|---|---|---|")
    for engine in args.engines.split(","):
        run_engine(engine.strip(), args)


if __name__ == "__main__":
    main()
