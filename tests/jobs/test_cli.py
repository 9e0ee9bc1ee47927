"""`tandem job ...` and `wait_for`, locally (in-process API) and with --url (a TestClient)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from rich.console import Console

from tandem.accounts import service as accounts
from tandem.api.app import create_api
from tandem.cli import jobs as jobs_cli
from tandem.cli import output
from tandem.cli.client import local_client
from tandem.cli.state import State
from tandem.platform.actor import LocalAdmin
from tandem.platform.jobs import service
from tandem.platform.jobs.worker import Background
from tandem.runtime import Runtime
from tests.cli.helpers import Cli

from .support import gate, job_row, make_worker

SERVER = "http://tandem.test"


class Watched(io.StringIO):
    """A terminal's screen: opens gate `g` once the bar shows the handler's message."""

    def write(self, text: str) -> int:
        if "halfway" in text:
            gate("g").set()
        return super().write(text)


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs_cli, "POLL_SECONDS", 0.01)


@pytest.fixture
def screen(monkeypatch: pytest.MonkeyPatch) -> Watched:
    watched = Watched()
    monkeypatch.setattr(output, "err", Console(file=watched, force_terminal=True, width=120))
    return watched


@pytest.fixture
def rt(any_acme: Cli) -> Iterator[Runtime]:
    runtime = any_acme.runtime()
    yield runtime
    runtime.close()


@pytest.fixture
def worker(rt: Runtime) -> Iterator[Background]:
    background = Background.start(make_worker(rt))
    assert background is not None
    yield background
    background.stop()


def enqueue(rt: Runtime, kind: str = "test.echo", **args: Any) -> int:
    with rt.scope(LocalAdmin(), "acme") as scope:
        return service.enqueue(scope, kind, args).id


def remote(cli: Cli, rt: Runtime, *args: str) -> Any:
    with rt.session() as session:
        owner = accounts.get_user_by_email(session, "owner@example.com")
        token = accounts.create_token(session, owner, "test")[1]
    outer = FastAPI()
    outer.mount("/api/v1", create_api(rt))
    with TestClient(outer, base_url=SERVER) as client:
        return cli("--url", SERVER, "--token", token, *args, obj=State(http_client=client))


def test_wait_shows_a_progress_bar_locally(any_acme: Cli, rt: Runtime, worker: Background,
                                           screen: Watched) -> None:
    job_id = enqueue(rt, text="hi", gate="g")
    done = any_acme.ok("job", "wait", str(job_id))
    assert f"Job {job_id} (Echo the text) succeeded." in done.stdout
    assert "hi" in done.stdout and "echo" in done.stdout
    shown = screen.getvalue()
    assert f"Job {job_id} (Echo the text)" in shown and "50%" in shown
    assert "halfway" in shown and "━" in shown


def test_wait_shows_a_progress_bar_remotely(any_acme: Cli, rt: Runtime, worker: Background,
                                            screen: Watched) -> None:
    job_id = enqueue(rt, text="far", gate="g")
    done = remote(any_acme, rt, "job", "wait", str(job_id), "--json")
    assert done.exit_code == 0, done.output
    job = json.loads(done.stdout)
    assert (job["status"], job["result"]["echo"]) == ("succeeded", "far")
    assert "50%" in screen.getvalue() and "halfway" in screen.getvalue()


def test_wait_is_silent_off_a_terminal(acme: Cli) -> None:
    rt = acme.runtime()
    background = Background.start(make_worker(rt))
    assert background is not None
    try:
        job_id = enqueue(rt, text="quiet")
        done = acme.ok("job", "wait", str(job_id))
    finally:
        background.stop()
        rt.close()
    assert done.stderr == ""
    assert f"Job {job_id} (Echo the text) succeeded." in done.stdout


def test_failed_and_cancelled_jobs_exit_non_zero(any_acme: Cli, rt: Runtime,
                                                 worker: Background) -> None:
    failing = enqueue(rt, "test.flaky")
    failed = any_acme("job", "wait", str(failing))
    assert failed.exit_code == 1
    assert failed.stderr == (f"Error: Job {failing} (Fail, maybe recover) failed: "
                             "ValueError: boom on attempt 3\n")
    assert job_row(rt, failing).attempts == 3
    worker.stop()
    queued = enqueue(rt)
    assert "was cancelled" in any_acme.ok("job", "cancel", str(queued)).stdout
    cancelled = any_acme("job", "wait", str(queued))
    assert cancelled.exit_code == 1
    assert cancelled.stderr == f"Error: Job {queued} (Echo the text) was cancelled.\n"


def test_list_show_and_cancel(any_acme: Cli, rt: Runtime) -> None:
    first, second = enqueue(rt, text="a"), enqueue(rt, text="b")
    listed = json.loads(any_acme.ok("job", "list", "--json").stdout)
    assert [j["id"] for j in listed["items"]] == [second, first]
    table = any_acme.ok("job", "list").stdout
    assert "Echo the text" in table and "queued" in table and "Showing 1-2 of 2." in table
    shown = any_acme.ok("job", "show", str(first)).stdout
    assert "local administrator" in shown and "queued" in shown
    assert "was cancelled" in remote(any_acme, rt, "job", "cancel", str(first)).stdout
    only = json.loads(any_acme.ok("job", "list", "--status", "cancelled", "--json").stdout)
    assert [j["id"] for j in only["items"]] == [first]
    missing = any_acme("job", "show", "999")
    assert missing.exit_code == 1 and missing.stderr == "Error: No job 999.\n"


def test_wait_for_no_wait_says_how_to_follow(rt: Runtime, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    api = local_client(rt)
    job = api.json("GET", f"/workspaces/acme/jobs/{enqueue(rt)}")
    assert jobs_cli.wait_for(api, job, no_wait=True) is job
    assert capsys.readouterr().out == (
        f"Started Job {job['id']} (Echo the text). Follow it with `tandem job wait "
        f"{job['id']}`.\n")
    api.close()


def test_worker_is_local_only_and_one_per_sqlite_database(acme: Cli) -> None:
    remote_worker = acme("--url", SERVER, "worker")
    assert remote_worker.exit_code == 2
    assert "`tandem worker` works on the local database only" in remote_worker.stderr
    rt = acme.runtime()
    with make_worker(rt, "holder"):
        busy = acme("worker")
    rt.close()
    assert busy.exit_code == 1
    assert busy.stderr.startswith("Error: Another worker is already running on this SQLite "
                                  f"database (it holds {Path(acme.data_dir) / 'worker.lock'})")


def test_serve_runs_a_worker_unless_told_not_to(acme: Cli, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    asked: list[bool] = []

    def fake_app(runtime: Runtime, vendor_dir: Any = None, worker: bool = False,
                 **more: Any) -> FastAPI:
        asked.append(worker)
        return FastAPI()

    monkeypatch.setattr("tandem.server.create_app", fake_app)
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: None)
    assert "background jobs run here too" in acme.ok("serve").stderr
    assert "run `tandem worker` for jobs" in acme.ok("serve", "--no-worker").stderr
    acme.extra_env["TANDEM_WORKER_IN_PROCESS"] = "false"
    acme.ok("serve")
    assert asked == [True, False, False]
