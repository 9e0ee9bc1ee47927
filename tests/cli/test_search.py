"""`tandem search`: rebuilding the index waits with a progress bar, locally and remotely."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from rich.console import Console

from tandem.api.app import create_api
from tandem.cli import output
from tandem.cli.state import State
from tandem.platform.jobs.worker import Background
from tandem.runtime import Runtime
from tests.api.conftest import token_for
from tests.cli.helpers import Cli
from tests.jobs.support import make_worker
from tests.loop.reindex_support import finds, owner_of, seed


@pytest.fixture
def acme_rt(any_acme: Cli) -> Iterator[Runtime]:
    runtime = any_acme.runtime()
    seed(runtime)
    yield runtime
    runtime.close()


@pytest.fixture
def worker(acme_rt: Runtime) -> Iterator[Background]:
    background = Background.start(make_worker(acme_rt))
    assert background is not None
    yield background
    background.stop()


def test_cli_waits_with_a_progress_bar_locally(any_acme: Cli, acme_rt: Runtime,
                                               worker: Background,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(output, "err", Console(file=screen, force_terminal=True, width=120))
    done = any_acme.ok("search", "reindex")
    assert "(Rebuild the search index) succeeded." in done.stdout and "3" in done.stdout
    assert "Rebuild the search index" in screen.getvalue()
    assert finds(acme_rt, "swaps") == ["Shift swaps"]


def test_cli_no_wait_then_remote_wait(any_acme: Cli, acme_rt: Runtime) -> None:
    started = json.loads(any_acme.ok("search", "reindex", "--no-wait", "--json").stdout)
    assert started["status"] == "queued"
    assert make_worker(acme_rt).run_once()
    token = token_for(acme_rt, owner_of(acme_rt))["Authorization"].split()[1]
    outer = FastAPI()
    outer.mount("/api/v1", create_api(acme_rt))
    with TestClient(outer, base_url="http://tandem.test") as http:
        waited = any_acme("--url", "http://tandem.test", "--token", token, "job", "wait",
                          str(started["id"]), "--json", obj=State(http_client=http))
    assert waited.exit_code == 0, waited.output
    assert json.loads(waited.stdout)["result"] == {"indexed": 3}
