"""Following a background job from the terminal: any command that starts slow work gets the
job back from the API (202) and hands it to `wait_for`, which polls it with a progress bar on
stderr and ends like the job did."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from tandem.cli import output
from tandem.cli.client import API_PATH, ApiClient
from tandem.errors import TandemError

POLL_SECONDS = 0.5
QUEUED_HINT_SECONDS = 10.0
ACTIVE = ("queued", "running")


def _path(job: dict[str, Any]) -> str:
    """The job's URL below the API root the client speaks to."""
    url = str(job["url"])
    return url[len(API_PATH):] if url.startswith(API_PATH + "/") else url


def job_name(job: dict[str, Any]) -> str:
    return f"Job {job['id']} ({job['label']})"


def wait_for(api: ApiClient, job: dict[str, Any], no_wait: bool = False, *,
             json_out: bool = False, poll: float | None = None) -> dict[str, Any]:
    """Follow `job` (as the API returned it) to its end and report it: the result when it
    succeeded; a TandemError (exit 1) when it failed or was cancelled. With `no_wait`, say
    how to follow it later and return at once."""
    if no_wait:
        if json_out:
            output.print_json(job)
        else:
            output.info(f"Started {job_name(job)}. Follow it with `tandem job wait {job['id']}`.")
        return job
    job = _follow(api, job, POLL_SECONDS if poll is None else poll)
    if json_out:
        output.print_json(job)
    if job["status"] == "succeeded":
        if not json_out:
            output.success(f"{job_name(job)} succeeded.")
            if job.get("result"):
                output.details(job["result"])
        return job
    if job["status"] == "cancelled":
        raise TandemError(f"{job_name(job)} was cancelled.")
    raise TandemError(f"{job_name(job)} failed: {job.get('error') or 'no reason given'}")


def follow(api: ApiClient, job: dict[str, Any], poll: float | None = None) -> dict[str, Any]:
    """Poll `job` to its end with the progress bar, and return it however it ended (for
    commands that report the outcome themselves)."""
    return _follow(api, job, POLL_SECONDS if poll is None else poll)


@contextmanager
def worker_here(ctx: typer.Context) -> Iterator[None]:
    """Locally (no --url) a command that waits for its job runs a worker in this process
    while it waits, unless one already runs on this database (`tandem serve`)."""
    from tandem.cli.state import local_runtime, state_of
    from tandem.platform.jobs.worker import Background, Worker

    if state_of(ctx).remote:
        yield
        return
    background = Background.start(Worker.from_settings(local_runtime(ctx, "worker")))
    try:
        yield
    finally:
        if background is not None:
            background.stop()


def _follow(api: ApiClient, job: dict[str, Any], poll: float) -> dict[str, Any]:
    """Poll until the job ends, with a bar (percent and message) on a terminal only."""
    path = _path(job)
    started = time.monotonic()
    hinted = False
    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                  TextColumn("{task.fields[message]}"), TimeElapsedColumn(),
                  console=output.err, transient=True,
                  disable=not output.err.is_terminal) as bar:
        task = bar.add_task(job_name(job), total=100, completed=job["progress"],
                            message=job["message"])
        try:
            while job["status"] in ACTIVE:
                time.sleep(poll)
                job = api.json("GET", path)
                bar.update(task, completed=job["progress"], message=job["message"],
                           refresh=True)
                waited = time.monotonic() - started
                if job["status"] == "queued" and not hinted and waited > QUEUED_HINT_SECONDS:
                    hinted = True
                    bar.console.print(f"{job_name(job)} is still queued: is a worker running? "
                                      "`tandem worker` or `tandem serve` runs one.",
                                      markup=False, highlight=False)
        except KeyboardInterrupt:
            bar.stop()
            output.warn(f"Stopped waiting; the job goes on. `tandem job wait {job['id']}` "
                        "follows it again.")
            raise typer.Exit(130) from None
    return job
