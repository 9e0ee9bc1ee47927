"""A real `tandem worker` process killed mid-job: the next one finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tandem.platform.actor import LocalAdmin
from tandem.platform.jobs import service
from tests.cli.helpers import Cli

from .support import job_row, wait_until

SCRIPT = Path(__file__).with_name("run_cli.py")


def start_worker(cli: Cli, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TANDEM_DATABASE_URL": cli.url, "TANDEM_DATA_DIR": str(cli.data_dir),
           "TANDEM_JOB_POLL_SECONDS": "0.05"}
    for name in ("TANDEM_URL", "TANDEM_TOKEN", "TANDEM_WORKSPACE"):
        env.pop(name, None)
    with log.open("ab") as sink:
        return subprocess.Popen([sys.executable, str(SCRIPT), "worker"], env=env,
                                stdout=sink, stderr=subprocess.STDOUT)


def test_killed_worker_leaves_the_job_to_the_next(acme: Cli, tmp_path: Path) -> None:
    rt = acme.runtime()
    go = tmp_path / "go"
    log = tmp_path / "worker.log"
    with rt.scope(LocalAdmin(), "acme") as scope:
        job_id = service.enqueue(scope, "test.gate", {"gate": str(go)}).id

    first = start_worker(acme, log)
    try:
        wait_until(lambda: job_row(rt, job_id).progress > 0, timeout=30)
    finally:
        first.kill()  # SIGKILL: no chance to clean up
        first.wait(10)
    job = job_row(rt, job_id)
    assert (job.status, job.attempts) == ("running", 1), log.read_text()

    go.touch()
    second = start_worker(acme, log)
    try:
        wait_until(lambda: job_row(rt, job_id).status == "succeeded", timeout=30)
    finally:
        second.send_signal(signal.SIGTERM)
        code = second.wait(10)
    rt.close()
    job = job_row(rt, job_id)
    assert (job.status, job.attempts) == ("succeeded", 2), log.read_text()
    assert code == 0, log.read_text()
    assert "1 job(s) were left running by a stopped worker" in log.read_text()
