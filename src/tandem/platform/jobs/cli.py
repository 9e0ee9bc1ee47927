"""Jobs in the CLI: `tandem job list|show|cancel|wait`, `tandem worker`, and `wait_for`.

A command that starts slow work gets the job back from the API (202) and hands it to
`wait_for`, which follows it with a progress bar on stderr and ends like the job did.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from sqlalchemy.engine import make_url

from tandem.cli import output
from tandem.cli.jobs import job_name, wait_for
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, local_runtime, workspace_of

job_app = typer.Typer(help="Background jobs: follow, list and cancel them.",
                      no_args_is_help=True)
JobId = Annotated[int, typer.Argument(help="The job's number.", min=1)]


def _job(ctx: typer.Context, workspace: str | None, job_id: int, tail: str = "") -> str:
    return client(ctx).ws(workspace_of(ctx, workspace), f"/jobs/{job_id}{tail}")


@job_app.command("list")
def job_list(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(
        help="Only jobs with this status: queued, running, succeeded, failed, cancelled.")
    ] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many.")] = 0,
    limit: Annotated[int, typer.Option(min=1, max=200, help="Show at most this many.")] = 50,
    workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """List the workspace's background jobs, newest first."""
    api = client(ctx)
    params: dict[str, Any] = {"offset": offset, "limit": limit}
    if status:
        params["status"] = status
    page = api.json("GET", api.ws(workspace_of(ctx, workspace), "/jobs"), params=params)
    if json_out:
        output.print_json(page)
        return
    output.table(["ID", "Job", "Status", "Progress", "Message", "Asked by", "Created"],
                 [(j["id"], j["label"], j["status"], f"{j['progress']}%", j["message"],
                   j["requested_by"], j["created_at"][:16].replace("T", " "))
                  for j in page["items"]], wide=["Message"], keep=["Status"])
    output.page_footer(len(page["items"]), page["total"], page["offset"],
                       page["next_offset"])


@job_app.command("show")
def job_show(ctx: typer.Context, job_id: JobId, workspace: WorkspaceOpt = None,
             json_out: JsonOpt = False) -> None:
    """Show one job: status, progress, result or error."""
    job = client(ctx).json("GET", _job(ctx, workspace, job_id))
    if json_out:
        output.print_json(job)
        return
    output.details({k: v for k, v in job.items() if k not in ("url", "result")},
                   title=job_name(job))
    if job.get("result"):
        output.details(job["result"], title="Result")


@job_app.command("cancel")
def job_cancel(ctx: typer.Context, job_id: JobId, workspace: WorkspaceOpt = None,
               json_out: JsonOpt = False) -> None:
    """Cancel a job: at once when it is queued, at its next step when it runs."""
    job = client(ctx).json("POST", _job(ctx, workspace, job_id, "/cancel"))
    if json_out:
        output.print_json(job)
    elif job["status"] == "cancelled":
        output.success(f"{job_name(job)} was cancelled.")
    else:
        output.success(f"{job_name(job)} was asked to stop; it stops at its next step.")


@job_app.command("wait")
def job_wait(ctx: typer.Context, job_id: JobId, workspace: WorkspaceOpt = None,
             json_out: JsonOpt = False) -> None:
    """Follow a job to its end; exits 1 when it failed or was cancelled."""
    api = client(ctx)
    wait_for(api, api.json("GET", _job(ctx, workspace, job_id)), json_out=json_out)


@contextmanager
def _stop_on_signals(worker: Any) -> Iterator[None]:
    """First Ctrl+C or SIGTERM: finish the running job, then stop. Second: stop now and
    put the job back in the queue."""
    def handle(signum: int, _frame: Any) -> None:
        if worker.stopping:
            output.warn("Stopping now; the running job goes back in the queue.")
            worker.stop(now=True)
        else:
            output.warn("Stopping after the running job (Ctrl+C again to stop now).")
            worker.stop()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def worker(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(
        help="How this worker is named on the jobs it runs (default: host:pid).")] = None,
) -> None:
    """Run background jobs until stopped (Ctrl+C or SIGTERM). Local database only; on
    PostgreSQL several may run at once, on SQLite one."""
    from tandem.platform.jobs.worker import Worker

    runtime = local_runtime(ctx, "worker")
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    runner = Worker.from_settings(runtime, name)
    with runner:
        where = make_url(runtime.settings.database_url).render_as_string(hide_password=True)
        output.info(f"Worker {runner.name} runs jobs from {where}. Ctrl+C stops it.",
                    to_stderr=True)
        with _stop_on_signals(runner):
            runner.run_forever()


def register(app: typer.Typer) -> None:
    app.add_typer(job_app, name="job")
    app.command("worker")(worker)
