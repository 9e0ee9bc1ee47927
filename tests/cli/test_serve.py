"""End to end: `tandem serve` in a real process, then `tandem --url --token` against it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .helpers import PASSWORD

STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"TANDEM_URL", "TANDEM_TOKEN", "TANDEM_WORKSPACE", "TANDEM_DATABASE_URL"}}
    env["TANDEM_DATA_DIR"] = str(data_dir)
    return env


def tandem(env: dict[str, str], *args: str, input: str | None = None
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tandem.cli", *args], env=env, input=input,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    env = _env(tmp_path / "data")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "tandem.cli", "serve", "--init", "--port",
                             str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail("tandem serve exited early:\n" + (tmp_path / "serve.log").read_text())
            try:
                if httpx.get(url + "/api/v1/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("tandem serve did not answer:\n" + (tmp_path / "serve.log").read_text())
            time.sleep(0.2)
        yield url, env
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_serve_then_use_it_remotely(server: tuple[str, dict[str, str]]) -> None:
    url, env = server
    made = tandem(env, "user", "create", "--email", "ann@example.com", "--password-stdin",
                  "--workspace-name", "Acme", input=f"{PASSWORD}\n")
    assert made.returncode == 0, made.stderr
    token = tandem(env, "--url", url, "token", "create", "--email", "ann@example.com",
                   "--password-stdin", input=f"{PASSWORD}\n")
    assert token.returncode == 0, token.stderr
    plain = token.stdout.strip()

    remote = ["--url", url, "--token", plain]
    added = tandem(env, *remote, "evidence", "add", "Served over HTTP", "--source", "email")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Created evidence 1."
    listed = tandem(env, *remote, "evidence", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [e["text"] for e in json.loads(listed.stdout)["items"]] == ["Served over HTTP"]

    missing = tandem(env, *remote, "-w", "nope", "evidence", "list")
    assert missing.returncode == 1
    assert missing.stderr == "Error: No workspace 'nope'.\n"

    # The local view of the same data agrees with the server's.
    local = tandem(env, "evidence", "list", "--json")
    assert json.loads(local.stdout)["items"][0]["source"] == "email"

    # The server runs the SQLite database's one background worker, so no second one starts.
    second = tandem(env, "worker")
    assert second.returncode == 1
    assert second.stderr.startswith("Error: Another worker is already running")
